// Typed errors; the CLI turns them into exit codes in exactly one place (src/cli/run.ts).

/** Bad flags, malformed configuration, unreadable paths: exit 2 with a message that says what to do. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A configuration file is malformed or does not match its schema. */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly position?: { line: number; column: number },
  ) {
    super(`${file}${position ? `:${position.line}:${position.column}` : ''}: ${detail}`);
  }
}
