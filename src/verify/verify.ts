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

export function runVerify(template: string, file: string, cwd: string): Promise<VerifyResult> {
  const command = verifyCommandFor(template, file);
  const started = performance.now();
  return new Promise((resolvePromise) => {
    const child = spawn('sh', ['-c', command], { cwd, env: { ...process.env, MIX_ENV: process.env['MIX_ENV'] ?? 'test' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-64_000)));
    child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-64_000)));
    child.on('error', (error) => resolvePromise({ passed: false, ms: performance.now() - started, tail: `could not run \`${command}\`: ${error.message}` }));
    child.on('close', (code) => {
      const tail = output.trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
      resolvePromise({ passed: code === 0, ms: Math.round(performance.now() - started), tail });
    });
  });
}
