// The secretary's result-bundle export through the contract, on a meeting run through the services to the chair's
// signature: refused before signing, sealed by the chair, teller and scrutineer, byte-identical when exported again,
// age-encrypted to X25519 recipients or a passphrase (decrypting to the same bytes), and all-or-nothing on failure.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Decrypter, generateIdentity, identityToRecipient } from 'age-encryption';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../shared/contract';
import type { ResultExportReport } from '../../../shared/result-bundle/export-types';
import type { ResultsDoc, RoundDoc } from '../../../shared/result-bundle/schema';
import type { AppErrorShape } from '../../../shared/errors';
import type { BackendHost } from '../../../electron/backend/host-types';
import { err, jobEnd, ok, openHost } from '../../fixtures/demo-host';
import { checkResultBundle, readZip } from '../../fixtures/result-bundle-check';
import { MEETING_PASS, signedMeeting, type SignedMeeting } from '../../fixtures/signed-meeting';
import { tmpDir } from '../../fixtures/tmp';

const SEAL = { chairPassphrase: MEETING_PASS, tellerPassphrase: MEETING_PASS, scrutineerPassphrase: MEETING_PASS };

let m: SignedMeeting;
let root: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-rbundle-'));
  m = await signedMeeting(path.join(root, 'data'));
}, 120_000);

afterAll(() => {
  m?.host.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Starts an export and waits for its end: the report, or the error (at once, or from the job). */
async function exportTo(host: BackendHost, file: string, input: Record<string, unknown>): Promise<{ ok: true; report: ResultExportReport } | { ok: false; error: AppErrorShape }> {
  const events: AppEvent[] = [];
  const off = host.onEvent((e) => events.push(e));
  try {
    const started = await host.invoke('exportResultBundle', { ...input, path: host.grantFile(file, 'save') });
    if (!started.ok) return { ok: false, error: started.error };
    const end = await jobEnd(events, (started.value as { jobId: string }).jobId);
    if (end.type === 'job.failed') return { ok: false, error: end.error };
    if (end.kind !== 'resultExport') throw new Error('not an export job');
    expect(events.some((e) => e.type === 'job.progress' && e.kind === 'resultExport')).toBe(true);
    return { ok: true, report: end.result };
  } finally {
    off();
  }
}

async function auditKinds(host: BackendHost, sessionId: string): Promise<string[]> {
  const page = await ok(host, 'listAuditEvents', { sessionId, order: 'asc', limit: 500 });
  return page.rows.map((r) => r.kind);
}

describe('exportResultBundle', () => {
  it('is refused with RESULT_BUNDLE_NOT_SIGNED before the chair has signed, and writes nothing', async () => {
    const dir = tmpDir('pd-rbundle-unsigned-');
    const host = openHost(path.join(dir, 'data'));
    try {
      const { sessionId } = await ok(host, 'openDemo', {});
      const out = path.join(dir, 'out.pdresult');
      const r = await exportTo(host, out, { sessionId, ...SEAL });
      expect(r.ok ? 'ok' : r.error).toMatchObject({ code: 'RESULT_BUNDLE_NOT_SIGNED', details: { field: 'sessionId' } });
      expect(fs.readdirSync(dir)).toEqual(['data']);
    } finally {
      host.close();
    }
  });

  it('asks the chair, teller and scrutineer to seal a first export, names whose passphrase failed, and stores nothing until all three are right', async () => {
    const out = path.join(root, 'refused.pdresult');
    const none = await exportTo(m.host, out, { sessionId: m.sessionId });
    expect(none.ok ? 'ok' : none.error).toMatchObject({ code: 'RESULT_BUNDLE_SEAL_NEEDED', details: { signers: 'chair,teller,scrutineer' } });
    const wrong = await exportTo(m.host, out, { sessionId: m.sessionId, ...SEAL, tellerPassphrase: 'not the teller' });
    expect(wrong.ok ? 'ok' : wrong.error).toMatchObject({ code: 'AUTH_BAD_PASSPHRASE', details: { field: 'tellerPassphrase', role: 'teller' } });
    expect(fs.existsSync(out)).toBe(false);
    expect(await auditKinds(m.host, m.sessionId)).not.toContain('result.sealed');
  });

  it('writes a sealed bundle whose manifests, documents and seal check out; exporting again reuses the seal and gives the same bytes', async () => {
    const first = path.join(root, 'first.pdresult');
    const a = await exportTo(m.host, first, { sessionId: m.sessionId, ...SEAL });
    if (!a.ok) throw new Error(JSON.stringify(a.error));
    expect(a.report).toMatchObject({ sessionId: m.sessionId, sealedNow: true, encrypted: null, statementVersion: 1 });
    const bytes = fs.readFileSync(first);
    expect(a.report.bytes).toBe(bytes.length);

    const b = await checkResultBundle(bytes);
    expect(b.bundleHash).toBe(a.report.bundleHash);
    expect(b.seal.signers.map((s) => [s.role, s.expertId])).toEqual([
      ['chair', m.chairId],
      ['teller', m.tellerId],
      ['scrutineer', m.scrutineerId],
    ]);
    expect(b.bagInfo.get('PanelDesk-Bundle-Type')).toBe('result');
    expect(b.bagInfo.get('Statement-Version')).toBe('1');
    // The ballots: every voter's tracker with three choices, sorted by tracker; no voter anywhere near them.
    const [round] = b.documents.get('data/rounds.json') as RoundDoc[];
    // 17 voters on three dossiers, less the recusals (the demo declares some): one ballot per valid vote.
    expect(round!.ballots).toHaveLength(round!.reconciliation.reduce((n, r) => n + r.valid, 0));
    expect(round!.ballots.length).toBeGreaterThan(3 * 15);
    expect(round!.ballots.map((x) => `${x.tracker}|${x.dossierId}`)).toEqual(round!.ballots.map((x) => `${x.tracker}|${x.dossierId}`).sort());
    expect(new Set(round!.ballots.map((x) => x.tracker)).size).toBe(17);
    expect(Object.keys(round!.ballots[0]!).sort()).toEqual(['choice', 'dossierId', 'tracker']);
    for (const r of round!.reconciliation) expect(r).toMatchObject({ returned: r.issued, valid: r.issued, passed: true, void: false });
    expect(round!.ballots.filter((x) => x.choice === 'disagree')).toHaveLength(0 + 1 + 2);
    const results = b.documents.get('data/results.json') as ResultsDoc;
    expect(results.dossiers.filter((d) => m.dossierIds.includes(d.dossierId)).map((d) => d.outcome.decision)).toEqual(['passed', 'passed', 'passed']);
    // The embedded dossier is the one the expert signed: its RFC 8785 hash is the sheet's dossierContentHash.
    const [sheet] = b.documents.get('data/sheets.json') as Array<{ dossierId: string; envelope: { payload: string } }>;
    expect(b.documents.get('data/sheets.json') as unknown[]).toHaveLength(1);
    const signed = JSON.parse(Buffer.from(sheet!.envelope.payload, 'base64').toString('utf8')) as { dossierContentHash: string };
    const zip = await readZip(bytes);
    const dossiers = JSON.parse(zip.find((e) => e.name === 'data/session/dossiers.json')!.data.toString('utf8')) as Array<{ id: string }>;
    const embedded = dossiers.find((d) => d.id === sheet!.dossierId);
    expect(createHash('sha256').update(canonicalize(embedded) ?? '').digest('hex')).toBe(signed.dossierContentHash);
    // The audit log is cut at the seal's position: the seal's own entry comes after it.
    expect((b.documents.get('data/audit/log.json') as unknown[]).length).toBe(b.seal.auditCount);
    expect(b.names.filter((n) => n.startsWith('data/session/attachments/')).length).toBeGreaterThan(0);

    const second = path.join(root, 'second.pdresult');
    const c = await exportTo(m.host, second, { sessionId: m.sessionId });
    if (!c.ok) throw new Error(JSON.stringify(c.error));
    expect(c.report).toMatchObject({ sealedNow: false, bundleHash: a.report.bundleHash });
    expect(fs.readFileSync(second).equals(bytes)).toBe(true);
    const kinds = await auditKinds(m.host, m.sessionId);
    expect(kinds.filter((k) => k === 'result.sealed')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'result.exported')).toHaveLength(2);
  });

  it('encrypts with age to several X25519 recipients, or to a passphrase, and each decrypts to the plain bundle byte for byte', async () => {
    const plain = path.join(root, 'plain.pdresult');
    const p = await exportTo(m.host, plain, { sessionId: m.sessionId });
    if (!p.ok) throw new Error(JSON.stringify(p.error));
    const [id1, id2] = [await generateIdentity(), await generateIdentity()];
    const recipients = [await identityToRecipient(id1), await identityToRecipient(id2)];
    const enc = path.join(root, 'x25519.pdresult.age');
    const r = await exportTo(m.host, enc, { sessionId: m.sessionId, encryption: { recipients } });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.report).toMatchObject({ encrypted: 'x25519', bundleHash: p.report.bundleHash });
    for (const id of [id1, id2]) {
      const d = new Decrypter();
      d.addIdentity(id);
      expect(Buffer.from(await d.decrypt(fs.readFileSync(enc))).equals(fs.readFileSync(plain))).toBe(true);
    }
    const pass = path.join(root, 'pass.pdresult.age');
    const q = await exportTo(m.host, pass, { sessionId: m.sessionId, encryption: { passphrase: 'provincial upload 2026' } });
    if (!q.ok) throw new Error(JSON.stringify(q.error));
    const d = new Decrypter();
    d.addPassphrase('provincial upload 2026');
    expect(Buffer.from(await d.decrypt(fs.readFileSync(pass))).equals(fs.readFileSync(plain))).toBe(true);
  });

  it('includes the printed PDFs under data/prints/ (a new content, so a new seal), and refuses a file that is not a PDF', async () => {
    const minutes = path.join(root, 'minutes.pdf');
    fs.writeFileSync(minutes, '%PDF-1.7\n% minutes\n%%EOF\n');
    const notPdf = path.join(root, 'notice.pdf');
    fs.writeFileSync(notPdf, 'PK\u0003\u0004 not a pdf');
    const refused = await exportTo(m.host, path.join(root, 'refused-print.pdresult'), { sessionId: m.sessionId, ...SEAL, noticePdf: m.host.grantFile(notPdf, 'open') });
    expect(refused.ok ? 'ok' : refused.error).toMatchObject({ code: 'RESULT_BUNDLE_PRINT_INVALID', details: { field: 'noticePdf', file: 'notice.pdf' } });
    const needsSeal = await exportTo(m.host, path.join(root, 'print-unsealed.pdresult'), { sessionId: m.sessionId, minutesPdf: m.host.grantFile(minutes, 'open') });
    expect(needsSeal.ok ? 'ok' : needsSeal.error).toMatchObject({ code: 'RESULT_BUNDLE_SEAL_NEEDED' });
    const out = path.join(root, 'with-minutes.pdresult');
    const r = await exportTo(m.host, out, { sessionId: m.sessionId, ...SEAL, minutesPdf: m.host.grantFile(minutes, 'open') });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.report.sealedNow).toBe(true);
    const b = await checkResultBundle(fs.readFileSync(out));
    expect(b.names).toContain('data/prints/minutes.pdf');
    expect((b.documents.get('data/result.json') as { prints: string[] }).prints).toEqual(['minutes']);
  });

  it('refuses a recipient that is not an age X25519 key, naming which, before writing anything', async () => {
    const out = path.join(root, 'bad-recipient.pdresult.age');
    const id = await identityToRecipient(await generateIdentity());
    const bad = `age1${'q'.repeat(58)}`;
    const r = await exportTo(m.host, out, { sessionId: m.sessionId, encryption: { recipients: [id, bad] } });
    expect(r.ok ? 'ok' : r.error).toMatchObject({ code: 'RESULT_BUNDLE_BAD_RECIPIENT', details: { field: 'recipients', row: 2 } });
    expect(fs.existsSync(out)).toBe(false);
  });

  it("carries the officers' co-signed counts (计票结果报告单) and the paper record of every round", async () => {
    const out = path.join(root, 'with-counts.pdresult');
    const r = await exportTo(m.host, out, { sessionId: m.sessionId, ...SEAL });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const b = await checkResultBundle(fs.readFileSync(out));
    const reports = b.documents.get('data/count-reports.json') as Array<{ officer: string; expertId: string; keyid: string; countsSha256: string; envelope: { signatures: Array<{ keyid: string }> } }>;
    // The signed-meeting fixture has the teller and then the scrutineer co-sign before the chair signs.
    expect(reports.map((c) => [c.officer, c.expertId])).toEqual([
      ['teller', m.tellerId],
      ['scrutineer', m.scrutineerId],
    ]);
    for (const c of reports) {
      expect(c.countsSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(c.envelope.signatures.map((x) => x.keyid)).toEqual([c.keyid]);
    }
    // One electronic round: no paper entries, no arbitration.
    expect((b.documents.get('data/rounds.json') as RoundDoc[])[0]).toMatchObject({ arbitration: null, paperEntries: [] });
  });

  it('is for the secretary only', async () => {
    await ok(m.host, 'signIn', { sessionId: m.sessionId, expertId: m.chairId, passphrase: MEETING_PASS, as: 'chair' });
    try {
      expect((await err(m.host, 'exportResultBundle', { sessionId: m.sessionId, path: m.host.grantFile(path.join(root, 'chair.pdresult'), 'save') })).code).toBe('CONTRACT_FORBIDDEN');
    } finally {
      await ok(m.host, 'signInSecretary', { passphrase: 'secretary test pass' });
    }
  });
});
