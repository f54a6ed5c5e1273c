// The JSON Schema of .sleepless/session.json (session/store.ts), compiled ahead of time with the
// others (config/schemas.ts).
export const SESSION_SCHEMA = {
  type: 'object',
  required: ['version', 'position', 'skipped', 'written'],
  properties: {
    version: { const: 1 },
    updated: { type: 'string' },
    position: {
      anyOf: [
        { type: 'null' },
        { type: 'object', required: ['file', 'line', 'fingerprint'], properties: { file: { type: 'string' }, line: { type: 'integer' }, fingerprint: { type: 'string' } } },
      ],
    },
    skipped: {
      type: 'array',
      items: { type: 'object', required: ['fingerprint', 'file'], properties: { fingerprint: { type: 'string' }, file: { type: 'string' }, line: { type: 'integer' }, call: { type: 'string' } } },
    },
    written: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;
