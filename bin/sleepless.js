#!/bin/sh
":" //; [ -z "$NODE_EXTRA_CA_CERTS" ] || { SLEEPLESS_NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS; export SLEEPLESS_NODE_EXTRA_CA_CERTS; unset NODE_EXTRA_CA_CERTS; }; exec node "$0" "$@"
// The CLI: the bundle, loaded through V8's code cache (bin/load-bundle.js).
//
// The line above is shell, and a string and a comment to JavaScript. Node 20 reads every
// certificate NODE_EXTRA_CA_CERTS names before it runs any code (~110 ms on the benchmark machine,
// more than the rest of a small `check`), and sleepless opens no network connection: run as a
// command, the shell hides the variable from this process and it is handed back below to the
// programs sleepless starts (git, mix, a --verify-cmd). `node bin/sleepless.js` skips the shell.
// CommonJS (bin/package.json), as is the rest of bin/: an ES module entry point starts Node's ES
// module loader, ~20M instructions more than the CommonJS one before the first line runs.
'use strict';
const { join } = require('node:path');
const { loadBundle } = require('./load-bundle.js');

const handedBack = process.env.SLEEPLESS_NODE_EXTRA_CA_CERTS;
if (handedBack !== undefined) {
  process.env.NODE_EXTRA_CA_CERTS = handedBack;
  delete process.env.SLEEPLESS_NODE_EXTRA_CA_CERTS;
}

const cli = loadBundle({ writeCache: true });
// Each worker thread of a parallel scan starts from its own small entry point.
cli.useWorkerScript(join(__dirname, 'scan-worker.js'));
// The bundle cannot import() a user's transform module itself (src/user-module.ts).
cli.useImporter((url) => import(url));
cli.run();
