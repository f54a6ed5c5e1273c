// `e` in the session: the proposed replacement goes to a temp file, $VISUAL / $EDITOR runs on it
// synchronously (it owns the terminal meanwhile), and the edited text comes back. The temp
// directory is removed whatever happens.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs the editor on `file` and waits for it; returns an error message, or null when it exited 0. */
export type RunEditor = (file: string) => string | null;

export function editorCommand(env: NodeJS.ProcessEnv): string {
  return env['VISUAL'] || env['EDITOR'] || 'vi';
}

/** The default runner: the command through `sh -c`, so `EDITOR="code --wait"` works as in git. */
export function spawnEditor(env: NodeJS.ProcessEnv): RunEditor {
  return (file) => {
    const command = editorCommand(env);
    const result = spawnSync('sh', ['-c', `${command} "$1"`, 'sleepless-editor', file], { stdio: 'inherit', env });
    if (result.error) return `could not start the editor \`${command}\`: ${result.error.message}`;
    if (result.signal) return `the editor \`${command}\` was stopped by ${result.signal}`;
    if (result.status !== 0) return `the editor \`${command}\` exited with status ${result.status}; nothing applied`;
    return null;
  };
}

/** The text after the person edited it, or an error message. */
export function editText(text: string, run: RunEditor, name = 'replacement.exs'): { text: string } | { error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sleepless-edit-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, text);
    const error = run(file);
    if (error) return { error };
    return { text: readFileSync(file, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
