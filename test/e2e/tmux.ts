// A pseudo-terminal for end-to-end tests: a private tmux server (its own socket, so a developer's
// tmux is never touched) running one command in a 200×50 pane. Tests type keys and wait until the
// screen shows what they expect: tmux copies everything the program prints into a log file
// (pipe-pane), and every change to that file is an event to look at the screen again. No timer
// paces the wait; a deadline only ends a wait that would never succeed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

export interface Terminal {
  /** Keys as tmux names them: 'a', 'Enter', 'C-c'. */
  keys(...keys: string[]): void;
  /** Text typed literally. */
  type(text: string): void;
  /** The whole pane, scrollback included, wrapped lines joined, colours stripped. */
  screen(): string;
  /** Resolves when `until(screen)` holds; fails with the screen after `timeoutMs`. */
  waitFor(what: string, until: (screen: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Whether the command has exited, and its status. */
  exitStatus(): number | null;
  close(): void;
}

export function openTerminal(command: string, options: { cwd: string; env?: Record<string, string> }): Terminal {
  const dir = mkdtempSync(join(tmpdir(), 'sleepless-tmux-'));
  const socket = join(dir, 'socket');
  const config = join(dir, 'tmux.conf');
  // remain-on-exit keeps the pane (and its exit status) after the command ends; a big history keeps every step.
  writeFileSync(config, 'set -g remain-on-exit on\nset -g history-limit 50000\nset -g status off\n');
  const tmux = (...args: string[]) => execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
  const vars = Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${shellQuote(v)}`).join(' ');
  const output = join(dir, 'output.log');
  writeFileSync(output, '');
  // Start paused on a tmux channel, so the output log is in place before the program prints anything.
  tmux('-f', config, 'new-session', '-d', '-x', '200', '-y', '50', '-s', 'e2e', '-c', options.cwd, `tmux -S ${shellQuote(socket)} wait-for go; env ${vars} ${command}`);
  tmux('pipe-pane', '-t', 'e2e', '-o', `cat >> ${shellQuote(output)}`);
  tmux('wait-for', '-S', 'go');
  const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'e2e').replace(/\s+$/, '');
  return {
    keys: (...keys) => void tmux('send-keys', '-t', 'e2e', ...keys),
    type: (text) => void tmux('send-keys', '-t', 'e2e', '-l', text),
    screen,
    waitFor(what, until, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const deadline = AbortSignal.timeout(timeoutMs);
        const finish = (settle: () => void) => {
          watcher.close();
          deadline.removeEventListener('abort', onDeadline);
          settle();
        };
        const look = () => {
          const text = screen();
          if (until(text)) finish(() => resolve(text));
        };
        const onDeadline = () => finish(() => reject(new Error(`the terminal never showed ${what} within ${timeoutMs} ms; it shows:\n${screen()}`)));
        // Watch first, then look: output that arrives in between is still an event.
        const watcher = watch(output, look);
        deadline.addEventListener('abort', onDeadline);
        look();
      });
    },
    exitStatus() {
      const [dead, status] = tmux('display-message', '-p', '-t', 'e2e', '#{pane_dead} #{pane_dead_status}').trim().split(' ');
      return dead === '1' ? Number(status) : null;
    },
    close() {
      spawnSync('tmux', ['-S', socket, 'kill-server'], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
