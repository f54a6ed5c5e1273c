// `# sleepless:allow CATEGORY reason…` on the sleep's line or the line before allows that one site.
import type { SourceFile } from '../context/source-file.js';
import { CATEGORIES, type Category } from '../vocabulary.js';

export type InlineAllow =
  | { kind: 'allow'; category: Exclude<Category, 'allowlisted'>; reason: string; line: number }
  | { kind: 'invalid'; line: number; message: string };

const MARKER = /#\s*sleepless:allow\b(.*)$/;
const ALLOWED = CATEGORIES.filter((c) => c !== 'allowlisted');

export function inlineAllowFor(file: SourceFile, line: number): InlineAllow | null {
  const own = MARKER.exec(file.lineText(line));
  if (own) return parse(own[1]!, line);
  const previous = file.lineText(line - 1);
  const above = /^\s*#/.test(previous) ? MARKER.exec(previous) : null;
  return above ? parse(above[1]!, line - 1) : null;
}

function parse(rest: string, line: number): InlineAllow {
  const [category, ...reasonWords] = rest.trim().split(/\s+/).filter(Boolean);
  const reason = reasonWords.join(' ').replace(/^[-\u2013\u2014:]\s*/, '');
  if (!category || !(ALLOWED as readonly string[]).includes(category)) {
    return { kind: 'invalid', line, message: `\`# sleepless:allow\` needs a category (${ALLOWED.join(', ')}) then a reason; got “${category ?? ''}”` };
  }
  if (reason.length < 3) {
    return { kind: 'invalid', line, message: `\`# sleepless:allow ${category}\` needs a reason after the category, e.g. “# sleepless:allow ${category} waits out the 100 ms TTL”` };
  }
  return { kind: 'allow', category: category as Exclude<Category, 'allowlisted'>, reason, line };
}
