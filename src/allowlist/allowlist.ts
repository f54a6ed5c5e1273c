// The legitimate-context vocabulary: the built-in allowlist.json, with a project's own
// sleepless.allowlist.json merged on top (its words added, its site entries kept for matching).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { readJsonFile } from '../config/json-file.js';
import { UsageError } from '../errors.js';
import type { Category } from '../vocabulary.js';

export type ContextCategory = Exclude<Category, 'infinity' | 'allowlisted'>;

export interface ContextVocabulary {
  description?: string;
  words?: string[];
  /** Phrases in which a word of `words` does not count (`exchange rate`). */
  not_words?: string[];
  options?: string[];
  calls?: string[];
  tags?: string[];
  functions?: string[];
}

export interface SiteEntry {
  fingerprint?: string;
  file?: string;
  test?: string;
  call?: string;
  category: Exclude<Category, 'allowlisted'>;
  reason: string;
}

export interface AllowlistFile {
  version: 1;
  contexts?: Partial<Record<ContextCategory, ContextVocabulary>>;
  sites?: SiteEntry[];
}

export interface Allowlist {
  contexts: Partial<Record<ContextCategory, ContextVocabulary>>;
  sites: SiteEntry[];
  /** Where the user's entries came from, for messages; null when the project has none. */
  userFile: string | null;
}

export const USER_ALLOWLIST = 'sleepless.allowlist.json';
const HINT = `fix it or delete it (schema: allowlist.schema.json, see \`sleepless explain allowlisted\`)`;

let builtIn: AllowlistFile | undefined;
/** Our own file, checked against the schema by test/allowlist/built-in.test.ts rather than on every run. */
function builtInAllowlist(): AllowlistFile {
  builtIn ??= JSON.parse(readFileSync(join(packageRoot(), 'allowlist.json'), 'utf8')) as AllowlistFile;
  return builtIn;
}

export function loadAllowlist(root: string, explicitFile?: string): Allowlist {
  const base = builtInAllowlist();
  const userPath = explicitFile ?? join(root, USER_ALLOWLIST);
  if (!existsSync(userPath)) {
    if (explicitFile) throw new UsageError(`${explicitFile}: no such allowlist file; check the --allowlist path`);
    return { ...merge(base, undefined), userFile: null };
  }
  const user = readJsonFile<AllowlistFile>(userPath, explicitFile ?? USER_ALLOWLIST, 'allowlist', HINT);
  return { ...merge(base, user), userFile: explicitFile ?? USER_ALLOWLIST };
}

function merge(base: AllowlistFile, user: AllowlistFile | undefined): Omit<Allowlist, 'userFile'> {
  // A copy of each category's object is enough: the loop below replaces arrays, never changes them.
  const contexts: Partial<Record<ContextCategory, ContextVocabulary>> = Object.fromEntries(Object.entries(base.contexts ?? {}).map(([k, v]) => [k, { ...v }]));
  for (const [category, extra] of Object.entries(user?.contexts ?? {}) as [ContextCategory, ContextVocabulary][]) {
    const into = (contexts[category] ??= {});
    for (const key of ['words', 'not_words', 'options', 'calls', 'tags', 'functions'] as const) {
      if (extra[key]) into[key] = [...(into[key] ?? []), ...extra[key]!];
    }
  }
  return { contexts, sites: user?.sites ?? [] };
}
