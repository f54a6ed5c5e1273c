// A worker thread of a parallel scan (scan/parallel.ts): its own parser, rules and module index,
// built while the main thread is still walking; the files as the main thread posts them; and back
// only plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { classifyEnv } from './scan-file.js';
import { FileFeed } from './feed.js';
import { scanShare, type FeedMessage, type ShareResult, type WorkerInput } from './parallel.js';

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
  const outcomes = await scanShare(feed, new Int32Array(input.shared), input.how, env);
  const result: ShareResult = { outcomes, matched: [...env.matchedEntries].map((e) => allowlist.sites.indexOf(e)) };
  port.postMessage(result);
}
