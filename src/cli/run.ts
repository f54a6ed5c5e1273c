// The one place where errors become exit codes (DESIGN.md "Exit codes").
import { UsageError } from '../errors.js';

export const EXIT = { ok: 0, findings: 1, usage: 2, interrupted: 130, terminated: 143 } as const;

export async function runCommand(body: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`sleepless: ${error.message}\n`);
    } else {
      const detail = process.env['SLEEPLESS_DEBUG'] ? (error as Error)?.stack : (error as Error)?.message;
      process.stderr.write(`sleepless: internal error: ${detail ?? String(error)}\n(set SLEEPLESS_DEBUG=1 for the stack trace, and please report it)\n`);
    }
    process.exitCode = EXIT.usage;
  }
}
