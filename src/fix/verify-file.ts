// --verify, shared by `fix --yes` and the interactive session: the test file is run once before
// any rewrite (a baseline, and its time), then after the rewrite; a file whose tests fail after
// the rewrite is put back atomically, but only if it still holds exactly what sleepless wrote.
import { runVerify, type VerifyResult } from '../verify/verify.js';
import { contentHash, writeFileAtomic } from '../write/atomic-write.js';

export interface FileVerify {
  before: VerifyResult;
  after?: VerifyResult;
  reverted: boolean;
}

export interface VerifyTarget {
  command: string;
  rel: string;
  abs: string;
  root: string;
}

/** The baseline run; a failing baseline means rewrites of that file cannot be verified. */
export function verifyBaseline(target: VerifyTarget, signal?: AbortSignal): Promise<VerifyResult> {
  return runVerify(target.command, target.rel, target.root, signal);
}

export function baselineFailedMessage(before: VerifyResult): string {
  return `tests already fail before the rewrite; left unchanged\n${before.tail}`;
}

export interface VerifyAfterResult {
  verify: FileVerify;
  /** Set when the file was reverted, or could not be: what to tell the person, with the output tail. */
  message?: string;
  /** The run was cut short by Ctrl-C / SIGTERM: nothing was reverted and nothing is known. */
  interrupted?: boolean;
}

/**
 * Runs the tests on the rewritten file (bytes `rewritten`, as written); when they fail, writes
 * `original` back, refusing if the file changed since sleepless wrote it.
 */
export async function verifyAfterRewrite(
  target: VerifyTarget,
  original: string,
  rewritten: string,
  before: VerifyResult,
  signal?: AbortSignal,
): Promise<VerifyAfterResult> {
  const after = await runVerify(target.command, target.rel, target.root, signal);
  // Ctrl-C reaches the test run too (same process group): its failure then says nothing about the rewrite.
  if (signal?.aborted) return { verify: { before, reverted: false }, interrupted: true };
  if (after.passed) return { verify: { before, after, reverted: false } };
  try {
    await writeFileAtomic(target.abs, original, { expectedHash: contentHash(rewritten), root: target.root });
  } catch (error) {
    return { verify: { before, after, reverted: false }, message: `tests failed after the rewrite, and it could not be reverted: ${(error as Error).message}\n${after.tail}` };
  }
  return { verify: { before, after, reverted: true }, message: `tests failed after the rewrite; reverted\n${after.tail}` };
}
