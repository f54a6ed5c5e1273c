#!/usr/bin/env node
// The CLI: the bundle, loaded through V8's code cache (bin/load-bundle.js).
import { fileURLToPath } from 'node:url';
import { loadBundle } from './load-bundle.js';

const cli = loadBundle({ writeCache: true });
// Each worker thread of a parallel scan starts from its own small entry point.
cli.useWorkerScript(fileURLToPath(new URL('./scan-worker.js', import.meta.url)));
// The bundle cannot import() a user's transform module itself (src/user-module.ts).
cli.useImporter((url) => import(url));
await cli.run();
