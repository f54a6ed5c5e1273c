// A worker thread of a parallel scan (scan/parallel.ts): its own parser, rules and module index,
// built while the main thread is still walking; the files as the main thread posts them; and back
// only plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { classifyEnv } from './scan-file.js';
import { FileFeed } from './feed.js';
import { scanShare, type FeedMessage, type WorkerInput } from './parallel.js';
import { cacheKey, ResultCache } from '../cache/result-cache.js';

export async function runScanWorker(): Promise<void> {
  const input = workerData as WorkerInput;
  const feed = new FileFeed();
  const port = parentPort!;
  const hear = (message: FeedMessage): void => {
    if ('files' in message) return feed.push(message.files);
    feed.close();
    // Nothing more will come: let the thread end once its result is sent.
    port.off('message', hear);
  };
  port.on('message', hear);
  const { env, allowlist } = classifyEnv(input.root, input.allowlistFile);
  // The main thread's key, unless the allowlist changed on disk in between: then none of this thread's answers are kept.
  const key = input.cacheKey !== null && cacheKey(input.root, allowlist, input.how.maxFileSize) === input.cacheKey ? input.cacheKey : null;
  const cache = key === null ? null : ResultCache.load(input.root, key);
  port.postMessage(await scanShare(feed, new Int32Array(input.shared), input.how, env, cache));
}
