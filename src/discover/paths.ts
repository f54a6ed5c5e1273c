import path from 'node:path';

/** Reports and ignore rules speak in `/`, whatever the platform's separator. */
export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** `/`-separated path of `abs` relative to `root`; '' for the root itself. */
export function relFrom(root: string, abs: string): string {
  return toPosix(path.relative(root, abs));
}

/** Plain concatenation: `path.join` normalises, which a walk of 20,000 entries pays for. */
export function childPath(dir: string, name: string): string {
  return withSep(dir) + name;
}

export function childRel(rel: string, name: string): string {
  return rel === '' ? name : `${rel}/${name}`;
}

/** Whether `p` is `dir` or below it (`/a/bc` is not below `/a/b`). */
export function isInside(dir: string, p: string): boolean {
  return p === dir || p.startsWith(withSep(dir));
}

export function withSep(dir: string): string {
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}
