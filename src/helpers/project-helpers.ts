// The wait helpers of the Mix project each test file belongs to. In an umbrella, or a repository
// whose Mix project sits in a subdirectory (`app/mix.exs`), a rewritten test must import a helpers
// module its own project compiles: the one under that project's test/support, named after it.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { detectHelpers, type ProjectHelpers } from './detect.js';
import { initProject } from './init.js';

/** The nearest directory above `file`, up to `root`, that holds a mix.exs; `root` when none does. */
export function mixProjectDir(root: string, file: string): string {
  const top = resolve(root);
  for (let dir = dirname(resolve(file)); dir.startsWith(top); dir = dirname(dir)) {
    if (existsSync(join(dir, 'mix.exs'))) return dir;
    if (dir === top) break;
  }
  return top;
}

export class HelpersByProject {
  private constructor(
    private readonly root: string,
    private readonly known: Map<string, ProjectHelpers>,
  ) {}

  /** Reads the helpers of every Mix project that holds one of `files` (absolute paths), and the root's. */
  static async load(root: string, files: readonly string[]): Promise<HelpersByProject> {
    const dirs = new Set([resolve(root), ...files.map((file) => mixProjectDir(root, file))]);
    const known = new Map<string, ProjectHelpers>();
    for (const dir of dirs) known.set(dir, await detectHelpers(dir));
    return new HelpersByProject(resolve(root), known);
  }

  /** The helpers `file` (absolute) may call. */
  for(file: string): ProjectHelpers {
    return this.known.get(mixProjectDir(this.root, file)) ?? this.known.get(this.root)!;
  }

  /** Where the helpers module for `file` would be written, relative to the root (`apps/api/test/support/wait_helpers.ex`). */
  generatedPathFor(file: string): string {
    const dir = mixProjectDir(this.root, file);
    return relative(this.root, join(dir, this.for(file).generatedPath)).split(sep).join('/');
  }

  /** Writes the helpers module into `file`'s Mix project (as `sleepless init` does there); returns what was done. */
  async setUp(file: string): Promise<string[]> {
    const dir = mixProjectDir(this.root, file);
    const init = await initProject(dir, { allowlist: false });
    this.known.set(dir, await detectHelpers(dir));
    const where = relative(this.root, dir).split(sep).join('/');
    return where ? init.messages.map((message) => `${where}: ${message}`) : init.messages;
  }
}
