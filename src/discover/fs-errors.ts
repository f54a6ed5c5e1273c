const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
};

/** The error's code as Node reports it (`ENOENT`, `EACCES`…), or undefined. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A short reason for a problem report: "permission denied (EACCES)", not a stack trace. */
export function describeError(err: unknown): string {
  const code = errorCode(err);
  const reason = code ? REASONS[code] : undefined;
  if (reason) return `${reason} (${code})`;
  return err instanceof Error ? err.message : String(err);
}
