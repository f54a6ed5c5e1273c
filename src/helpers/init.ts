// `sleepless init` (and `fix`, when a rewrite needs a helper the project lacks): writes the
// helpers module under test/support (or the support directory mix.exs already compiles), makes
// mix.exs compile it, and creates the allowlist file.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { detectHelpers } from './detect.js';
import { helpersModuleSource } from './helpers-module.js';
import { ensureTestSupportCompiled } from './mix-exs.js';
import { contentHash, createFileAtomic, writeFileAtomic } from '../write/atomic-write.js';
import { USER_ALLOWLIST } from '../allowlist/allowlist.js';

export interface InitResult {
  /** One line per thing done or to do, for the CLI to print. */
  messages: string[];
  written: string[];
  /** How to take the helpers back out: the module this wrote, and mix.exs as it was before the patch. */
  undo: HelperUndo;
}

export interface HelperUndo {
  /** Absolute path and text of a helpers module this wrote. */
  created: { path: string; text: string }[];
  /** mix.exs as it was, and as this patched it. */
  patched: { path: string; before: string; after: string }[];
}

export async function initProject(root: string, options: { allowlist?: boolean } = {}): Promise<InitResult> {
  const messages: string[] = [];
  const written: string[] = [];
  const undo: HelperUndo = { created: [], patched: [] };
  const helpers = await detectHelpers(root);
  const support = dirname(helpers.generatedPath);
  if (helpers.modules.wait_for && helpers.modules.poll_with_timeout) {
    messages.push(`helpers: using ${helpers.modules.wait_for} (wait_for) and ${helpers.modules.poll_with_timeout} (poll_with_timeout) already in ${support}`);
  } else {
    const path = join(root, helpers.generatedPath);
    if (existsSync(path)) {
      messages.push(`helpers: ${helpers.generatedPath} exists but does not define both wait_for/3 and poll_with_timeout/3; left as is`);
    } else {
      await mkdir(dirname(path), { recursive: true });
      const text = helpersModuleSource(helpers.generatedModule);
      await createFileAtomic(path, text);
      written.push(helpers.generatedPath);
      undo.created.push({ path, text });
      messages.push(`helpers: wrote ${helpers.generatedPath} (${helpers.generatedModule}: wait_for/3, poll_with_timeout/3)`);
    }
  }

  const mixPath = join(root, 'mix.exs');
  if (!existsSync(mixPath)) {
    messages.push(`mix.exs: not found; make sure your test build compiles ${support}`);
  } else {
    const mix = await readFile(mixPath, 'utf8');
    const patch = ensureTestSupportCompiled(mix);
    if (patch.kind === 'ok') messages.push(`mix.exs: already compiles ${support} in the test env`);
    else if (patch.kind === 'patched') {
      await writeFileAtomic(mixPath, patch.text, { expectedHash: contentHash(mix), root });
      written.push('mix.exs');
      undo.patched.push({ path: mixPath, before: mix, after: patch.text });
      messages.push('mix.exs: now compiles test/support in the test env (elixirc_paths)');
    } else messages.push(`mix.exs: not the standard shape; please ${patch.instructions}`);
  }

  if (options.allowlist !== false) {
    const allowPath = join(root, USER_ALLOWLIST);
    if (!existsSync(allowPath)) {
      await createFileAtomic(allowPath, `${JSON.stringify({ version: 1, sites: [] }, null, 2)}\n`);
      written.push(USER_ALLOWLIST);
      messages.push(`allowlist: wrote ${USER_ALLOWLIST} (add sites a person judged legitimate, each with a reason)`);
    }
  }
  return { messages, written, undo };
}
