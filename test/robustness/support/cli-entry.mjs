// `sleepless ARGS` from the TypeScript sources (see ts-loader.mjs), for tests that send it real signals.
import { main } from '../../../src/cli/main.ts';

await main(process.argv.slice(2));
