import type { Report } from '../../finding.js';
import type { Colors } from '../colors.js';

export interface ReporterContext {
  colors: Colors;
  /** What the report is for: a scan lists everything, a check lists what fails it. */
  command: 'scan' | 'check';
  /** Extra lines a command adds under the summary (baselined, fixed, stale…). */
  notes?: string[];
}

export type Reporter = (report: Report, context: ReporterContext) => string;
