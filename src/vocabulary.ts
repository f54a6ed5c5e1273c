// The words of DESIGN.md, in one place: JSON, SARIF, docs and the CLI all use these lists.

export const VERDICTS = ['legitimate', 'problematic'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const CATEGORIES = [
  'infinity',
  'ttl',
  'rate_window',
  'timeout_sim',
  'load_sim',
  'spawned_work',
  'time_measurement',
  'poll_interval',
  'allowlisted',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The fix ladder, most deterministic first: earlier entries win when several apply. */
export const FIX_KINDS = [
  'remove',
  'assert_receive',
  'monitor_down',
  'sync_barrier',
  'wait_for',
  'poll_with_timeout',
  'manual',
] as const;
export type FixKind = (typeof FIX_KINDS)[number];

export const SAFETIES = ['safe', 'review'] as const;
export type Safety = (typeof SAFETIES)[number];

export const FORMS = ['Process.sleep', ':timer.sleep', ':ct.sleep', 'sleep', 'capture', 'receive_after'] as const;
export type Form = (typeof FORMS)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

export function isFixKind(value: unknown): value is FixKind {
  return typeof value === 'string' && (FIX_KINDS as readonly string[]).includes(value);
}
