import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A scratch directory for one test: `root` is the project (its name has a space and a
 * non-ASCII letter, so every test covers them), `outside` a sibling of it.
 */
export interface Tree {
  readonly root: string;
  readonly outside: string;
  abs(rel: string): string;
  /** Creates files (and their directories) holding a line of Elixir. */
  write(...rels: string[]): Promise<void>;
  /** Creates one file with the given text, e.g. a .gitignore. */
  put(rel: string, text: string): Promise<void>;
  /** Creates a symlink at `rel` (relative to root) pointing at `target`, as given. */
  link(target: string, rel: string): Promise<void>;
  remove(): Promise<void>;
}

export async function makeTree(): Promise<Tree> {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'sleepless-discover-'));
  const root = path.join(base, 'my prøject');
  const outside = path.join(base, 'outside');
  await fs.mkdir(root);
  await fs.mkdir(outside);
  const abs = (rel: string): string => path.join(root, ...rel.split('/'));
  const put = async (rel: string, text: string): Promise<void> => {
    await fs.mkdir(path.dirname(abs(rel)), { recursive: true });
    await fs.writeFile(abs(rel), text);
  };
  return {
    root,
    outside,
    abs,
    put,
    async write(...rels) {
      for (const rel of rels) await put(rel, 'Process.sleep(100)\n');
    },
    async link(target, rel) {
      await fs.mkdir(path.dirname(abs(rel)), { recursive: true });
      await fs.symlink(target, abs(rel));
    },
    remove: () => fs.rm(base, { recursive: true, force: true }),
  };
}
