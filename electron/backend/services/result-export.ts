// The secretary's export of the signed result bundle (docs/bundle-format.md §12): refused until the chair has signed
// the results; sealed by the chair, the teller and the scrutineer (their passphrases, typed at the desk) the first
// time this content is exported; written as a job (progress, cancel) with optional age encryption; the seal and
// the export are audited. The same content exported again reuses its seal and gives the same bytes.
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { RESULT_SEAL, printEntry, type PrintKind } from '../../../shared/result-bundle/layout';
import type { SealPayloadDoc, SealSigner } from '../../../shared/result-bundle/schema';
import type { ExportResultBundleInput, ResultExportReport, SealRole } from '../../../shared/result-bundle/export-types';
import { blobPath } from '../blobs/paths';
import { inTransaction } from '../db/connection';
import { appendAudit, auditPosition } from '../db/queries/audit';
import { insertSeal, sealsOf } from '../db/queries/result-seals';
import type { Ctx } from '../context';
import { collectResult, latestStatement } from '../result-bundle/collect';
import { jsonBytes, planBundle, type BundlePlan, type PlannedEntry } from '../result-bundle/plan';
import { signSeal } from '../result-bundle/seal';
import { sessionDocuments } from '../result-bundle/session-docs';
import { checkEncryption, writeResultZip, type ResultEncryption, type WriteProgress } from '../result-bundle/write';
import { unlockSecretKey } from './identity';

const PDF_MAGIC = Buffer.from('%PDF-');

async function readPrints(a: ExportResultBundleInput): Promise<Array<{ kind: PrintKind; name: string; data: Uint8Array }>> {
  const given: Array<[PrintKind, string | undefined]> = [
    ['minutes', a.minutesPdf],
    ['notice', a.noticePdf],
    ['tally', a.tallyPdf],
  ];
  const out: Array<{ kind: PrintKind; name: string; data: Uint8Array }> = [];
  for (const [kind, file] of given) {
    if (!file) continue;
    const data = await fs.readFile(file);
    if (!data.subarray(0, 5).equals(PDF_MAGIC)) {
      throw new AppError('RESULT_BUNDLE_PRINT_INVALID', `${path.basename(file)} is not a PDF`, { field: `${kind}Pdf`, file: path.basename(file) });
    }
    out.push({ kind, name: printEntry(kind), data });
  }
  return out;
}

interface Prepared {
  plan: BundlePlan;
  seal: Uint8Array;
  sealedNow: boolean;
  statementVersion: number;
  auditCount: number;
}

function planAt(ctx: Ctx, sessionId: string, audit: { count: number; head: string }, prints: Awaited<ReturnType<typeof readPrints>>) {
  const s = sessionDocuments(ctx, sessionId);
  const c = collectResult(ctx, sessionId, audit, prints.map((p) => p.kind));
  const plan = planBundle({
    sessionId,
    bundleVersion: s.content.session.bundleVersion,
    statementVersion: c.statementVersion,
    session: s.content,
    attachments: s.attachments.map((x) => ({ ...x, file: blobPath(ctx.dataDir, x.sha256) })),
    documents: c.documents,
    prints,
  });
  return { plan, c, bundleVersion: s.content.session.bundleVersion };
}

/** The officers who sign a new seal: the chair who signed the statement, then the teller and the scrutineer when named. */
function signersOf(c: ReturnType<typeof collectResult>): Array<{ role: SealRole; expertId: string }> {
  const out: Array<{ role: SealRole; expertId: string }> = [{ role: 'chair', expertId: c.chair.expertId }];
  if (c.tellerId) out.push({ role: 'teller', expertId: c.tellerId });
  if (c.scrutineerId) out.push({ role: 'scrutineer', expertId: c.scrutineerId });
  return out;
}

function passphraseOf(a: ExportResultBundleInput, role: SealRole): string | undefined {
  return role === 'chair' ? a.chairPassphrase : role === 'teller' ? a.tellerPassphrase : a.scrutineerPassphrase;
}

/**
 * Everything before the first byte is written: the content, and its seal (an earlier one of the same content, or a
 * new one signed now with the officers' passphrases). Runs at once, so a wrong passphrase or an unsigned session
 * is answered before a job starts.
 */
export async function prepareResultExport(ctx: Ctx, a: ExportResultBundleInput): Promise<Prepared> {
  const { latest } = latestStatement(ctx, a.sessionId);
  await checkEncryption(encryptionOf(a));
  const prints = await readPrints(a);
  const kinds = prints.map((p) => p.kind).join(',');
  for (const s of sealsOf(ctx.db, a.sessionId, latest.version)) {
    if (s.prints.join(',') !== kinds) continue;
    const { plan } = planAt(ctx, a.sessionId, { count: s.auditCount, head: s.auditHead }, prints);
    if (plan.bundleHash === s.bundleHash) {
      return { plan, seal: jsonBytes(JSON.parse(s.envelopeJson)), sealedNow: false, statementVersion: latest.version, auditCount: s.auditCount };
    }
  }
  const pos = auditPosition(ctx.db);
  const { plan, c, bundleVersion } = planAt(ctx, a.sessionId, { count: pos.count, head: pos.head }, prints);
  const officers = signersOf(c);
  const missing = officers.filter((o) => !passphraseOf(a, o.role));
  if (missing.length > 0) {
    throw new AppError('RESULT_BUNDLE_SEAL_NEEDED', `the seal needs the passphrases of: ${missing.map((m) => m.role).join(', ')}`, {
      field: `${missing[0]?.role}Passphrase`,
      signers: missing.map((m) => m.role).join(','),
      bundleHash: plan.bundleHash,
    });
  }
  const keys = new Map<string, Uint8Array>();
  try {
    const signers: SealSigner[] = [];
    for (const o of officers) {
      let unlocked: ReturnType<typeof unlockSecretKey>;
      try {
        unlocked = unlockSecretKey(ctx, a.sessionId, o.expertId, passphraseOf(a, o.role) as string);
      } catch (err) {
        // Say whose passphrase failed: three people type theirs on one form.
        if (err instanceof AppError) throw new AppError(err.code, err.message, { ...err.details, field: `${o.role}Passphrase`, role: o.role });
        throw err;
      }
      keys.set(unlocked.key.keyid, unlocked.secretKey);
      if (o.role === 'chair' && unlocked.key.keyid !== c.chair.keyid) {
        throw new AppError('RESULT_BUNDLE_SIGNER_KEY_CHANGED', "the chair's key is not the one that signed the results statement", {
          field: 'chairPassphrase',
          expected: c.chair.keyid,
          actual: unlocked.key.keyid,
        });
      }
      signers.push({ role: o.role, expertId: o.expertId, keyid: unlocked.key.keyid });
    }
    const payload: SealPayloadDoc = {
      type: 'paneldesk.result-seal/v1',
      sessionId: a.sessionId,
      bundleVersion,
      bundleHash: plan.bundleHash,
      statementVersion: c.statementVersion,
      statementSha256: c.statementSha256,
      auditCount: pos.count,
      auditHead: pos.head,
      signers,
    };
    const envelope = signSeal(payload, keys);
    const at = new Date().toISOString();
    inTransaction(ctx.db, () => {
      insertSeal(ctx.db, a.sessionId, {
        bundleHash: plan.bundleHash,
        statementVersion: c.statementVersion,
        auditCount: pos.count,
        auditHead: pos.head,
        prints: prints.map((p) => p.kind),
        envelopeJson: JSON.stringify(envelope),
        sealedAt: at,
      });
      appendAudit(ctx.db, {
        sessionId: a.sessionId,
        actor: 'secretary',
        kind: 'result.sealed',
        payload: { bundleHash: plan.bundleHash, statementVersion: c.statementVersion, auditCount: pos.count, signers: signers.map((s) => ({ role: s.role, expertId: s.expertId, keyid: s.keyid })) },
        at,
      });
    });
    return { plan, seal: jsonBytes(envelope), sealedNow: true, statementVersion: c.statementVersion, auditCount: pos.count };
  } finally {
    for (const k of keys.values()) k.fill(0);
  }
}

function encryptionOf(a: ExportResultBundleInput): ResultEncryption | undefined {
  if (!a.encryption) return undefined;
  return 'passphrase' in a.encryption ? { passphrase: a.encryption.passphrase } : { recipients: a.encryption.recipients };
}

/** Writes the prepared bundle to `a.path` (the job's body), then audits the export. */
export async function writePreparedExport(
  ctx: Ctx,
  a: ExportResultBundleInput,
  p: Prepared,
  opts: { signal?: AbortSignal; onProgress?: (w: WriteProgress) => void; scryptLogN?: number } = {},
): Promise<ResultExportReport> {
  const sealEntry: PlannedEntry = { name: RESULT_SEAL, data: p.seal, size: p.seal.length, sha256: '' };
  const entries = [...p.plan.tagEntries, sealEntry, ...p.plan.dataEntries];
  const enc = encryptionOf(a);
  const written = await writeResultZip(a.path, entries, {
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(enc ? { encrypt: 'passphrase' in enc && opts.scryptLogN !== undefined ? { ...enc, scryptLogN: opts.scryptLogN } : enc } : {}),
  });
  const encrypted = !a.encryption ? null : 'passphrase' in a.encryption ? 'passphrase' : 'x25519';
  const report: ResultExportReport = {
    sessionId: a.sessionId,
    bundleHash: p.plan.bundleHash,
    fileSha256: written.sha256,
    bytes: written.bytes,
    statementVersion: p.statementVersion,
    auditCount: p.auditCount,
    sealedNow: p.sealedNow,
    encrypted,
    entries: entries.length,
  };
  inTransaction(ctx.db, () => {
    appendAudit(ctx.db, {
      sessionId: a.sessionId,
      actor: 'secretary',
      kind: 'result.exported',
      payload: { bundleHash: report.bundleHash, file: path.basename(a.path), bytes: report.bytes, encrypted, recipients: a.encryption && 'recipients' in a.encryption ? a.encryption.recipients.length : 0 },
    });
  });
  return report;
}
