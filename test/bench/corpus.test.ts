// The benchmark's synthetic corpus (bench/corpus.js) must look like real suites, or its numbers
// say nothing about them: deterministic, ~9% of files with a sleep, and directories holding about
// as many test files as those of real projects.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
// @ts-expect-error plain JS module without types
import { generateCorpus, planFiles, rng } from '../../bench/corpus.js';

interface Plan {
  path: string;
  dirs: string[];
}

function digest(dir: string): string {
  const hash = createHash('sha256');
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
    const abs = join(entry.parentPath, entry.name);
    hash.update(`${relative(dir, abs)}\0`).update(readFileSync(abs));
  }
  return hash.digest('hex');
}

describe('the benchmark corpus', () => {
  it('is the same for the same seed and N, and differs for another seed', () => {
    const dirs = [1, 1, 2].map(() => mkdtempSync(join(tmpdir(), 'sleepless-corpus-')));
    try {
      dirs.forEach((dir, i) => generateCorpus(dir, { n: 60, seed: i < 2 ? 1 : 2 }));
      const [a, b, c] = dirs.map(digest);
      expect(a).toBe(b);
      expect(a).not.toBe(c);
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([1, 7, 42])('puts ~5 test files in a directory, at most two levels below a test root (seed %i)', (seed) => {
    for (const n of [2_000, 20_000]) {
      const plans = planFiles(n, rng(seed)) as Plan[];
      const directories = new Set(plans.map((p) => p.path.slice(0, p.path.lastIndexOf('/'))));
      // Real projects: 1,151 test files in 212 directories (5.4 per directory).
      expect(n / directories.size).toBeGreaterThan(4);
      expect(n / directories.size).toBeLessThan(7.5);
      expect(Math.max(...plans.map((p) => p.dirs.length))).toBe(2);
      const layouts = new Set(plans.map((p) => p.path.split('/')[0]));
      expect([...layouts].sort()).toEqual(['apps', 'lib', 'test']);
    }
  });

  it('has a sleep in about 9% of its files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sleepless-corpus-'));
    try {
      const corpus = generateCorpus(dir, { n: 1_000, seed: 3 });
      expect(corpus.sleepyFiles / corpus.testFiles).toBeGreaterThan(0.06);
      expect(corpus.sleepyFiles / corpus.testFiles).toBeLessThan(0.12);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
