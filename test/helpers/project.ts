// Throwaway Mix-like projects in temp directories for tests that scan or write.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Writes `files` (path → content) under a new temp root and returns the root. */
export function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sleepless-project-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** An ExUnit module around the given test bodies. */
export function testModule(body: string, name = 'App.SampleTest'): string {
  return `defmodule ${name} do\n  use ExUnit.Case\n\n${body}\nend\n`;
}

/** A module whose one test casts, then sleeps before asserting: a problematic sleep (sync_barrier). */
export const CAST_THEN_SLEEP_MODULE = testModule(`  test "bumps", %{pid: pid} do
    GenServer.cast(pid, :bump)
    Process.sleep(50)
    assert GenServer.call(pid, :count) == 1
  end`);
