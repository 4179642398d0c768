// Each tampering of the vectors is reported with its own code and path, in the right step: never a crash,
// never "valid". The expectations are written out here, independently of the committed reports.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyCase, type VectorCase } from '../../../scripts/make-vectors';
import type { VerifyReport } from '../../../shared/verify/report';

const DIR = path.resolve('docs/vectors');

const EXPECTED: Record<string, { step: string; code: string; path: string; details?: Record<string, unknown> }> = {
  'session-truncated': { step: 'container', code: 'BUNDLE_TRUNCATED', path: '' },
  'session-padded': { step: 'container', code: 'BUNDLE_UNREADABLE', path: '', details: { reason: 'bytes follow the end of central directory record', actual: '16' } },
  'session-stale-directory': { step: 'container', code: 'BUNDLE_UNREADABLE', path: 'bagit.txt', details: { reason: 'another name' } },
  'session-flipped-crc': { step: 'manifests', code: 'BUNDLE_HASH_MISMATCH', path: 'data/dossiers.json', details: { algorithm: 'crc32' } },
  'session-flipped-signed': { step: 'manifests', code: 'BUNDLE_HASH_MISMATCH', path: 'data/dossiers.json', details: { manifest: 'manifest-sha256.txt' } },
  'session-manifests-recomputed': { step: 'issuer', code: 'BUNDLE_SIGNATURE_INVALID', path: 'signature.dsse.json', details: { reason: 'signature covers another tag manifest' } },
  'session-resigned': { step: 'issuer', code: 'BUNDLE_UNTRUSTED_ISSUER', path: 'signature.dsse.json' },
  'sheets-other-session': { step: 'roster', code: 'VERIFY_SESSION_MISMATCH', path: 'data/expert.json#/sessionId', details: { actual: 'S2026-ENG-99' } },
  'sheets-foreign-key': { step: 'signatures', code: 'BUNDLE_SIGNATURE_INVALID', path: 'data/sheets.json#/0/envelope', details: { reason: 'unknown_key' } },
  'sheets-resigned': { step: 'roster', code: 'BUNDLE_UNTRUSTED_ISSUER', path: 'bag-info.txt#Key-Id' },
  'sheets-total-edited': { step: 'sheets', code: 'VERIFY_SCORES_INVALID', path: 'data/sheets.json#/0/envelope/payload/total', details: { expected: 2750, actual: 2850 } },
  'session-age-wrong-key': { step: 'container', code: 'BUNDLE_DECRYPT_FAILED', path: '', details: { stage: 'header', recipients: 'scrypt' } },
};

describe('verify: tampered bundles', () => {
  it.each(Object.entries(EXPECTED))('%s fails with its own code and path', async (name, want) => {
    const all = JSON.parse(await fs.readFile(path.join(DIR, 'vectors.json'), 'utf8')) as VectorCase[];
    const v = all.find((c) => c.name === name) as VectorCase;
    const report = (await verifyCase(DIR, v)) as VerifyReport;
    expect(report.valid).toBe(false);
    const step = report.steps.find((s) => s.id === want.step);
    expect(step?.status).toBe('failed');
    expect(step?.failures[0]).toMatchObject({ code: want.code, path: want.path, ...(want.details ? { details: want.details } : {}) });
    // Nothing after a failed container or manifests step is claimed as passed.
    const firstFailed = report.steps.findIndex((s) => s.status === 'failed');
    if (want.step === 'container' || want.step === 'manifests') expect(report.steps.slice(firstFailed + 1).every((s) => s.status === 'not-run')).toBe(true);
  });

  it('gives a re-zipped bundle in another entry order the same bundle hash and reports it valid', async () => {
    const all = JSON.parse(await fs.readFile(path.join(DIR, 'vectors.json'), 'utf8')) as VectorCase[];
    const [a, b] = await Promise.all(['session-valid', 'session-reordered'].map((n) => verifyCase(DIR, all.find((c) => c.name === n) as VectorCase) as Promise<VerifyReport>));
    expect(a?.valid && b?.valid).toBe(true);
    expect(b?.bundleHash).toBe(a?.bundleHash);
  });
});
