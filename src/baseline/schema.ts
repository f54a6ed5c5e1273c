// The JSON Schema of sleepless-baseline.json, checked on every load through src/config/json-file.ts
// so that a hand-edited or merge-mangled baseline fails with file:line:col and the field's path.
import { FIX_KINDS } from '../vocabulary.js';

const fingerprint = { type: 'string', pattern: '^[0-9a-f]{8,64}$' } as const;
const nullableName = { type: ['string', 'null'] } as const;

export const BASELINE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'sleepless baseline',
  description: 'Problematic sleeps that predate `sleepless check`: they pass until they are fixed. Written by `sleepless baseline`.',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'entries'],
  properties: {
    version: { enum: [1] },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['fingerprint', 'content_key', 'file', 'describe', 'test', 'call', 'fix'],
        properties: {
          fingerprint,
          content_key: fingerprint,
          file: { type: 'string', minLength: 1 },
          describe: nullableName,
          test: nullableName,
          call: { type: 'string', minLength: 1 },
          fix: { enum: [...FIX_KINDS] },
        },
      },
    },
  },
} as const;
