// Every JSON Schema our files are checked against, by name. They are compiled ahead of time, by
// scripts/validators.js into config/validators.generated.cjs (part of every build): compiling one
// at run time meant loading Ajv (~100 modules) and generating code, ~170 ms of every `check`
// that reads a baseline.
import allowlist from '../../allowlist.schema.json' with { type: 'json' };
import { BASELINE_SCHEMA } from '../baseline/schema.js';
import { SESSION_SCHEMA } from '../session/schema.js';

export const SCHEMAS = { allowlist, baseline: BASELINE_SCHEMA, session: SESSION_SCHEMA };

export type SchemaName = keyof typeof SCHEMAS;
