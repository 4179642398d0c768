// Experts scoring on their own laptops: the secretary's expert package out; the expert's signed sheet
// bundle back; the secretary's merge, verified against the key confirmed at the meeting. Nothing is
// resolved silently: every sheet that does not fit is listed with its reason and left out.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { hexToBytes } from '@noble/hashes/utils.js';
import { AppError } from '../../../shared/errors';
import { DSSE_PAYLOAD_TYPE_TAGMANIFEST } from '../../../shared/bundle/layout';
import { BUNDLE_TYPE_EXPERT_SHEETS, EXPERT_SHEET_DOCUMENTS, SHEET_PAYLOAD_TYPE, SheetPayloadDoc, type SheetPayload } from '../../../shared/bundle/sheets';
import { parseStrictJson } from '../../../shared/bundle/strict-json';
import { parseDocumentJson } from '../../../shared/bundle/validate';
import { verifyDsse } from '../../../shared/crypto/dsse';
import { fingerprintOf, keyIdOf } from '../../../shared/crypto/keyid';
import { checkItemScore, sheetTotal } from '../../../shared/domain/scoring';
import { utf8Decode, utf8Encode } from '../../../shared/text';
import type { MergePreview, MergeSheetRow } from '../../../shared/types';
import { encryptBundleFile } from '../bundles/age';
import type { BundleKind } from '../bundles/bag';
import { inspectSessionBundle } from '../bundles/reader';
import { bagEntries, writeSessionBundle, writeZipAtomic } from '../bundles/writer';
import { inTransaction } from '../db/connection';
import { appendAudit } from '../db/queries/audit';
import { getExpertKey } from '../db/queries/keys';
import { listExperts } from '../db/queries/roster';
import { getStandard } from '../db/queries/standards';
import type { Ctx } from '../context';
import { unlockSecretKey } from './identity';
import { expertPackageContent } from './session-content';
import { requireSession } from './sessions';

const SHEETS_KIND: BundleKind = { type: BUNDLE_TYPE_EXPERT_SHEETS, documents: new Set(Object.keys(EXPERT_SHEET_DOCUMENTS)) };

function requireExpert(ctx: Ctx, sessionId: string, expertId: string) {
  const e = listExperts(ctx.db, sessionId).find((x) => x.id === expertId);
  if (!e) throw new AppError('EXPERT_NOT_FOUND', `no expert ${expertId}`, { field: 'expertId', actual: expertId });
  return e;
}

/** Secretary: the part of the session this expert scores, as a session bundle encrypted to a passphrase. */
export async function exportExpertPackage(ctx: Ctx, a: { sessionId: string; expertId: string; path: string; passphrase: string }): Promise<{ path: string; dossiers: number; bytes: number }> {
  requireSession(ctx, a.sessionId);
  requireExpert(ctx, a.sessionId, a.expertId);
  const { content, blobs } = await expertPackageContent(ctx, a.sessionId, a.expertId);
  const tmp = path.join(path.dirname(a.path), `.paneldesk-package-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeSessionBundle(tmp, content, blobs);
    const { bytes } = await encryptBundleFile(tmp, a.path, { passphrase: a.passphrase, scryptLogN: Math.max(ctx.scryptLogN, 10) });
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: ctx.caller.role, kind: 'package.exported', payload: { expertId: a.expertId, dossiers: content.dossiers.length } });
    return { path: a.path, dossiers: content.dossiers.length, bytes };
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** Expert: every submitted version of my sheets, in a bag signed with my key. */
export async function exportSheetBundle(ctx: Ctx, a: { sessionId: string; path: string; passphrase: string }): Promise<{ path: string; sheets: number }> {
  const s = requireSession(ctx, a.sessionId);
  const expertId = ctx.caller.expertId;
  if (!expertId || ctx.caller.sessionId !== a.sessionId) throw new AppError('CONTRACT_FORBIDDEN', 'sign in as an expert of this session first', { field: 'sessionId' });
  const rows = ctx.db
    .prepare(
      `SELECT dossier_id AS dossierId, version, submitted_at AS submittedAt, unlock_reason AS unlockReason, envelope_json AS envelope
       FROM score_sheet WHERE session_id = ? AND expert_id = ? AND status = 'submitted' ORDER BY dossier_id, version`,
    )
    .all(a.sessionId, expertId) as Array<{ dossierId: string; version: number; submittedAt: string; unlockReason: string | null; envelope: string }>;
  const { secretKey, key } = unlockSecretKey(ctx, a.sessionId, expertId, a.passphrase);
  try {
    const json = (v: unknown) => utf8Encode(`${JSON.stringify(v, null, 2)}\n`);
    const header = { formatVersion: 1, sessionId: a.sessionId, expertId, keyid: key.keyid, publicKey: key.publicKey, exportedAt: new Date().toISOString() };
    const sheets = rows.map((r) => ({ dossierId: r.dossierId, version: r.version, submittedAt: r.submittedAt, unlockReason: r.unlockReason, envelope: JSON.parse(r.envelope) as unknown }));
    const entries = bagEntries(
      BUNDLE_TYPE_EXPERT_SHEETS,
      { sessionId: a.sessionId, bundleVersion: s.bundleVersion, extra: { 'Expert-Id': expertId, 'Key-Id': key.keyid } },
      [
        { name: 'data/expert.json', data: json(header), compress: true },
        { name: 'data/sheets.json', data: json(sheets), compress: true },
      ],
      { compress: true, signer: secretKey },
    );
    await writeZipAtomic(a.path, entries);
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: `expert:${expertId}`, kind: 'sheets.exported', payload: { sheets: sheets.length } });
    return { path: a.path, sheets: sheets.length };
  } finally {
    secretKey.fill(0);
  }
}

interface Incoming {
  bundleHash: string;
  expertId: string;
  keyid: string;
  publicKey: Uint8Array;
  records: Array<{ dossierId: string; version: number; submittedAt: string; unlockReason: string | null; envelope: unknown }>;
}

async function readSheetBundle(file: string, sessionId: string): Promise<Incoming> {
  const b = await inspectSessionBundle(file, { kind: SHEETS_KIND });
  const parse = <N extends keyof typeof EXPERT_SHEET_DOCUMENTS>(name: N) => {
    const bytes = b.documents.get(name);
    if (!bytes) throw new AppError('BUNDLE_FILE_MISSING', `missing ${name}`, { entry: name });
    const r = EXPERT_SHEET_DOCUMENTS[name].safeParse(parseDocumentJson(name, bytes));
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new AppError('BUNDLE_SCHEMA_INVALID', `${name}: ${issue?.message ?? 'invalid'}`, { entry: name, path: issue?.path.join('.') ?? '', reason: issue?.message ?? '' });
    }
    return r.data;
  };
  const header = parse('data/expert.json') as { sessionId: string; expertId: string; keyid: string; publicKey: string };
  const records = parse('data/sheets.json') as Incoming['records'];
  if (header.sessionId !== sessionId || b.sessionId !== sessionId) {
    throw new AppError('BUNDLE_BAD_REFERENCE', 'sheets of another session', { entry: 'data/expert.json', path: 'sessionId', reason: 'another session', actual: header.sessionId });
  }
  const publicKey = hexToBytes(header.publicKey);
  if (keyIdOf(publicKey) !== header.keyid) throw new AppError('BUNDLE_SIGNATURE_INVALID', 'key id does not match the public key', { entry: 'data/expert.json' });
  // The bag itself is signed by the expert: nothing in it was changed after export.
  if (!b.signature) throw new AppError('BUNDLE_SIGNATURE_REQUIRED', 'sheet bundle is not signed', { entry: 'signature.dsse.json' });
  const parsedEnv = parseStrictJson(b.signature, { maxValues: 10_000 });
  if (!parsedEnv.ok) throw new AppError('BUNDLE_SIGNATURE_INVALID', `signature is not I-JSON: ${parsedEnv.reason}`, { entry: 'signature.dsse.json', reason: parsedEnv.reason });
  const env = parsedEnv.value;
  const v = verifyDsse(env, DSSE_PAYLOAD_TYPE_TAGMANIFEST, [{ keyid: header.keyid, publicKey }]);
  if (!v.ok || Buffer.compare(Buffer.from(v.payload), Buffer.from(b.tagManifest)) !== 0) {
    throw new AppError('BUNDLE_SIGNATURE_INVALID', 'sheet bundle signature does not verify', { entry: 'signature.dsse.json' });
  }
  return { bundleHash: createHash('sha256').update(b.tagManifest).digest('hex'), expertId: header.expertId, keyid: header.keyid, publicKey, records };
}

type Verdict = { row: MergeSheetRow; payload: SheetPayload | null; envelopeJson: string; payloadSha256: string };

function judge(ctx: Ctx, sessionId: string, inc: Incoming, keyOk: boolean): Verdict[] {
  const expertId = inc.expertId;
  const expert = requireExpert(ctx, sessionId, expertId);
  const recused = new Set(
    (ctx.db.prepare("SELECT dossier_id AS d FROM conflict WHERE session_id = ? AND expert_id = ? AND status = 'confirmed'").all(sessionId, expertId) as Array<{ d: string }>).map((r) => r.d),
  );
  return inc.records.map((rec) => {
    const d = ctx.db
      .prepare('SELECT packet_no AS packetNo, name, group_id AS groupId, standard_id AS standardId, content_hash AS hash FROM dossier WHERE session_id = ? AND id = ?')
      .get(sessionId, rec.dossierId) as { packetNo: string; name: string; groupId: string; standardId: string; hash: string } | undefined;
    const row: MergeSheetRow = { dossierId: rec.dossierId, packetNo: d?.packetNo ?? '', applicant: d?.name ?? '', version: rec.version, status: 'new', reason: null };
    const out = (status: MergeSheetRow['status'], reason: MergeSheetRow['reason']): Verdict => ({ row: { ...row, status, reason }, payload: null, envelopeJson: '', payloadSha256: '' });
    if (!keyOk) return out('conflict', 'unknown_key');
    const v = verifyDsse(rec.envelope, SHEET_PAYLOAD_TYPE, [{ keyid: inc.keyid, publicKey: inc.publicKey }]);
    if (!v.ok) return out('conflict', 'bad_signature');
    let payload: SheetPayload;
    try {
      payload = SheetPayloadDoc.parse(JSON.parse(utf8Decode(v.payload)));
    } catch {
      return out('conflict', 'bad_signature');
    }
    if (payload.sessionId !== sessionId || payload.expertId !== expertId || payload.dossierId !== rec.dossierId || payload.version !== rec.version || payload.keyid !== inc.keyid) {
      return out('conflict', 'bad_signature');
    }
    if (!d || !expert.groups.includes(d.groupId)) return out('conflict', 'not_assigned');
    if (recused.has(rec.dossierId)) return out('conflict', 'recused');
    const std = getStandard(ctx.db, sessionId, d.standardId);
    const scores = Object.fromEntries(payload.scores.map((s) => [s.itemId, s.value]));
    const itemsOk =
      !!std &&
      std.version === payload.standardVersion &&
      payload.scores.length === std.items.length &&
      std.items.every((it) => scores[it.id] !== undefined && checkItemScore(it, scores[it.id] as number) === null) &&
      sheetTotal(std.items, scores) === payload.total;
    if (!itemsOk) return out('conflict', 'invalid_scores');
    if (payload.dossierContentHash !== d.hash) return out('conflict', 'content_changed');
    const payloadSha256 = createHash('sha256').update(v.payload).digest('hex');
    const local = ctx.db
      .prepare('SELECT version, status, payload_sha256 AS sha FROM score_sheet WHERE session_id = ? AND dossier_id = ? AND expert_id = ? ORDER BY version')
      .all(sessionId, rec.dossierId, expertId) as Array<{ version: number; status: string; sha: string | null }>;
    const same = local.find((l) => l.version === rec.version);
    const verdict = (status: MergeSheetRow['status'], reason: MergeSheetRow['reason']): Verdict => ({ row: { ...row, status, reason }, payload, envelopeJson: JSON.stringify(rec.envelope), payloadSha256 });
    if (same) return same.sha === payloadSha256 ? verdict('identical', null) : verdict('conflict', 'different_content');
    const newest = local[local.length - 1];
    if (newest && newest.version > rec.version) return verdict('conflict', 'older_version');
    return verdict('new', null);
  });
}

function keyStatus(ctx: Ctx, sessionId: string, inc: Incoming): MergePreview['keyStatus'] {
  const k = getExpertKey(ctx.db, sessionId, inc.expertId);
  if (!k) return 'new';
  if (k.keyid !== inc.keyid) return 'mismatch';
  return k.confirmedAt ? 'confirmed' : 'unconfirmed';
}

function preview(ctx: Ctx, sessionId: string, inc: Incoming, applied: boolean, verdicts: Verdict[]): MergePreview {
  const expert = requireExpert(ctx, sessionId, inc.expertId);
  return {
    expertId: inc.expertId,
    expertName: expert.name,
    keyid: inc.keyid,
    fingerprint: fingerprintOf(inc.keyid),
    keyStatus: keyStatus(ctx, sessionId, inc),
    bundleHash: inc.bundleHash,
    sheets: verdicts.map((v) => v.row),
    applied,
  };
}

export async function previewSheetMerge(ctx: Ctx, a: { sessionId: string; path: string }): Promise<MergePreview> {
  requireSession(ctx, a.sessionId);
  const inc = await readSheetBundle(a.path, a.sessionId);
  const status = keyStatus(ctx, a.sessionId, inc);
  return preview(ctx, a.sessionId, inc, false, judge(ctx, a.sessionId, inc, status !== 'mismatch'));
}

/**
 * Merges the new sheets of exactly the previewed bundle. A key not yet known or confirmed is registered
 * only when the secretary confirms its fingerprint (acceptKeyid); a different key than the one on record
 * is never accepted here.
 */
export async function applySheetMerge(ctx: Ctx, a: { sessionId: string; path: string; bundleHash: string; acceptKeyid?: string | undefined }): Promise<MergePreview> {
  requireSession(ctx, a.sessionId);
  const inc = await readSheetBundle(a.path, a.sessionId);
  if (inc.bundleHash !== a.bundleHash) throw new AppError('BUNDLE_UPDATE_CHANGED', 'the sheet bundle differs from the one previewed', { expected: a.bundleHash, actual: inc.bundleHash });
  const status = keyStatus(ctx, a.sessionId, inc);
  if (status === 'mismatch') throw new AppError('MERGE_KEY_MISMATCH', 'signed with another key than the one on record', { actual: fingerprintOf(inc.keyid) });
  if (status !== 'confirmed' && a.acceptKeyid !== inc.keyid) {
    throw new AppError('MERGE_KEY_NOT_CONFIRMED', 'confirm the expert’s key fingerprint first', { actual: fingerprintOf(inc.keyid) });
  }
  const verdicts = judge(ctx, a.sessionId, inc, true);
  const at = new Date().toISOString();
  inTransaction(ctx.db, () => {
    if (status === 'new') {
      ctx.db
        .prepare('INSERT INTO expert_key (session_id, expert_id, keyid, public_key, sealed_json, created_at, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(a.sessionId, inc.expertId, inc.keyid, Buffer.from(inc.publicKey).toString('hex'), JSON.stringify({ remote: true }), at, at);
    } else if (status === 'unconfirmed') {
      ctx.db.prepare('UPDATE expert_key SET confirmed_at = ? WHERE session_id = ? AND expert_id = ?').run(at, a.sessionId, inc.expertId);
    }
    for (const v of verdicts) {
      if (v.row.status !== 'new' || !v.payload) continue;
      const p = v.payload;
      ctx.db
        .prepare(
          `INSERT INTO score_sheet (session_id, dossier_id, expert_id, version, status, opinion, recommendation, updated_at)
           VALUES (?, ?, ?, ?, 'draft', ?, ?, ?)`,
        )
        .run(a.sessionId, p.dossierId, p.expertId, p.version, p.opinion, p.recommendation, at);
      const item = ctx.db.prepare('INSERT INTO score_item (session_id, dossier_id, expert_id, version, item_id, value, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const s of p.scores) item.run(a.sessionId, p.dossierId, p.expertId, p.version, s.itemId, s.value, at);
      const rec = inc.records.find((r) => r.dossierId === p.dossierId && r.version === p.version);
      ctx.db
        .prepare(
          `UPDATE score_sheet SET status = 'submitted', submitted_at = ?, keyid = ?, envelope_json = ?, payload_sha256 = ?, unlock_reason = ?
           WHERE session_id = ? AND dossier_id = ? AND expert_id = ? AND version = ?`,
        )
        .run(rec?.submittedAt ?? p.signedAt, inc.keyid, v.envelopeJson, v.payloadSha256, rec?.unlockReason ?? null, a.sessionId, p.dossierId, p.expertId, p.version);
    }
    appendAudit(ctx.db, {
      sessionId: a.sessionId,
      actor: ctx.caller.role,
      kind: 'sheets.merged',
      payload: {
        expertId: inc.expertId,
        keyid: inc.keyid,
        bundleHash: inc.bundleHash,
        merged: verdicts.filter((v) => v.row.status === 'new').map((v) => `${v.row.dossierId}@${v.row.version}`),
        conflicts: verdicts.filter((v) => v.row.status === 'conflict').map((v) => `${v.row.dossierId}@${v.row.version}:${v.row.reason}`),
      },
      at,
    });
  });
  return preview(ctx, a.sessionId, inc, true, verdicts);
}
