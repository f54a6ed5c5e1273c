import type { SiteContext } from '../context/site-context.js';
import type { Category, Confidence, FixKind, Safety, Verdict } from '../vocabulary.js';
import type { Signals } from './signals.js';

/** What a rule concludes about one site. */
export interface Decision {
  category?: Category;
  fix?: FixKind;
  safety?: Safety;
  confidence: Confidence;
  /** One line a person can check against the code: names and line numbers. */
  reason: string;
  /** Lines that decided it, besides the sleep's own. */
  evidence?: number[];
  /** The rewrite still waits the sleep's whole time (a refutation must): it removes nothing per run. */
  keepsWait?: boolean;
}

export interface RuleExample {
  before: string;
  after: string;
}

/** A classification rule: one module in src/classify/rules, registered in rules/index.ts. */
export interface Rule {
  id: string;
  verdict: Verdict;
  /** The category (legitimate rules) or fix kind (problematic rules) it produces. */
  produces: Category | FixKind;
  summary: string;
  explanation: string;
  example: RuleExample;
  decide(ctx: SiteContext, signals: Signals): Decision | null;
}
