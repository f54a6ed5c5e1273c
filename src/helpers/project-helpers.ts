// The wait helpers of the Mix project each test file belongs to. In an umbrella, or a repository
// whose Mix project sits in a subdirectory (`app/mix.exs`), a rewritten test must import a helpers
// module its own project compiles: the one under that project's test/support, named after it.
import { existsSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { detectHelpers, type ProjectHelpers } from './detect.js';
import { initProject, type HelperUndo } from './init.js';
import { contentHash, writeFileAtomic } from '../write/atomic-write.js';

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
  /** What this run's setUp wrote, by Mix project directory. */
  private readonly setUpHere = new Map<string, HelperUndo>();

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
    this.setUpHere.set(dir, init.undo);
    this.known.set(dir, await detectHelpers(dir));
    const where = relative(this.root, dir).split(sep).join('/');
    return where ? init.messages.map((message) => `${where}: ${message}`) : init.messages;
  }

  /**
   * Takes out what setUp wrote into a Mix project where none of `files` (absolute paths of the test
   * files the run went through) imports the helpers module any more: --verify or undo took back
   * every rewrite that needed it. A file changed since it was written is left as it is, and said so.
   */
  async takeBackUnused(files: readonly string[]): Promise<string[]> {
    if (this.setUpHere.size === 0) return [];
    const used = new Set<string>();
    for (const file of files) {
      const module = this.for(file).generatedModule.replace(/\./g, '\\.');
      const text = await readFile(file, 'utf8').catch(() => '');
      if (new RegExp(`\\bimport\\s+${module}\\b`).test(text)) used.add(mixProjectDir(this.root, file));
    }
    const messages: string[] = [];
    for (const [dir, undo] of this.setUpHere) {
      if (used.has(dir)) continue;
      this.setUpHere.delete(dir);
      const where = (path: string) => relative(this.root, path).split(sep).join('/');
      for (const { path, text } of undo.created) {
        const now = await readFile(path, 'utf8').catch(() => null);
        if (now !== text) {
          messages.push(`helpers: ${where(path)} changed since it was written; left in place though no rewrite uses it`);
          continue;
        }
        await unlink(path);
        messages.push(`helpers: removed ${where(path)} again: every rewrite that used it was reverted`);
      }
      for (const { path, before, after } of undo.patched) {
        try {
          await writeFileAtomic(path, before, { expectedHash: contentHash(after), root: this.root });
          messages.push(`${where(path)}: put back as it was: every rewrite that needed test/support compiled was reverted`);
        } catch (error) {
          messages.push(`${where(path)}: not put back (${(error as Error).message})`);
        }
      }
    }
    return messages;
  }
}
