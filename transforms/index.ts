// The built-in transforms, one per fix kind (manual has none: it means no automatic rewrite).
import type { FixKind } from '../src/vocabulary.js';
import type { TransformModule } from '../src/transform/api.js';
import * as assertReceive from './assert_receive.js';
import * as monitorDown from './monitor_down.js';
import * as pollWithTimeout from './poll_with_timeout.js';
import * as remove from './remove.js';
import * as syncBarrier from './sync_barrier.js';
import * as waitFor from './wait_for.js';

export const TRANSFORMS: Partial<Record<FixKind, TransformModule>> = {
  remove,
  assert_receive: assertReceive,
  monitor_down: monitorDown,
  sync_barrier: syncBarrier,
  wait_for: waitFor,
  poll_with_timeout: pollWithTimeout,
};
