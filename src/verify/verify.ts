// Runs the user's test command on one file (`mix test FILE` by default) and times it.
// This is the only place sleepless executes anything from the scanned project, and only when
// the user asked for --verify.
import { spawn } from 'node:child_process';

export interface VerifyResult {
  passed: boolean;
  ms: number;
  /** The last lines of the output, for the report when it failed. */
  tail: string;
}

export const DEFAULT_VERIFY_COMMAND = 'mix test {file}';
const TAIL_LINES = 25;

export function verifyCommandFor(template: string, file: string): string {
  const quoted = `'${file.replace(/'/g, `'\\''`)}'`;
  return template.includes('{file}') ? template.replaceAll('{file}', quoted) : `${template} ${quoted}`;
}

/**
 * With `signal`, the command runs in its own process group and the whole group is stopped (SIGTERM)
 * when the signal aborts or this process exits, so a Ctrl-C or SIGTERM sent to sleepless alone
 * never leaves a test run hanging or orphaned.
 */
export function runVerify(template: string, file: string, cwd: string, signal?: AbortSignal): Promise<VerifyResult> {
  const command = verifyCommandFor(template, file);
  const started = performance.now();
  if (signal?.aborted) return Promise.resolve({ passed: false, ms: 0, tail: 'not run: interrupted' });
  return new Promise((resolvePromise) => {
    const child = spawn('sh', ['-c', command], {
      cwd,
      env: { ...process.env, MIX_ENV: process.env['MIX_ENV'] ?? 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: signal !== undefined,
    });
    const stop = () => {
      try {
        if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // the group is gone already
      }
    };
    if (signal) {
      signal.addEventListener('abort', stop, { once: true });
      process.on('exit', stop);
    }
    const done = (result: VerifyResult) => {
      signal?.removeEventListener('abort', stop);
      process.off('exit', stop);
      resolvePromise(result);
    };
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-64_000)));
    child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-64_000)));
    child.on('error', (error) => done({ passed: false, ms: performance.now() - started, tail: `could not run \`${command}\`: ${error.message}` }));
    child.on('close', (code) => {
      const tail = output.trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
      done({ passed: code === 0, ms: Math.round(performance.now() - started), tail });
    });
  });
}
