// Loads a module the user names (`fix -t ./my-transform.mjs`). Inside the bundle the CLI runs
// from, `import()` has no module loader to call (a script compiled from V8's code cache loses
// it), so bin/sleepless.js hands over its own; the sources, as vitest runs them, use theirs.
type Importer = (url: string) => Promise<unknown>;

let importer: Importer = (url) => import(url);

export function useImporter(load: Importer): void {
  importer = load;
}

export function importUserModule(url: string): Promise<unknown> {
  return importer(url);
}
