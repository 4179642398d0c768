// Experts scoring on their own laptops: the secretary's expert package out; the expert's signed sheet
// bundle back; the secretary's merge, verified against the key confirmed at the meeting. Nothing is
// resolved silently: every sheet that does not fit is listed with its reason and left out.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { hexToBytes } from '@noble/hashes/utils.js';
import { AppError } from '../../../shared/errors';
import { BUNDLE_TYPE_EXPERT_SHEETS, type SheetPayload } from '../../../shared/bundle/sheets';
import { fingerprintOf } from '../../../shared/crypto/keyid';
import { checkItemScore, sheetTotal } from '../../../shared/domain/scoring';
import { utf8Encode } from '../../../shared/text';
import type { MergePreview, MergeSheetRow } from '../../../shared/types';
import { decryptTmpDir, encryptBundleFile } from '../bundles/age';
import { readExpertSheetBundle, verifySheetBag, verifySheetRecord, type ExpertSheetBundle } from '../bundles/sheet-bundle';
import { bagEntries, writeSessionBundle, writeZipAtomic } from '../bundles/writer';
import { inTransaction } from '../db/connection';
import { toAppError } from '../errors';
import { appendAudit } from '../db/queries/audit';
import { confirmExpertKey, getExpertKey } from '../db/queries/keys';
import { insertMergedSheet, insertRemoteExpertKey, mergeTarget, recusedDossiers, sheetVersions, submittedVersionsOfExpert } from '../db/queries/offline-sheets';
import { getStandard } from '../db/queries/standards';
import type { Ctx } from '../context';
import { samePrincipalGuard } from './principal';
import { requireExpert, unlockSecretKey } from './identity';
import { expertPackageContent } from './session-content';
import { requireSession } from './sessions';

/** A full disk while writing an export is reported against the file the user chose (the system error names none). */
function aboutOutput(err: unknown, file: string): unknown {
  const e = toAppError(err);
  return e.code === 'DISK_FULL' && !e.details ? new AppError('DISK_FULL', e.message, { path: file }) : err;
}

/** Secretary: the part of the session this expert scores, as a session bundle encrypted to a passphrase. */
export async function exportExpertPackage(ctx: Ctx, a: { sessionId: string; expertId: string; path: string; passphrase: string }): Promise<{ path: string; dossiers: number; bytes: number }> {
  requireSession(ctx, a.sessionId);
  requireExpert(ctx, a.sessionId, a.expertId);
  const { content, blobs } = await expertPackageContent(ctx, a.sessionId, a.expertId);
  // The plain bundle is staged in the data folder, on the laptop's own disk, never beside the destination
  // (often a USB stick): only age's ciphertext is written there, to a temp name, fsync'd, then renamed.
  const staging = decryptTmpDir(ctx.dataDir);
  await fs.mkdir(staging, { recursive: true, mode: 0o700 });
  const tmp = path.join(staging, `package-${randomBytes(16).toString('hex')}.plain.tmp`);
  try {
    let bytes: number;
    try {
      await writeSessionBundle(tmp, content, blobs);
      ({ bytes } = await encryptBundleFile(tmp, a.path, { passphrase: a.passphrase, scryptLogN: Math.max(ctx.scryptLogN, 10) }));
    } catch (err) {
      throw aboutOutput(err, a.path);
    }
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
  const rows = submittedVersionsOfExpert(ctx.db, a.sessionId, expertId);
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
    await writeZipAtomic(a.path, entries).catch((err: unknown) => {
      throw aboutOutput(err, a.path);
    });
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: `expert:${expertId}`, kind: 'sheets.exported', payload: { sheets: sheets.length } });
    return { path: a.path, sheets: sheets.length };
  } finally {
    secretKey.fill(0);
  }
}

interface Incoming extends ExpertSheetBundle {
  /** The key every signature is checked against: the one on record, or (none yet) the one offered, to be confirmed in person. */
  trusted: { keyid: string; publicKey: Uint8Array };
}

async function readSheetBundle(ctx: Ctx, file: string, sessionId: string): Promise<Incoming> {
  const b = await readExpertSheetBundle(file);
  if (b.sessionId !== sessionId) {
    throw new AppError('BUNDLE_BAD_REFERENCE', 'sheets of another session', { entry: 'data/expert.json', path: 'sessionId', reason: 'another session', actual: b.sessionId });
  }
  const onRecord = getExpertKey(ctx.db, sessionId, b.expertId);
  const trusted = onRecord ? { keyid: onRecord.keyid, publicKey: hexToBytes(onRecord.publicKey) } : { keyid: b.keyid, publicKey: b.publicKey };
  // Another key than the one on record is reported as a mismatch (every sheet unknown_key) and never merged.
  if (trusted.keyid === b.keyid) verifySheetBag(b, trusted);
  return { ...b, trusted };
}

type Verdict = { row: MergeSheetRow; payload: SheetPayload | null; envelopeJson: string; payloadSha256: string };

function judge(ctx: Ctx, sessionId: string, inc: Incoming, keyOk: boolean): Verdict[] {
  const expertId = inc.expertId;
  const expert = requireExpert(ctx, sessionId, expertId);
  const recused = recusedDossiers(ctx.db, sessionId, expertId);
  return inc.records.map((rec) => {
    const d = mergeTarget(ctx.db, sessionId, rec.dossierId);
    const row: MergeSheetRow = { dossierId: rec.dossierId, packetNo: d?.packetNo ?? '', applicant: d?.name ?? '', version: rec.version, status: 'new', reason: null };
    const out = (status: MergeSheetRow['status'], reason: MergeSheetRow['reason']): Verdict => ({ row: { ...row, status, reason }, payload: null, envelopeJson: '', payloadSha256: '' });
    if (!keyOk) return out('conflict', 'unknown_key');
    const checked = verifySheetRecord(inc, rec, inc.trusted);
    if (!checked) return out('conflict', 'bad_signature');
    const { payload } = checked;
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
    const payloadSha256 = createHash('sha256').update(checked.payloadBytes).digest('hex');
    const local = sheetVersions(ctx.db, sessionId, rec.dossierId, expertId);
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
  const inc = await readSheetBundle(ctx, a.path, a.sessionId);
  const status = keyStatus(ctx, a.sessionId, inc);
  return preview(ctx, a.sessionId, inc, false, judge(ctx, a.sessionId, inc, status !== 'mismatch'));
}

/**
 * Merges the new sheets of exactly the previewed bundle. A key not yet known or confirmed is registered
 * only when the secretary confirms its fingerprint (acceptKeyid); a different key than the one on record
 * is never accepted here.
 */
export async function applySheetMerge(ctx: Ctx, a: { sessionId: string; path: string; bundleHash: string; acceptKeyid?: string | undefined }): Promise<MergePreview> {
  const stillSamePrincipal = samePrincipalGuard(ctx);
  requireSession(ctx, a.sessionId);
  const inc = await readSheetBundle(ctx, a.path, a.sessionId);
  if (inc.bundleHash !== a.bundleHash) throw new AppError('BUNDLE_UPDATE_CHANGED', 'the sheet bundle differs from the one previewed', { expected: a.bundleHash, actual: inc.bundleHash });
  const status = keyStatus(ctx, a.sessionId, inc);
  if (status === 'mismatch') throw new AppError('MERGE_KEY_MISMATCH', 'signed with another key than the one on record', { actual: fingerprintOf(inc.keyid) });
  if (status !== 'confirmed' && a.acceptKeyid !== inc.keyid) {
    throw new AppError('MERGE_KEY_NOT_CONFIRMED', 'confirm the expert’s key fingerprint first', { actual: fingerprintOf(inc.keyid) });
  }
  const verdicts = judge(ctx, a.sessionId, inc, true);
  const at = new Date().toISOString();
  // The secretary who chose the bundle must still be the one at the desk when it is merged.
  stillSamePrincipal();
  inTransaction(ctx.db, () => {
    if (status === 'new') {
      insertRemoteExpertKey(ctx.db, a.sessionId, { expertId: inc.expertId, keyid: inc.keyid, publicKeyHex: Buffer.from(inc.publicKey).toString('hex'), at });
    } else if (status === 'unconfirmed') {
      confirmExpertKey(ctx.db, a.sessionId, inc.expertId, at);
    }
    for (const v of verdicts) {
      if (v.row.status !== 'new' || !v.payload) continue;
      const p = v.payload;
      const rec = inc.records.find((r) => r.dossierId === p.dossierId && r.version === p.version);
      insertMergedSheet(
        ctx.db,
        a.sessionId,
        {
          dossierId: p.dossierId,
          expertId: p.expertId,
          version: p.version,
          opinion: p.opinion,
          recommendation: p.recommendation,
          scores: p.scores,
          submittedAt: rec?.submittedAt ?? p.signedAt,
          keyid: inc.keyid,
          envelopeJson: v.envelopeJson,
          payloadSha256: v.payloadSha256,
          unlockReason: rec?.unlockReason ?? null,
        },
        at,
      );
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
