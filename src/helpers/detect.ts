// Finds the wait_for/3 and poll_with_timeout/3 a project already has, so rewrites call those
// instead of adding ours: a def under test/support (imported by module), or one in the test file.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HelperName } from '../transform/api.js';

export interface ProjectHelpers {
  /** Helper → module that defines it under test/support. */
  modules: Partial<Record<HelperName, string>>;
  /** The module `sleepless init` writes when a helper is missing, e.g. SampleApp.WaitHelpers. */
  generatedModule: string;
  generatedPath: string;
}

const HELPERS: HelperName[] = ['wait_for', 'poll_with_timeout'];
const SUPPORT_DIRS = ['test/support'];

export async function detectHelpers(root: string): Promise<ProjectHelpers> {
  const modules: Partial<Record<HelperName, string>> = {};
  for (const dir of SUPPORT_DIRS) {
    for (const file of await listElixirFiles(join(root, dir))) {
      const text = await readFile(file, 'utf8').catch(() => '');
      const module = /defmodule\s+([A-Z][\w.]*)\s+do/.exec(text)?.[1];
      if (!module) continue;
      for (const helper of HELPERS) {
        if (!modules[helper] && new RegExp(`\\bdef\\s+${helper}\\s*\\(`).test(text)) modules[helper] = module;
      }
    }
  }
  const app = await appModule(root);
  return { modules, generatedModule: `${app}.WaitHelpers`, generatedPath: 'test/support/wait_helpers.ex' };
}

/** Does the test file define the helper itself (def or defp)? Then no import is needed. */
export function definesLocally(source: string, helper: HelperName): boolean {
  return new RegExp(`\\bdefp?\\s+${helper}\\s*\\(`).test(source);
}

/**
 * The app's module prefix from mix.exs: the namespace of its project module (`SampleApp.MixProject`,
 * `RethinkDB.Mixfile`: the app's own spelling), else the app's name (`app: :sample_app` → SampleApp).
 */
export async function appModule(root: string): Promise<string> {
  const mix = await readFile(join(root, 'mix.exs'), 'utf8').catch(() => '');
  const app = /\bapp:\s*:(\w+)/.exec(mix)?.[1];
  const fromModule = /defmodule\s+([A-Z]\w*)\.(?:MixProject|Mixfile|Project)\b/.exec(mix)?.[1];
  if (fromModule) return fromModule;
  if (app) return app.split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
  return 'Test';
}

async function listElixirFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && /\.exs?$/.test(e.name)).map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}
