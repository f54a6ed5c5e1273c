// `scan` and `check` never load what only the interactive session needs (inquirer, diff), and the
// session engine itself never imports inquirer: only its terminal adapter does.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '../../src');
const INTERACTIVE_ONLY = ['@inquirer/prompts', '@inquirer/core', 'diff'];
// Loaded only when a flag asks for it: `scan --diff` renders the proposed rewrites.
const ONLY_ON_REQUEST = [join('cli', 'scan-diff.ts')];

/** Every module `entry` can load, with the packages each imports; dynamic imports only where `dynamic` says. */
function reachable(entry: string, dynamic: (file: string) => boolean, seen = new Map<string, Set<string>>()): Map<string, Set<string>> {
  if (seen.has(entry) || ONLY_ON_REQUEST.some((f) => entry.endsWith(f))) return seen;
  const packages = new Set<string>();
  seen.set(entry, packages);
  const source = readFileSync(entry, 'utf8');
  const specifiers = [
    ...[...source.matchAll(/^import\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
    ...[...source.matchAll(/^export\s+(?!type\s)[^'";]*?\sfrom\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
    ...(dynamic(entry) ? [...source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!) : []),
  ];
  for (const specifier of specifiers) {
    if (specifier.startsWith('.')) {
      const file = resolve(dirname(entry), specifier.replace(/\.js$/, '.ts'));
      if (existsSync(file)) reachable(file, dynamic, seen);
    } else {
      packages.add(specifier);
    }
  }
  return seen;
}

function offenders(graph: Map<string, Set<string>>, banned: readonly string[]): string[] {
  return [...graph].flatMap(([file, packages]) => [...packages].filter((p) => banned.includes(p)).map((p) => `${file} → ${p}`));
}

describe('what each command loads', () => {
  for (const command of ['scan', 'check']) {
    it(`${command} never loads inquirer or diff`, () => {
      // The CLI's static graph (every command module is loaded to build the parser), plus the
      // dynamic imports of this command's handler.
      const onPath = (file: string) => !file.includes(join(SRC, 'cli')) || file.endsWith(join('commands', `${command}.ts`));
      const graph = reachable(join(SRC, 'cli/main.ts'), onPath);
      expect(graph.has(join(SRC, `${command}/${command}.ts`))).toBe(true);
      expect(offenders(graph, INTERACTIVE_ONLY)).toEqual([]);
    });
  }

  it('the session engine never imports inquirer; only the terminal adapter and its key prompt do', () => {
    const engine = reachable(join(SRC, 'review/session.ts'), () => true);
    expect(offenders(engine, ['@inquirer/prompts', '@inquirer/core'])).toEqual([]);
    const review = readdirSync(join(SRC, 'review')).filter((f) => /from '@inquirer\/|import\('@inquirer\//.test(readFileSync(join(SRC, 'review', f), 'utf8')));
    expect(review.sort()).toEqual(['key-prompt.ts', 'terminal-ask.ts']);
  });

  it('fix on a terminal reaches the session and its prompts', () => {
    const graph = reachable(join(SRC, 'cli/fix-interactive.ts'), () => true);
    expect(graph.has(join(SRC, 'review/session.ts'))).toBe(true);
    expect([...graph.values()].some((packages) => packages.has('@inquirer/prompts'))).toBe(true);
  });
});
