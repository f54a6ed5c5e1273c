// What bin/sleepless.js and bin/scan-worker.js take from the bundle (scripts/build.js): the CLI,
// the role the same bundle plays in each worker thread of a parallel scan, and the hooks the
// launcher fills in.
import { main } from './main.js';
import { dropOutputOnClosedPipe } from './closed-pipe.js';

export { useWorkerScript } from '../scan/worker-script.js';
export { useImporter } from '../user-module.js';
export { useBuildKey } from '../cache/build-key.js';

export async function runScanWorker(): Promise<void> {
  const { runScanWorker: run } = await import('../scan/worker.js');
  await run();
}

/** The CLI as a process runs it (tests call main() in-process instead). */
export async function run(): Promise<void> {
  dropOutputOnClosedPipe(process.stdout);
  dropOutputOnClosedPipe(process.stderr);
  await main();
}
