// A worker thread of a parallel scan (src/scan/parallel.ts): the same bundle as the CLI, in the
// worker's role. Kept apart from bin/sleepless.js so that the CLI never loads worker_threads.
'use strict';
const { loadBundle } = require('./load-bundle.js');

loadBundle({ writeCache: false }).runScanWorker();
