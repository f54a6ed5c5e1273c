// Spawns `sleepless ARGS` (or a module) as a real process, from the TypeScript sources through
// ts-loader.mjs, for the tests that send it signals or run two of it at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REGISTER = fileURLToPath(new URL('./register-ts.mjs', import.meta.url));
const ENTRY = fileURLToPath(new URL('./cli-entry.mjs', import.meta.url));

export interface Spawned {
  child: ChildProcess;
  /** Resolves when the process has exited, with everything it printed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export function spawnCli(args: string[], cwd: string): Spawned {
  return spawnNode([ENTRY, ...args], cwd);
}

/** Runs an ES module given as source text, with the TypeScript sources importable. */
export function spawnModule(source: string, cwd: string): Spawned {
  return spawnNode(['--input-type=module', '-e', source], cwd);
}

function spawnNode(args: string[], cwd: string): Spawned {
  const child = spawn(process.execPath, ['--import', REGISTER, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** A URL to import a source module by, from a spawned module. */
export function sourceUrl(relFromRepo: string): string {
  return new URL(`../../../${relFromRepo}`, import.meta.url).href;
}
