import type { Finding, Report } from '../../finding.js';
import type { Colors } from '../colors.js';

/** A sleep that does not fail the check, with why: SARIF shows it as a suppressed result. */
export interface Suppressed {
  finding: Finding;
  /** `inSource`: a `# sleepless:allow` comment; `external`: the baseline or sleepless.allowlist.json. */
  kind: 'external' | 'inSource';
  justification: string;
}

export interface ReporterContext {
  colors: Colors;
  /** What the report is for: a scan lists everything, a check lists what fails it. */
  command: 'scan' | 'check';
  /** Extra lines a command adds under the summary (baselined, fixed, stale…). */
  notes?: string[];
  /** check: the sleeps that pass because the baseline or the allowlist covers them (SARIF suppressions). */
  suppressed?: Suppressed[];
  /** Fingerprints of findings on lines changed in this change set: annotated first (github). */
  changed?: ReadonlySet<string>;
  /** Absolute directory that SARIF and GitHub paths are made relative to (the repository root); default the report's root. */
  sourceRoot?: string;
}

export type Reporter = (report: Report, context: ReporterContext) => string;
