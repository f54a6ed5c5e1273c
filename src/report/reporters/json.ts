import type { Reporter } from './types.js';

/** The DESIGN.md contract, exactly: one object, stable field order. */
export const json: Reporter = (report) => `${JSON.stringify(report, null, 2)}\n`;
