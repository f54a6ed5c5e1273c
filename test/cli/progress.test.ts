// The progress bar: on stderr, only for long scans on a terminal, never with --quiet, and never
// on stdout (where the report goes).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { progressReporter } from '../../src/cli/progress.js';
import { runCli } from '../helpers/cli.js';

const LONG = 2000;

function onTerminal(isTTY: boolean) {
  const saved = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  Object.defineProperty(process.stderr, 'isTTY', { value: isTTY, configurable: true });
  const writes: string[] = [];
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (writes.push(String(chunk)), true));
  const stdout = vi.spyOn(process.stdout, 'write');
  return {
    writes,
    stdout,
    restore() {
      write.mockRestore();
      stdout.mockRestore();
      if (saved) Object.defineProperty(process.stderr, 'isTTY', saved);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    },
  };
}

async function drive(quiet: boolean, total: number): Promise<void> {
  const progress = await progressReporter(quiet);
  for (let done = 1; done <= total; done++) progress.onProgress?.(done, total);
  progress.stop();
}

describe('progressReporter', () => {
  let terminal: ReturnType<typeof onTerminal> | undefined;
  afterEach(() => terminal?.restore());

  it('draws a bar on stderr for a long scan on a terminal, and clears it at the end', async () => {
    terminal = onTerminal(true);
    await drive(false, LONG);
    const drawn = terminal.writes.join('');
    expect(drawn).toContain('scanning');
    expect(drawn).toContain(`${LONG}/${LONG} files`);
    expect(terminal.stdout).not.toHaveBeenCalled();
  });

  it('is silent with --quiet', async () => {
    terminal = onTerminal(true);
    expect((await progressReporter(true)).onProgress).toBeUndefined();
    await drive(true, LONG);
    expect(terminal.writes).toEqual([]);
  });

  it('is silent when stderr is not a terminal (CI logs, pipes)', async () => {
    terminal = onTerminal(false);
    expect((await progressReporter(false)).onProgress).toBeUndefined();
    await drive(false, LONG);
    expect(terminal.writes).toEqual([]);
  });

  it('is silent for a short scan even on a terminal', async () => {
    terminal = onTerminal(true);
    await drive(false, 40);
    expect(terminal.writes).toEqual([]);
  });
});

describe('scan on a terminal', () => {
  it('reports progress for every file, and nothing on stderr with -q', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sleepless-progress-'));
    try {
      mkdirSync(join(dir, 'test'));
      for (let i = 0; i < 600; i++) writeFileSync(join(dir, 'test', `t${i}_test.exs`), `defmodule T${i}Test do\n  use ExUnit.Case\nend\n`);
      const saved = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
      Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
      try {
        const loud = await runCli(['scan', dir, '--format', 'json']);
        expect(loud.stderr).toContain('600/600 files');
        expect(JSON.parse(loud.stdout).files_scanned).toBe(600);
        const quiet = await runCli(['scan', dir, '--format', 'json', '-q']);
        expect(quiet.stderr).toBe('');
      } finally {
        if (saved) Object.defineProperty(process.stderr, 'isTTY', saved);
        else delete (process.stderr as { isTTY?: boolean }).isTTY;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
