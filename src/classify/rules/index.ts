// Every classification rule, in the order they are asked. Legitimate contexts come first (a sleep
// that waits out a TTL is never "fixed"), then the fix ladder from the most deterministic rewrite
// to `manual`, which always answers. The first rule that decides wins; for problematic sites the
// later fixes that also apply are kept as alternatives for the interactive session.
import type { Rule } from '../rule.js';
import { allowlistEntry } from './allowlist-entry.js';
import { assertReceive } from './assert-receive.js';
import { infinity } from './infinity.js';
import { inlineAllow } from './inline-allow.js';
import { loadSim } from './load-sim.js';
import { manual } from './manual.js';
import { monitorDown } from './monitor-down.js';
import { pollInterval } from './poll-interval.js';
import { pollWithTimeout } from './poll-with-timeout.js';
import { rateWindowContext } from './rate-window-context.js';
import { removeAfterSync } from './remove-after-sync.js';
import { spawnedWork } from './spawned-work.js';
import { syncBarrier } from './sync-barrier.js';
import { timeMeasurement } from './time-measurement.js';
import { timeoutSim } from './timeout-sim.js';
import { ttlContext } from './ttl-context.js';
import { waitFor } from './wait-for.js';

export const RULES = [
  inlineAllow,
  allowlistEntry,
  infinity,
  pollInterval,
  loadSim,
  ttlContext,
  rateWindowContext,
  timeMeasurement,
  timeoutSim,
  spawnedWork,
  removeAfterSync,
  assertReceive,
  monitorDown,
  syncBarrier,
  waitFor,
  pollWithTimeout,
  manual,
] as const satisfies readonly Rule[];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id || rule.produces === id);
}
