export interface DiscoverOptions {
  /** Absolute project root: reported paths are relative to it. */
  root: string;
  /** Absolute paths from the command line, directories or files; empty means `[root]`. */
  paths: string[];
  /** Globs relative to root that add files the walk meets even if they are not test files. */
  include?: string[];
  /** Globs relative to root that remove files; a matching directory is not entered. */
  exclude?: string[];
  /** Honour .gitignore files (the root's and nested ones, as git does). Default true. */
  gitignore?: boolean;
  /**
   * Of the files found, keep only those this accepts (by `rel`), given files included: `check
   * --since` scans only what the branch changed, with the walk's own idea of a test file.
   */
  only?: (rel: string) => boolean;
  /** Called once for each file as the walk finds it (see `discover`). */
  onFile?: (file: DiscoveredFile) => void;
}

export interface DiscoveredFile {
  abs: string;
  /** Relative to the root, `/`-separated on every platform. */
  rel: string;
}

/** Something the walk could not look into: it is reported and the walk goes on. */
export interface DiscoverProblem {
  path: string;
  message: string;
}

export interface DiscoverResult {
  files: DiscoveredFile[];
  problems: DiscoverProblem[];
}
