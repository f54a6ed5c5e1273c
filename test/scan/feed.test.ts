// A parallel scan hands out files while discovery is still finding them (src/scan/feed.ts): every
// file must be claimed exactly once, by index, however the claims and the walk interleave, and the
// outcomes must come back in the report's order whatever order the walk found the files in.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { claim, FileFeed, type FileTask } from '../../src/scan/feed.js';
import { ParallelScan } from '../../src/scan/parallel.js';
import { classifyEnv } from '../../src/scan/scan-file.js';
import { scan } from '../../src/scan/scan.js';
import { discover } from '../../src/discover/discover.js';

const task = (i: number): FileTask => ({ abs: `/x/${i}`, rel: `${i}` });
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One participant: claims chunks until the feed is done, noting each index and the file it got. */
async function participant(feed: FileFeed, counter: Int32Array, size: number, seen: Array<[number, FileTask]>): Promise<void> {
  for (;;) {
    const { first, end } = await claim(feed, counter, size);
    if (first === end) return;
    for (let i = first; i < end; i++) seen.push([i, feed.files[i]!]);
    await turn();
  }
}

describe('file feed', () => {
  it('gives every file to exactly one participant while the list is still growing', async () => {
    const feed = new FileFeed();
    const counter = new Int32Array(new SharedArrayBuffer(8));
    const seen: Array<[number, FileTask]> = [];
    // Started before any file exists: their first claims wait for the walk.
    const participants = [participant(feed, counter, 3, seen), participant(feed, counter, 3, seen), participant(feed, counter, 3, seen)];
    let next = 0;
    for (const batch of [1, 0, 5, 2, 7, 1, 1, 4]) {
      await turn();
      feed.push(Array.from({ length: batch }, () => task(next++)));
    }
    await turn();
    feed.close();
    await Promise.all(participants);
    expect(next).toBe(21);
    expect(seen.map(([i]) => i).sort((a, b) => a - b)).toEqual(Array.from({ length: next }, (_, i) => i));
    for (const [i, file] of seen) expect(file).toEqual(task(i));
  });

  it('ends a claim that waits past the last file once the feed is closed', async () => {
    const feed = new FileFeed();
    const counter = new Int32Array(new SharedArrayBuffer(8));
    feed.push([task(0), task(1)]);
    expect(await claim(feed, counter, 2)).toEqual({ first: 0, end: 2 });
    const waiting = claim(feed, counter, 2);
    feed.push([task(2)]);
    feed.close();
    expect(await waiting).toEqual({ first: 2, end: 3 });
    expect(await claim(feed, counter, 2)).toEqual({ first: 4, end: 4 });
  });
});

describe('parallel scan', () => {
  it('puts outcomes back in report order whatever order the walk found the files in', async () => {
    const root = join(import.meta.dirname, '../../fixtures');
    const how = { maxFileSize: 2 * 1024 * 1024, reportOnly: true };
    const files = discover({ root, paths: [root] }).files;
    expect(files.length).toBeGreaterThan(20);
    const parallel = new ParallelScan({ root, allowlistFile: undefined, how, cacheKey: null });
    for (const file of [...files].reverse()) parallel.add(file);
    const { env } = classifyEnv(root, undefined);
    const outcomes = await parallel.finish(env, null);

    const serial = await scan({ root, reportOnly: true });
    expect(outcomes.flatMap((o) => o.findings)).toEqual(serial.report.findings);
    const rels = outcomes.map((o) => files[files.length - 1 - o.index]!.rel);
    expect(rels).toEqual([...rels].sort());
    expect(new Set(rels).size).toBe(rels.length);
  });
});
