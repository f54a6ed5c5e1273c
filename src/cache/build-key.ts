// Which build of sleepless is running: the hash the build stamps on the bundle (scripts/build.js),
// handed over by the launcher that loaded it (bin/load-bundle.js). Cached results are only ever
// reused by the build that made them. Run from the TypeScript sources there is no key, and no cache.
let key: string | undefined;

export function useBuildKey(hex: string): void {
  key = hex;
}

export function buildKey(): string | undefined {
  return key;
}
