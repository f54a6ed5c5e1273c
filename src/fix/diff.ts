import { createTwoFilesPatch } from 'diff';
import type { Colors } from '../report/colors.js';

/** A unified diff of one file's rewrite, coloured on a terminal. */
export function unifiedDiff(rel: string, before: string, after: string, colors: Colors): string {
  const patch = createTwoFilesPatch(`a/${rel}`, `b/${rel}`, before, after, undefined, undefined, { context: 3 });
  return patch
    .split('\n')
    .slice(1) // the "Index:"-style separator line
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return colors.bold(line);
      if (line.startsWith('+')) return colors.green(line);
      if (line.startsWith('-')) return colors.red(line);
      if (line.startsWith('@@')) return colors.cyan(line);
      return line;
    })
    .join('\n');
}
