// The timeout a rewrite waits at most, derived from the sleep it replaces (DESIGN.md): several
// times the old duration and never below ExUnit's default assert_receive timeout, so a rewrite
// is never flakier than the sleep, and it returns as soon as the condition holds anyway.

export interface TimeoutOptions {
  /** Lower bound in ms (ExUnit's default assert_receive_timeout is 100). */
  minTimeout: number;
  /** Multiplier applied to the old sleep. */
  timeoutFactor: number;
}

export const DEFAULT_TIMEOUT_OPTIONS: TimeoutOptions = { minTimeout: 100, timeoutFactor: 5 };
const UNKNOWN_DURATION_TIMEOUT = 1_000;

/** A name the sleep's length is written as, that the rewritten line can read again: `backoff`, `ctx.delay`; not a call. */
const NAMED_LENGTH = /^[a-z_]\w*(?:\.[a-z_]\w*)*$/;

/**
 * The timeout as Elixir text: the literal for `timeoutFor(durationMs)`, or, when the length is
 * unknown here but the sleep names it (elixir-omg's `Process.sleep(previous_backoff)`, bound from
 * `:sys.get_state` two lines up), that name times the factor, which waits as long as the old
 * formula would, where a guess may wait less than the sleep did.
 */
export function timeoutText(durationMs: number | null, written: string | null, options: TimeoutOptions = DEFAULT_TIMEOUT_OPTIONS): string {
  if (durationMs === null && written !== null && NAMED_LENGTH.test(written)) return `${written} * ${options.timeoutFactor}`;
  return msLiteral(timeoutFor(durationMs, options));
}

/** Does a sleep whose length is unknown name it so that `timeoutText` can scale it? */
export function scalesWrittenLength(written: string | null): boolean {
  return written !== null && NAMED_LENGTH.test(written);
}

export function timeoutFor(durationMs: number | null, options: TimeoutOptions = DEFAULT_TIMEOUT_OPTIONS): number {
  const raw = durationMs === null ? UNKNOWN_DURATION_TIMEOUT : durationMs * options.timeoutFactor;
  return roundUp(Math.max(options.minTimeout, raw));
}

/** 137 → 150, 1_234 → 1_300, 12_345 → 13_000: numbers a person would write. */
function roundUp(ms: number): number {
  const step = ms < 1_000 ? 50 : ms < 10_000 ? 100 : 1_000;
  return Math.ceil(ms / step) * step;
}

/** Elixir literal for a millisecond count; underscores from 10_000 on, as Credo expects. */
export function msLiteral(ms: number): string {
  const digits = String(Math.round(ms));
  return ms >= 10_000 ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, '_') : digits;
}
