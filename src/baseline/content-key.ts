// Content keys for the findings of a scan. A finding carries its fingerprint but not the owner
// (test or function name) and ordinal that went into it; both are recomputed here exactly as
// src/classify/classify.ts counts them: per file, per describe + owner + call, in source order.
// (test/baseline/content-key.test.ts fails if the two ever disagree.)
import { contentKeyOf } from '../classify/fingerprint.js';
import type { Finding } from '../finding.js';
import type { ScannedSite } from '../scan/scan.js';

export interface SiteIdentity {
  owner: string;
  ordinal: number;
}

/** Identities of a scan's sites (`ScanResult.sites`, in report order): ordinals count per file. */
export function siteIdentities(sites: readonly Pick<ScannedSite, 'finding' | 'owner'>[]): Map<Finding, SiteIdentity> {
  const identities = new Map<Finding, SiteIdentity>();
  const ordinals = new Map<string, number>();
  for (const { finding, owner } of sites) {
    const id = `${finding.file}\u0000${finding.describe ?? ''}\u0000${owner}\u0000${finding.call}`;
    const ordinal = ordinals.get(id) ?? 0;
    ordinals.set(id, ordinal + 1);
    identities.set(finding, { owner, ordinal });
  }
  return identities;
}

export function contentKeys(sites: readonly Pick<ScannedSite, 'finding' | 'owner'>[]): Map<Finding, string> {
  const keys = new Map<Finding, string>();
  for (const [finding, { owner, ordinal }] of siteIdentities(sites)) keys.set(finding, contentKeyOf(finding.describe, owner, finding.call, ordinal));
  return keys;
}
