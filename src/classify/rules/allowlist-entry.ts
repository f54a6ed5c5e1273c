import type { Rule } from '../rule.js';

export const allowlistEntry: Rule = {
  id: 'allowlist-entry',
  verdict: 'legitimate',
  produces: 'allowlisted',
  summary: 'an entry in the project\'s sleepless.allowlist.json',
  explanation:
    'sleepless.allowlist.json at the scanned root lists sites a person judged legitimate, each with a category and a reason, ' +
    'matched by fingerprint (printed in the JSON report) or by file + test name + call. Entries that match no sleep any more ' +
    'are reported as stale so the list does not rot.',
  example: {
    before: '{ "version": 1, "sites": [ { "file": "test/token_test.exs", "test": "refreshes", "call": "Process.sleep(1_100)",\n    "category": "ttl", "reason": "the upstream token lives 1 s" } ] }',
    after: '# the matching sleep is reported as legitimate / allowlisted with that reason',
  },
  decide(_ctx, signals) {
    const entry = signals.allowlistEntry();
    if (!entry) return null;
    return { category: 'allowlisted', confidence: 'high', reason: `allowlisted as ${entry.category} in sleepless.allowlist.json: ${entry.reason}` };
  },
};
