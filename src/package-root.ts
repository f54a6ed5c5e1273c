import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The installed package's root (where allowlist.json lives), from src/ under vitest or dist/ when built. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'allowlist.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('sleepless: cannot find its package root (allowlist.json)');
    dir = parent;
  }
  cached = dir;
  return dir;
}
