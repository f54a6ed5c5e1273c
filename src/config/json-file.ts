// Reads a JSON configuration file and validates it against a JSON Schema, so that every
// mistake is reported as `file:line:column: what is wrong at which field, and what to do`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ParseError } from 'jsonc-parser';
import type { ErrorObject } from 'ajv';
import { ConfigError } from '../errors.js';
import type { SchemaName } from './schemas.js';
import validators from './validators.generated.cjs';

// jsonc-parser loads on first use: it only explains a mistake.
const require = createRequire(import.meta.url);
const jsonc = () => require('jsonc-parser') as typeof import('jsonc-parser');

export function readJsonFile<T>(file: string, displayName: string, schema: SchemaName, hint: string): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(displayName, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); ${hint}`);
  }
  return parseJson<T>(text, displayName, schema, hint);
}

/** Parses `withBom` and checks it against the named schema (config/schemas.ts). */
export function parseJson<T>(withBom: string, displayName: string, schema: SchemaName, hint: string): T {
  // Editors on Windows save JSON with a byte-order mark; it is not JSON, and invisible to the user.
  const text = withBom.replace(/^\uFEFF/, '');
  const validate = validators[schema];
  // Fast path for the usual valid file (a baseline can hold thousands of entries); the syntax tree
  // is built only to say where a mistake is.
  const quick = parseStrict(text);
  if (quick.ok && validate(quick.value)) return quick.value as T;

  const { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode } = jsonc();
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const offset = first?.offset ?? 0;
    const what = first ? printParseErrorCode(first.error) : 'empty file';
    throw new ConfigError(displayName, `is not valid JSON (${what}); ${hint}`, positionOf(text, offset));
  }
  const value = getNodeValue(tree) as T;
  if (!validate(value)) {
    const error = mostSpecific(validate.errors ?? []);
    const path = error ? jsonPath(error) : [];
    const node = findNodeAtLocation(tree, path) ?? tree;
    throw new ConfigError(displayName, `field ${fieldName(path)} ${describe(error)}; ${hint}`, positionOf(text, node.offset));
  }
  return value;
}

/** For checks a schema cannot express: a ConfigError at the value found at `path` in `text` (already parsed once). */
export function configErrorAt(text: string, displayName: string, path: (string | number)[], detail: string, hint: string): ConfigError {
  const { findNodeAtLocation, parseTree } = jsonc();
  const tree = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  const node = tree ? (findNodeAtLocation(tree, path) ?? tree) : undefined;
  return new ConfigError(displayName, `field ${fieldName(path)} ${detail}; ${hint}`, positionOf(text, node?.offset ?? 0));
}

function fieldName(path: (string | number)[]): string {
  return path.length > 0 ? path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') : '(top level)';
}

/** JSON.parse, with objects made prototype-less as jsonc-parser makes them (a key "constructor" stays data). */
function parseStrict(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text, (_key, value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.assign(Object.create(null), value) : value)) };
  } catch {
    return { ok: false };
  }
}

function mostSpecific(errors: ErrorObject[]): ErrorObject | undefined {
  const deepest = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
  // A `required` inside an `anyOf` names one branch only ("needs fingerprint"); the anyOf names all.
  const anyOf = deepest.find((e) => e.keyword === 'anyOf' && e.instancePath === deepest[0]?.instancePath && anyOfRequired(e));
  return anyOf ?? deepest[0];
}

/** `needs "fingerprint", or "file" and "call"` for an anyOf whose branches only require fields. */
function anyOfRequired(error: ErrorObject): string | null {
  const branches = error.schema as unknown;
  if (!Array.isArray(branches) || !branches.every((b) => Array.isArray((b as { required?: unknown }).required))) return null;
  const forms = branches.map((b) => ((b as { required: string[] }).required).map((f) => `"${f}"`).join(' and '));
  return `needs ${forms.join(', or ')}`;
}

function jsonPath(error: ErrorObject): (string | number)[] {
  const parts = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (error.keyword === 'additionalProperties') parts.push(String(error.params['additionalProperty']));
  return parts;
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'is invalid';
  switch (error.keyword) {
    case 'additionalProperties':
      return 'is not a known field';
    case 'enum':
      return `must be one of ${(error.params['allowedValues'] as unknown[]).join(', ')}`;
    case 'required':
      return `needs the field "${String(error.params['missingProperty'])}"`;
    case 'const':
      return `must be ${JSON.stringify(error.params['allowedValue'])}`;
    case 'anyOf':
      return anyOfRequired(error) ?? 'matches none of the allowed forms';
    case 'not': {
      // e.g. sites[0].file "../x_test.exs": the subschema's description says what is allowed.
      const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
      return `${typeof description === 'string' ? `must be ${description}` : 'is not allowed'} (got ${JSON.stringify(error.data)})`;
    }
    default:
      return error.message ?? 'is invalid';
  }
}

export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
