import type { Rule } from '../rule.js';

export const inlineAllow: Rule = {
  id: 'inline-allow',
  verdict: 'legitimate',
  produces: 'allowlisted',
  summary: 'a `# sleepless:allow CATEGORY reason` comment on or above the sleep',
  explanation:
    'A person has looked at this sleep and judged it legitimate. The comment goes on the sleep\'s line or the line before, ' +
    'names a category (ttl, rate_window, timeout_sim, load_sim, spawned_work, time_measurement, poll_interval, infinity) and says ' +
    'why. A comment without a category or a reason allows nothing and is reported.',
  example: {
    before: '# sleepless:allow ttl the upstream token lives 1 s and has no clock to inject\nProcess.sleep(1_100)',
    after: '# unchanged: reported as legitimate / allowlisted with that reason',
  },
  decide(_ctx, signals) {
    const allow = signals.inlineAllow();
    if (allow?.kind !== 'allow') return null;
    return { category: 'allowlisted', confidence: 'high', reason: `allowed inline as ${allow.category} (line ${allow.line}): ${allow.reason}`, evidence: [allow.line] };
  },
};
