// The contract between the fix runner and a transform module (transforms/*.ts), jscodeshift-style:
//   export default function transform(file, api, options) { … }
//   export const meta = { fix, description, safety }
// A built-in transform is called once per site it fixes (api.site) and records range edits through
// api.edit; returning null means "no safe rewrite here" (api.bail says why). A user's own transform
// (-t ./mine.ts) is called once per file with api.site = null and may instead return a whole new
// source string, which is then reviewed as one change for that file.
import type { SyntaxNode, Tree } from '../parse/parser.js';
import type { ClassifiedSite } from '../classify/classify.js';
import type { EditRecorder } from '../edit/edits.js';
import type { FixKind, Safety } from '../vocabulary.js';
import type { TimeoutOptions } from './timeout.js';

export interface TransformFile {
  path: string;
  source: string;
}

export type HelperName = 'wait_for' | 'poll_with_timeout';

export interface TransformApi {
  /** The site to fix; null when a user transform runs over a whole file. */
  site: ClassifiedSite | null;
  /** Every classified site in the file. */
  sites: readonly ClassifiedSite[];
  tree: Tree;
  edit: EditRecorder;
  /** The new timeout for this site, from its old duration (see src/transform/timeout.ts). */
  timeout(): number;
  /**
   * The same timeout as Elixir text: a literal, or, for a sleep of unknown length that names it
   * (`Process.sleep(backoff)`), that name scaled (`backoff * 5`), valid where the sleep stood.
   */
  timeoutText(): string;
  /** An Elixir literal for a millisecond count (`1_000` style from 10_000 on). */
  ms(value: number): string;
  /** A variable name not used in the site's test (`ref`, `ref2`…). */
  freshName(base: string): string;
  /**
   * The process a `:sys.get_state/1` barrier after a statement goes to, as the classifier resolved
   * it: the one it messages without waiting (`GenServer.cast(pid, :x)` → `pid`, `Counter.incr(counter)`
   * (a cast underneath) → `counter`, `Counter.reset()` casting to `__MODULE__` → `Tally.Counter`), or
   * the server it starts whose init/1 left work to itself (`{:ok, pid} = Server.start_link([])` →
   * `pid`). Null when neither. Absent when a user transform runs over a whole file.
   */
  barrierTarget?(statement: SyntaxNode): string | null;
  /**
   * The statement whose message the sleep waits to be handled, as the classifier chose it: the one
   * before the sleep, or the one before a check that the message is not handled yet. Absent when a
   * user transform runs over a whole file.
   */
  messagedBefore?(): SyntaxNode | undefined;
  /**
   * Does `statement` wait for an answer from the process `target` names (a GenServer.call through
   * its module's API)? Absent when a user transform runs over a whole file.
   */
  callsTarget?(statement: SyntaxNode, target: string): boolean;
  /**
   * The pattern `statement` binds to the process a function of the project started for its work and
   * answered, as the classifier read it (`{:ok, _pid} = Notifier.notify(event)` → `_pid`). Null when
   * none. Absent when a user transform runs over a whole file.
   */
  answeredWorker?(statement: SyntaxNode): SyntaxNode | null;
  /** Declares that the rewrite calls a helper: the runner adds the import (or the helpers module) once. */
  useHelper(name: HelperName): void;
  /** Gives up on this site with a reason the report shows ("no automatic fix: …"). */
  bail(reason: string): null;
}

export type TransformOptions = TimeoutOptions;

export type TransformResult = void | null | undefined | string;

export type Transform = (file: TransformFile, api: TransformApi, options: TransformOptions) => TransformResult;

export interface TransformMeta {
  fix: FixKind;
  description: string;
  safety: Safety;
}

export interface TransformModule {
  default: Transform;
  meta: TransformMeta;
}
