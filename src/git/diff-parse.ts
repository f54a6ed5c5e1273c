// Parses `git diff --unified=0` output into the lines each file gained or changed (new-side line
// numbers). With zero context every `+` line of a hunk is added or changed; pure deletions add none.
// Every file the diff names on its new side is listed, with no lines when none were added (a pure
// rename has no `+++` header at all): `check --since` scans exactly these files.

export interface FileChanges {
  /** The whole file is new (untracked, or added since the base): every line counts as changed. */
  whole: boolean;
  lines: Set<number>;
}

export type ChangedLines = ReadonlyMap<string, FileChanges>;

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export function parseUnifiedDiff(diff: string): Map<string, FileChanges> {
  const changes = new Map<string, FileChanges>();
  let current: FileChanges | null = null;
  let oldIsNull = false;
  // Lines of the current hunk still to come: inside a hunk, `--- a/x` is a deleted line "-- a/x".
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('\\')) continue; // "\ No newline at end of file"
    if (oldLeft > 0 && line.startsWith('-')) {
      oldLeft--;
      continue;
    }
    if (newLeft > 0 && line.startsWith('+')) {
      newLeft--;
      continue;
    }
    oldLeft = newLeft = 0;
    if (line.startsWith('diff --git ')) {
      current = null;
      oldIsNull = false;
    } else if (line.startsWith('rename to ')) {
      // Moved without a change: no hunk follows, but the file is still the branch's to scan.
      const path = unquoted(line.slice('rename to '.length));
      if (!changes.has(path)) changes.set(path, { whole: false, lines: new Set() });
    } else if (line.startsWith('--- ')) {
      oldIsNull = line.replace(/\t$/, '') === '--- /dev/null';
    } else if (line.startsWith('+++ ')) {
      const path = headerPath(line.slice(4));
      current = path === null ? null : { whole: oldIsNull, lines: new Set() };
      if (path !== null && current) changes.set(path, current);
    } else {
      const hunk = HUNK.exec(line);
      if (!hunk) continue;
      oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      const start = Number(hunk[2]);
      newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
      if (current) for (let n = start; n < start + newLeft; n++) current.lines.add(n);
    }
  }
  return changes;
}

/** `b/path`, `"b/p\303\244th"` or `/dev/null`; git appends a tab to names that contain spaces. */
function headerPath(raw: string): string | null {
  const text = raw.replace(/\t$/, '');
  if (text === '/dev/null') return null;
  const path = unquoted(text);
  return path.startsWith('b/') ? path.slice(2) : path;
}

/** A path as git prints it, quoted only when it holds special characters. */
function unquoted(text: string): string {
  return text.startsWith('"') && text.endsWith('"') ? unquote(text.slice(1, -1)) : text;
}

/** git's C-style quoting: backslash escapes and octal bytes of the UTF-8 encoding. */
function unquote(text: string): string {
  const bytes: number[] = [];
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = text[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Whether any line from `start` to `end` (inclusive) of `file` was added or changed. */
export function touches(changes: ChangedLines, file: string, start: number, end: number): boolean {
  const changed = changes.get(file);
  if (!changed) return false;
  if (changed.whole) return true;
  for (let n = start; n <= end; n++) if (changed.lines.has(n)) return true;
  return false;
}
