// Reads a JSON configuration file and validates it against a JSON Schema, so that every
// mistake is reported as `file:line:column: what is wrong at which field, and what to do`.
import { readFileSync } from 'node:fs';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ConfigError } from '../errors.js';

const ajv = new Ajv({ allErrors: false, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

export function readJsonFile<T>(file: string, displayName: string, schema: object, hint: string): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(displayName, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseJson<T>(text, displayName, schema, hint);
}

export function parseJson<T>(text: string, displayName: string, schema: object, hint: string): T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  // Fast path for the usual valid file (a baseline can hold thousands of entries); the syntax tree
  // is built only to say where a mistake is.
  const quick = parseStrict(text);
  if (quick.ok && validate(quick.value)) return quick.value as T;

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
  return [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
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
