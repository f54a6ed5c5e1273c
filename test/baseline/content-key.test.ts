// Content keys are recomputed from a scan; they must use the same owner and ordinal as the
// fingerprints classify.ts computes, or a renamed file would never match its old entries.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { scan } from '../../src/scan/scan.js';
import { fingerprintOf } from '../../src/classify/fingerprint.js';
import { siteIdentities } from '../../src/baseline/content-key.js';

describe('siteIdentities', () => {
  it('agrees with every fingerprint the scanner computes', async () => {
    const root = join(import.meta.dirname, '../../fixtures');
    const result = await scan({ root, paths: [join(root, 'classify'), join(root, 'sample_app')] });
    const identities = siteIdentities(result.sites);
    expect(identities.size).toBe(result.report.findings.length);
    expect(identities.size).toBeGreaterThan(50);
    for (const f of result.report.findings) {
      const { owner, ordinal } = identities.get(f)!;
      expect(fingerprintOf(f.file, f.describe, owner, f.call, ordinal), `${f.file}:${f.line}`).toBe(f.fingerprint);
    }
    expect([...identities.values()].some((i) => i.ordinal > 0)).toBe(true);
  });
});
