// Reading and writing the baseline file. Writes are atomic (a temporary file renamed over the
// old one), so an interrupted `--prune` or `baseline` never leaves half a baseline behind.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../errors.js';
import { parseBaseline, serializeBaseline, type Baseline, type BaselineEntry } from './format.js';

export function readBaseline(file: string, displayName: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(displayName, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the --baseline path`);
  }
  return parseBaseline(text, displayName);
}

export function writeBaseline(file: string, entries: readonly BaselineEntry[]): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, serializeBaseline(entries));
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new ConfigError(file, `cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}); check that its directory exists and is writable`);
  }
}
