// The verifier on a real result bundle written by the exporter (a demo meeting signed by the chair, sealed by
// chair, teller and scrutineer): container, manifests, roster keys, every signature, commitments, the audit chain
// pass; the recomputation steps 6–11 are not in this release, so the report is never valid; tampering is caught.
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
  it('passes the container, manifests, roster keys, every signature and the audit chain; steps 6–11 are not run, so not valid', async () => {
    const r = await verify(bundle);
    expect(r.kind).toBe('result');
    expect(r.steps.map((s) => s.id)).toEqual(['container', 'manifests', 'roster-keys', 'signatures', 'commitments', 'attendance-quorum', 'rounds-recount', 'aggregation', 'pass-fail', 'quotas-ties', 'decisions', 'audit-chain', 'pdfs']);
    for (const id of ['container', 'manifests', 'roster-keys', 'signatures', 'commitments', 'audit-chain']) expect(step(r, id), id).toMatchObject({ status: 'passed', failures: [] });
    expect(step(r, 'signatures')?.checked).toBeGreaterThan(3);
    expect(step(r, 'rounds-recount')?.status).toBe('not-run');
    expect(r.valid).toBe(false);
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
});
