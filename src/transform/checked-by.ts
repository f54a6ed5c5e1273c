// Where a sleep's wait is checked, for the transforms that move the wait onto that check: the
// statement right after the sleep, or, for a sleep that ends a loop body, the statement after the
// loop (site-context.ts), which then waits once for every iteration (and for a sleep that is a
// whole `if` or `case` branch, the statement after the conditional):
//   for _ <- 1..5 do                     for _ <- 1..5 do
//     send(ticker, :tick)          →       send(ticker, :tick)
//     Process.sleep(10)                  end
//   end
//                                        wait_for(fn -> Ticker.ticks(ticker) == 5 end, 250)
//   assert Ticker.ticks(ticker) == 5     assert Ticker.ticks(ticker) == 5
// Bindings of values the test already holds, or checks of them, may stand between the sleep and
// the check (`pins_dir = Path.join(…)`, `assert is_pid(pid)`): the check is the statement after them.
import type { SyntaxNode } from '../parse/parser.js';
import { isStatementContainer } from '../parse/nodes.js';
import type { ClassifiedSite } from '../classify/classify.js';
import { settledStatementsAhead } from '../classify/statements.js';
import type { EditRecorder } from '../edit/edits.js';
import { removeStatement } from './statement-edits.js';
import { timeoutFor, type TimeoutOptions } from './timeout.js';

export interface CheckedBy {
  /** The statement that checks what the sleep waited for. */
  check: SyntaxNode;
  /** The statements after it, in its block. */
  rest: SyntaxNode[];
  /** True when it follows the sleep in the sleep's block; false when it follows the loop the sleep ends. */
  adjacent: boolean;
  /**
   * Statements between the sleep and the check that only bind or check values the test already holds
   * (statements.ts, settledStatementsAhead): a wait goes right before the check, where they are bound.
   */
  skipped: number;
  /** How long the sleeps waited in all, in ms (every iteration of a loop), or null when unknown. */
  sleptMs: number | null;
  /** The timeout for a wait that replaces them. */
  timeout: number;
}

/** Loops whose body's value is thrown away: a sleep ending the body can go without leaving `:ok`. */
const VALUE_UNUSED_LOOPS = new Set(['for', 'Enum.each', 'Stream.each']);

export function checkedBy(site: ClassifiedSite, options: TimeoutOptions): CheckedBy | null {
  const { statement, after, loops } = site.ctx;
  const skipped = settledStatementsAhead(after);
  const check = after[skipped];
  if (!check) return null;
  const rest = after.slice(skipped + 1);
  const slept = site.finding.duration_ms;
  if (check.parent?.id === statement.parent?.id) return { check, rest, adjacent: true, skipped, sleptMs: slept, timeout: timeoutFor(slept, options) };
  // Past the end of a loop, once per iteration; past the end of a branch (site-context.ts), once.
  const iterations = loops[0] ? (loops[0].iterations ?? null) : 1;
  const sleptMs = slept !== null && iterations !== null ? slept * iterations : null;
  return { check, rest, adjacent: false, skipped, sleptMs, timeout: timeoutFor(sleptMs, options) };
}

/** Removes the sleep; at the end of a loop body whose value is unused it leaves no `:ok` behind. */
export function removeSleep(edit: EditRecorder, source: string, site: ClassifiedSite, checked: CheckedBy): boolean {
  const loop = site.ctx.loops[0];
  const valueUnused = !checked.adjacent && loop !== undefined && VALUE_UNUSED_LOOPS.has(loop.call) && isWholeStatement(loop.node);
  return removeStatement(edit, source, site.ctx.statement, { valueUnused });
}

/** `Enum.each(…)` on its own, not `x = Enum.each(…)` nor inside another expression. */
function isWholeStatement(node: SyntaxNode): boolean {
  return node.parent !== null && isStatementContainer(node.parent);
}
