// Every output format is one reporter behind one interface; commands pick one by name.
import { github } from './github.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { text } from './text.js';
import type { Reporter } from './types.js';

export const REPORTERS = { text, json, markdown, sarif, github } as const satisfies Record<string, Reporter>;
export type ReporterName = keyof typeof REPORTERS;
export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];
