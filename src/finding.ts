import type { Category, Confidence, FixKind, Form, Safety, Verdict } from './vocabulary.js';

/** One sleep, as the JSON report shows it (DESIGN.md "The JSON report"). Field order is the contract's. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  call: string;
  form: Form;
  verdict: Verdict;
  category: Category | null;
  fix: FixKind | null;
  safety: Safety | null;
  rule: string;
  confidence: Confidence;
  reason: string;
  duration_ms: number | null;
  test: string | null;
  describe: string | null;
  fingerprint: string;
}

export interface FileError {
  file: string;
  line?: number;
  message: string;
}

export interface Summary {
  sleeps: number;
  problematic: number;
  legitimate: number;
  by_category: Partial<Record<Category, number>>;
  by_fix: Partial<Record<FixKind, number>>;
  removable_ms: number;
}

export interface Report {
  version: 1;
  root: string;
  files_scanned: number;
  findings: Finding[];
  summary: Summary;
  errors: FileError[];
}
