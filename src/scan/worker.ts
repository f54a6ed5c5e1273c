// A worker thread of a parallel scan (scan/parallel.ts): its own parser, rules and module index,
// the shared file list, and back only plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { classifyEnv } from './scan-file.js';
import { scanShare, type ShareResult, type WorkerInput } from './parallel.js';

export async function runScanWorker(): Promise<void> {
  const input = workerData as WorkerInput;
  const { env, allowlist } = classifyEnv(input.root, input.allowlistFile);
  const outcomes = await scanShare(input.files, new Int32Array(input.shared), input.how, env);
  const result: ShareResult = { outcomes, matched: [...env.matchedEntries].map((e) => allowlist.sites.indexOf(e)) };
  parentPort!.postMessage(result);
}
