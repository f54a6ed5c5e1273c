// Finds the wait_for/3 and poll_with_timeout/3 a project already has, so rewrites call those
// instead of adding ours: a def under test/support (imported by module), or one in the test file.
// Only one called the way ours is, (fun, timeout, …), is used: a project's own helper of the same
// name that takes something else second (kafka_ex's `wait_for(condn, dwell, max_tries)`, a pause
// between tries) would turn the rewrite's timeout into a different wait, and stands in its way.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HelperName } from '../transform/api.js';
import { supportDirOf } from './mix-exs.js';

export interface ProjectHelpers {
  /** Helper → module that defines it under test/support. */
  modules: Partial<Record<HelperName, string>>;
  /** Helper → a definition under test/support that is not called as ours is (a rewrite cannot use the name). */
  unfit: Partial<Record<HelperName, UnfitHelper>>;
  /** The module `sleepless init` writes when a helper is missing, e.g. SampleApp.WaitHelpers. */
  generatedModule: string;
  generatedPath: string;
  /** Is there a mix.exs to compile a module written under test/support? (elixir-in-action's samples run `elixir test/tests.exs`.) */
  mixProject: boolean;
  /** A file of the project's own already sits at generatedPath: the module cannot be written there. */
  generatedPathTaken: boolean;
}

const HELPERS: HelperName[] = ['wait_for', 'poll_with_timeout'];
const SUPPORT_DIR = 'test/support';

export interface UnfitHelper {
  /** Where it is defined: a module under test/support, or the test file itself. */
  where: string;
  /** Its parameters as written, `condn, dwell \\ @wait_time, max_tries \\ @max_tries`. */
  params: string;
}

export async function detectHelpers(root: string): Promise<ProjectHelpers> {
  const modules: Partial<Record<HelperName, string>> = {};
  const unfit: Partial<Record<HelperName, UnfitHelper>> = {};
  // The support directory the test env compiles (vsr's `test/_support`), where ours would go too.
  const mix = await readFile(join(root, 'mix.exs'), 'utf8').catch(() => null);
  const support = supportDirOf(mix ?? '') ?? SUPPORT_DIR;
  for (const dir of new Set([SUPPORT_DIR, support])) {
    for (const file of await listElixirFiles(join(root, dir))) {
      const text = await readFile(file, 'utf8').catch(() => '');
      const module = /defmodule\s+([A-Z][\w.]*)\s+do/.exec(text)?.[1];
      if (!module) continue;
      for (const helper of HELPERS) {
        const heads = definitionHeads(text, helper, false);
        // Kept even beside one that fits: a test that imports it would find our import ambiguous.
        if (heads.some((params) => fits(helper, params))) modules[helper] ??= module;
        else if (heads.length > 0) unfit[helper] ??= { where: module, params: heads[0]!.join(', ') };
      }
    }
  }
  const app = await appModule(root);
  const generatedPath = `${support}/wait_helpers.ex`;
  return { modules, unfit, generatedModule: `${app}.WaitHelpers`, generatedPath, mixProject: mix !== null, generatedPathTaken: existsSync(join(root, generatedPath)) };
}

/** Does the test file define the helper itself (def or defp)? Then no import is needed. */
export function definesLocally(source: string, helper: HelperName): boolean {
  return definitionHeads(source, helper, true).length > 0;
}

/**
 * What stops a rewrite from calling `helper` in this file, if anything: a definition in the file,
 * or one under test/support, that is not called as ours is.
 */
export function unfitHelper(source: string, helper: HelperName, project: ProjectHelpers): UnfitHelper | null {
  const local = definitionHeads(source, helper, true);
  if (local.length > 0) return local.some((params) => fits(helper, params)) ? null : { where: 'this file', params: local[0]!.join(', ') };
  return project.unfit[helper] ?? null;
}

/** Ours: `wait_for(fun, timeout \\ 1_000, interval \\ 10)`, `poll_with_timeout(fun, timeout \\ 1_000, interval \\ 10)`. */
const CALLED_WITH: Record<HelperName, number> = { wait_for: 2, poll_with_timeout: 3 };

/** A second parameter that is a time limit, not a pause between tries or a count of them. */
const TIMEOUT_PARAM = /^_?(?:\w*time_?out\w*|ms|\w*_ms|time|max_time|max_wait|wait_time|within|deadline|limit)$/;
const NOT_A_TIMEOUT = /interval|sleep|delay|dwell|pause|backoff|tries|retries|attempts|step/;

/** Can a definition with these parameters be called as ours is, with a time limit second? */
function fits(helper: HelperName, params: readonly string[]): boolean {
  const arity = CALLED_WITH[helper];
  const required = params.filter((p) => !p.includes('\\\\')).length;
  if (required > arity || params.length < arity) return false;
  const second = params[1]!.split('\\\\')[0]!.trim();
  return TIMEOUT_PARAM.test(second) && !NOT_A_TIMEOUT.test(second);
}

/** The parameter lists of `def helper(…)` (and `defp`, when asked) in `source`, split at top-level commas. */
function definitionHeads(source: string, helper: HelperName, withPrivate: boolean): string[][] {
  const heads: string[][] = [];
  for (const match of source.matchAll(new RegExp(`\\bdef${withPrivate ? 'p?' : ''}\\s+${helper}\\s*\\(`, 'g'))) {
    const params: string[] = [];
    let depth = 0;
    let start = match.index + match[0].length;
    for (let i = start; i < source.length; i++) {
      const c = source[i]!;
      if (c === '(' || c === '[' || c === '{') depth++;
      else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
      else if (c === ',' && depth === 0) {
        params.push(source.slice(start, i).trim());
        start = i + 1;
      } else if (c === ')') {
        const last = source.slice(start, i).trim();
        if (last) params.push(last);
        break;
      }
    }
    heads.push(params);
  }
  return heads;
}

/**
 * The app's module prefix from mix.exs: the namespace of its project module (`SampleApp.MixProject`,
 * `RethinkDB.Mixfile`, `Phoenix.PubSub.MixProject`: the app's own spelling), else the app's name
 * (`app: :sample_app` → SampleApp).
 */
export async function appModule(root: string): Promise<string> {
  const mix = await readFile(join(root, 'mix.exs'), 'utf8').catch(() => '');
  const app = /\bapp:\s*:(\w+)/.exec(mix)?.[1];
  const fromModule = /defmodule\s+([A-Z]\w*(?:\.[A-Z]\w*)*?)\.(?:MixProject|Mixfile|Project)\b/.exec(mix)?.[1];
  if (fromModule) return fromModule;
  if (app) return app.split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
  return 'Test';
}

async function listElixirFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && /\.exs?$/.test(e.name)).map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}
