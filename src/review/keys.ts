// The session's keys: one per decision, declared once for the prompt, the help line and the README.
import type { ActionChoice } from './ask.js';

export const ACTIONS = [
  { key: 'a', name: 'apply', help: 'apply the proposed rewrite and write the file now' },
  { key: 's', name: 'skip', help: 'leave this sleep as it is (remembered: `fix --resume` does not show it again)' },
  { key: 'c', name: 'choose another fix', help: 'pick another applicable fix, ranked by the ladder, each with its preview' },
  { key: 'l', name: 'mark legitimate', help: 'pick a category, type a reason, and record it in sleepless.allowlist.json or as an inline `# sleepless:allow` comment' },
  { key: 'e', name: 'edit in $EDITOR', help: 'edit the proposed replacement in $VISUAL / $EDITOR, then apply your version' },
  { key: 'f', name: 'apply all in this file', help: 'apply this and every remaining rewrite in this file' },
  { key: 'k', name: 'apply all of this kind', help: 'apply this and every remaining rewrite of the same fix kind, in every file' },
  { key: 'u', name: 'undo', help: 'undo the last change written (only if the file still holds what sleepless wrote)' },
  { key: 'q', name: 'quit', help: 'stop here; `sleepless fix --resume` continues from this sleep' },
  { key: '?', name: 'help', help: 'explain the keys' },
] as const satisfies readonly (ActionChoice & { help: string })[];

export type ActionKey = (typeof ACTIONS)[number]['key'];

/** Keys that need an automatic rewrite: a sleep with none offers only the others. */
const NEEDS_FIX: readonly ActionKey[] = ['a', 'c', 'e', 'f', 'k'];

export function actionsFor(hasFix: boolean, canUndo: boolean, kind: string | null): ActionChoice<ActionKey>[] {
  return ACTIONS.filter((a) => (hasFix || !NEEDS_FIX.includes(a.key)) && (canUndo || a.key !== 'u')).map((a) => ({
    key: a.key,
    name: a.key === 'k' && kind ? `apply all ${kind}` : a.name,
  }));
}

/** `a apply · s skip · … · ? help`: printed under every step. */
export function helpLine(choices: readonly ActionChoice[]): string {
  return choices.map((c) => `${c.key} ${c.name}`).join(' · ');
}

export function helpText(): string {
  return ACTIONS.map((a) => `  ${a.key}  ${a.name.padEnd(24)} ${a.help}`).join('\n');
}

export function isActionKey(value: string): value is ActionKey {
  return ACTIONS.some((a) => a.key === value);
}
