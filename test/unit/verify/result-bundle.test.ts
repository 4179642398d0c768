// The verifier on a real result bundle written by the exporter (a demo meeting signed by the chair, sealed by
// chair, teller and scrutineer): container, manifests, roster keys, every signature, commitments, attendance, the
// recount, aggregation, pass/fail and the audit chain pass; steps 10 and 11 are not in this release, so the report is never valid; tampering is caught.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../shared/contract';
import { bytesIO } from '../../../shared/verify/io';
import type { VerifyReport } from '../../../shared/verify/report';
import { verifyBundle } from '../../../shared/verify/verify';
import { jobEnd } from '../../fixtures/demo-host';
import { forgeResultBundle } from '../../fixtures/result-forge';
import { MEETING_PASS, signedMeeting, type SignedMeeting } from '../../fixtures/signed-meeting';

let m: SignedMeeting;
let root: string;
let bundle: Uint8Array;
const inflate = (d: Uint8Array, max: number): Promise<Uint8Array> => Promise.resolve(inflateRawSync(d, { maxOutputLength: Math.max(1, max) }));
const verify = (b: Uint8Array): Promise<VerifyReport> => verifyBundle(bytesIO(b, inflate));
const step = (r: VerifyReport, id: string) => r.steps.find((s) => s.id === id);

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-verify-result-'));
  m = await signedMeeting(path.join(root, 'data'));
  const file = path.join(root, 'out.pdresult');
  const events: AppEvent[] = [];
  const off = m.host.onEvent((e) => events.push(e));
  const started = await m.host.invoke('exportResultBundle', { sessionId: m.sessionId, path: m.host.grantFile(file, 'save'), chairPassphrase: MEETING_PASS, tellerPassphrase: MEETING_PASS, scrutineerPassphrase: MEETING_PASS });
  if (!started.ok) throw new Error(started.error.code);
  const end = await jobEnd(events, (started.value as { jobId: string }).jobId);
  off();
  if (end.type !== 'job.done') throw new Error('export failed');
  bundle = new Uint8Array(fs.readFileSync(file));
}, 180_000);

afterAll(() => {
  m?.host.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('verify: result bundles', () => {
  it('is valid: every step passes (quotas, ties and decisions recomputed with shared/domain)', async () => {
    const r = await verify(bundle);
    expect(r.kind).toBe('result');
    expect(r.steps.map((s) => s.id)).toEqual(['container', 'manifests', 'roster-keys', 'signatures', 'commitments', 'attendance-quorum', 'rounds-recount', 'aggregation', 'pass-fail', 'quotas-ties', 'decisions', 'audit-chain', 'pdfs']);
    for (const s of r.steps) expect(s.status === 'passed' || s.status === 'not-applicable', `${s.id}: ${JSON.stringify(s.failures)}`).toBe(true);
    for (const id of ['quotas-ties', 'decisions', 'pass-fail']) expect(step(r, id), id).toMatchObject({ status: 'passed', failures: [] });
    expect(step(r, 'signatures')?.checked).toBeGreaterThan(3);
    expect(step(r, 'decisions')?.checked).toBeGreaterThan(0);
    expect(r.valid).toBe(true);
  });

  it('catches a byte flipped in a signed document (manifest hash) and a byte changed in the seal', async () => {
    const text = Buffer.from(bundle);
    const at = text.indexOf(Buffer.from('"agree"'));
    expect(at).toBeGreaterThan(0);
    const flipped = bundle.slice();
    flipped[at + 2] = (flipped[at + 2] as number) ^ 1;
    const r = await verify(flipped);
    expect(r.valid).toBe(false);
    expect(r.steps.some((s) => s.failures.some((f) => f.code === 'BUNDLE_HASH_MISMATCH'))).toBe(true);

    const sealAt = text.indexOf(Buffer.from('"sig": "'), text.indexOf(Buffer.from('seal.dsse.json')));
    const forged = bundle.slice();
    const p = sealAt + 8;
    forged[p] = forged[p] === 0x41 ? 0x42 : 0x41; // another base64 letter: the CRC-32 catches it unless recomputed
    const f = await verify(forged);
    expect(f.valid).toBe(false);
  });

  /** A forger's edit (test/fixtures/result-forge.ts): documents changed, both manifests recomputed, the seal kept. */
  const forged = async (edit: (docs: Map<string, unknown>) => void): Promise<VerifyReport> => verify(await forgeResultBundle(bundle, root, edit));
  const codes = (r: VerifyReport, id: string): string[] => step(r, id)?.failures.map((f) => f.code) ?? [];

  it('a ballot added with the manifests recomputed: the seal signs another bundle hash, and the recount differs', async () => {
    const r = await forged((d) => {
      const rounds = d.get('data/rounds.json') as Array<{ ballots: Array<{ tracker: string; dossierId: string; choice: string }> }>;
      const b = rounds[0]?.ballots[0];
      if (!b) throw new Error('no ballot');
      rounds[0]?.ballots.push({ ...b });
    });
    expect(r.valid).toBe(false);
    expect(codes(r, 'signatures')).toContain('RESULT_SEAL_WRONG_BUNDLE');
    // The recount finds the extra ballot too: one more agree than the reconciliation says.
    expect(step(r, 'rounds-recount')?.failures).toContainEqual(expect.objectContaining({ code: 'RESULT_RECOUNT_MISMATCH', details: expect.objectContaining({ field: 'returned' }) }));
    expect(step(r, 'signatures')?.failures.find((f) => f.code === 'RESULT_SEAL_WRONG_BUNDLE')).toMatchObject({ path: 'seal.dsse.json', details: { field: 'bundleHash' } });
  });

  it('an audit entry removed: the chain breaks at its successor', async () => {
    const r = await forged((d) => void (d.get('data/audit/log.json') as unknown[]).splice(2, 1));
    expect(step(r, 'audit-chain')?.failures[0]).toMatchObject({ code: 'RESULT_AUDIT_BROKEN', path: 'data/audit/log.json#/2', details: { reason: 'seq' } });
  });

  it('the audit log cut short: it no longer ends at the signed head', async () => {
    const r = await forged((d) => void (d.get('data/audit/log.json') as unknown[]).pop());
    expect(codes(r, 'audit-chain')).toContain('RESULT_AUDIT_HEAD_MISMATCH');
  });

  it('a score sheet whose signature names a key not on the roster: RESULT_SIGNATURE_UNKNOWN_KEY at that sheet', async () => {
    const r = await forged((d) => {
      const sheets = d.get('data/sheets.json') as Array<{ envelope: { signatures: Array<{ keyid: string }> } }>;
      const sig = sheets[0]?.envelope.signatures[0];
      if (!sig) throw new Error('no sheet');
      sig.keyid = 'f'.repeat(64);
    });
    expect(step(r, 'signatures')?.failures).toContainEqual(expect.objectContaining({ code: 'RESULT_SIGNATURE_UNKNOWN_KEY', path: 'data/sheets.json#/0/envelope' }));
  });

  it('results edited to claim another attendance: the recomputation differs (and the seal no longer matches)', async () => {
    const r = await forged((d) => {
      const results = d.get('data/results.json') as { attendance: { present: number } };
      results.attendance.present += 1;
    });
    expect(step(r, 'attendance-quorum')?.failures[0]).toMatchObject({ code: 'RESULT_ATTENDANCE_MISMATCH', path: 'data/results.json#/attendance/present' });
    expect(codes(r, 'signatures')).toContain('RESULT_SEAL_WRONG_BUNDLE');
  });

  // Re-sealing needs the officers' secret keys, which a forger does not have: so each edit below shows both the
  // seal failing (the manifests were recomputed, the seal signs the old hash) and the recomputation's own finding.
  type Outcome = { passedVote: boolean; quota: string; cutBy: { quotaId: string; reason: string } | null; decision: string };
  type Dossiers = { dossiers: Array<{ dossierId: string; outcome: Outcome }> };

  it('a quota outcome flipped (a passed dossier marked cut by a quota): step 10 RESULT_QUOTA_MISMATCH, step 11 the decision', async () => {
    let at = -1;
    const r = await forged((d) => {
      const results = d.get('data/results.json') as Dossiers;
      at = results.dossiers.findIndex((x) => x.dossierId === m.dossierIds[0]);
      Object.assign((results.dossiers[at] as { outcome: Outcome }).outcome, { quota: 'cut', cutBy: { quotaId: 'q-none', reason: 'RANK' }, decision: 'not_passed' });
    });
    expect(r.valid).toBe(false);
    expect(codes(r, 'signatures')).toContain('RESULT_SEAL_WRONG_BUNDLE');
    expect(step(r, 'quotas-ties')?.failures).toContainEqual(expect.objectContaining({ code: 'RESULT_QUOTA_MISMATCH', path: `data/results.json#/dossiers/${at}/outcome/quota` }));
    expect(step(r, 'quotas-ties')?.failures).toContainEqual(expect.objectContaining({ code: 'RESULT_QUOTA_MISMATCH', path: `data/results.json#/dossiers/${at}/outcome/cutBy` }));
    expect(step(r, 'decisions')?.failures).toContainEqual(expect.objectContaining({ code: 'RESULT_DECISION_MISMATCH', path: `data/results.json#/dossiers/${at}/outcome/decision` }));
    // The chair signed the true outcome: the published results no longer say what the statement says.
    expect(codes(r, 'decisions')).toContain('RESULT_STATEMENT_MISMATCH');
  });

  it('a dossier that never passed the vote marked passed: RESULT_PASSED_BELOW_TWO_THIRDS and RESULT_DECISION_MISMATCH (step 11), passedVote unchanged', async () => {
    let at = -1;
    const r = await forged((d) => {
      const results = d.get('data/results.json') as Dossiers;
      at = results.dossiers.findIndex((x) => !m.dossierIds.includes(x.dossierId));
      (results.dossiers[at] as { outcome: Outcome }).outcome.decision = 'passed';
    });
    expect(at).toBeGreaterThanOrEqual(0);
    const path = `data/results.json#/dossiers/${at}/outcome/decision`;
    expect(step(r, 'decisions')?.failures).toContainEqual(expect.objectContaining({ code: 'RESULT_PASSED_BELOW_TWO_THIRDS', path }));
    expect(step(r, 'decisions')?.failures).toContainEqual(expect.objectContaining({ code: 'RESULT_DECISION_MISMATCH', path }));
    expect(step(r, 'pass-fail')?.status).toBe('passed');
    expect(codes(r, 'signatures')).toContain('RESULT_SEAL_WRONG_BUNDLE');
  });

  it('a dossier that passed the vote silently dropped (not_passed, no quota named): RESULT_CUT_WITHOUT_REASON', async () => {
    let at = -1;
    const r = await forged((d) => {
      const results = d.get('data/results.json') as Dossiers;
      at = results.dossiers.findIndex((x) => x.dossierId === m.dossierIds[1]);
      (results.dossiers[at] as { outcome: Outcome }).outcome.decision = 'not_passed';
    });
    expect(step(r, 'decisions')?.failures).toContainEqual(expect.objectContaining({ code: 'RESULT_CUT_WITHOUT_REASON', path: `data/results.json#/dossiers/${at}/outcome/cutBy` }));
    expect(step(r, 'decisions')?.failures).toContainEqual(expect.objectContaining({ code: 'RESULT_DECISION_MISMATCH', path: `data/results.json#/dossiers/${at}/outcome/decision` }));
  });

  it('passedVote flipped: step 9 RESULT_PASS_MISMATCH at the outcome', async () => {
    let at = -1;
    const r = await forged((d) => {
      const results = d.get('data/results.json') as Dossiers;
      at = results.dossiers.findIndex((x) => x.dossierId === m.dossierIds[2]);
      const o = (results.dossiers[at] as { outcome: Outcome }).outcome;
      o.passedVote = !o.passedVote;
    });
    expect(step(r, 'pass-fail')?.failures).toContainEqual(expect.objectContaining({ code: 'RESULT_PASS_MISMATCH', path: `data/results.json#/dossiers/${at}/outcome/passedVote` }));
  });
});
