// Importing a session bundle: archive checks and staged blobs (bundles/reader), then the version, trust
// and document checks, and only then any write: blobs published, then one transaction. All or nothing:
// when anything fails the staged files go, and so do the blobs this import published that nothing refers
// to. One import or update at a time per data folder (import-lock.ts).
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { AppError } from '../../../shared/errors';
import { validateSessionDocuments } from '../../../shared/bundle/validate';
import type { SessionBundleContent } from '../../../shared/bundle/schema';
import { evaluateEligibility } from '../../../shared/domain/eligibility';
import type { ImportReport, UpdatePreview } from '../../../shared/types';
import { withPlainBundle, type AgeKey } from '../bundles/age';
import { checkIssuerSignature } from '../bundles/issuer';
import { readSessionBundle } from '../bundles/reader';
import { StagedAttachments, collectStaged } from '../bundles/attachment-sink';
import { removeBlobs } from '../blobs/store';
import { inTransaction } from '../db/connection';
import { unreferencedBlobs } from '../db/queries/blobs';
import { appendAudit } from '../db/queries/audit';
import { insertDeclaredConflicts } from '../db/queries/conflicts';
import { insertDossier } from '../db/queries/dossiers';
import { insertExperts, insertGroups } from '../db/queries/roster';
import { getSession, insertSession } from '../db/queries/sessions';
import { insertQuotas, insertStandards } from '../db/queries/standards';
import { trustedIssuers } from './prefs';
import { applySessionUpdate, checkTrustChange, diffSession } from './update-session';
import { acquireImportLock } from './import-lock';
import { samePrincipalGuard } from './principal';
import type { Ctx } from '../context';

export interface ImportProgress {
  phase: string;
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function dossierContentHash(d: unknown): string {
  return sha256Hex(canonicalize(d) ?? '');
}

function insertContent(ctx: Ctx, content: SessionBundleContent, meta: { bundleHash: string; issuerKeyid: string | null; bytes: number }): void {
  const { db } = ctx;
  const now = new Date().toISOString();
  const sessionId = content.session.sessionId;
  insertSession(db, { doc: content.session, bundleHash: meta.bundleHash, issuerKeyid: meta.issuerKeyid, importedAt: now });
  insertExperts(db, sessionId, content.experts);
  insertGroups(db, sessionId, content.groups);
  insertStandards(db, sessionId, content.standards);
  insertQuotas(db, sessionId, content.quotas);
  const standards = new Map(content.standards.map((s) => [s.id, s]));
  for (const d of content.dossiers) {
    const std = standards.get(d.standardId);
    if (!std) throw new AppError('BUNDLE_BAD_REFERENCE', 'no such standard', { entry: 'data/dossiers.json', actual: d.standardId });
    const eligibility = evaluateEligibility(d, std, content.session.meeting.date).overall;
    insertDossier(db, sessionId, d, { eligibility, contentHash: dossierContentHash(d) });
  }
  insertDeclaredConflicts(db, sessionId, content.conflicts, now);
  appendAudit(db, {
    sessionId,
    actor: ctx.caller.role,
    kind: 'session.imported',
    payload: { bundleHash: meta.bundleHash, bundleVersion: content.session.bundleVersion, issuer: meta.issuerKeyid, dossiers: content.dossiers.length, bytes: meta.bytes },
    at: now,
  });
}

export interface ImportOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((p: ImportProgress) => void) | undefined;
  applyUpdate?: { bundleHash: string; acceptTrustChange?: true | undefined } | undefined;
  /** Opens an age-encrypted bundle (docs/bundle-format.md §7). */
  key?: AgeKey | undefined;
}

export async function importSessionBundle(ctx: Ctx, file: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const release = acquireImportLock(ctx.dataDir);
  try {
    // An encrypted bundle is read from its decryption under <dataDir>/tmp, removed afterwards whatever happens.
    return await withPlainBundle(ctx.dataDir, file, opts, (plain) => importPlainBundle(ctx, plain, opts));
  } finally {
    release();
  }
}

function cancelled(opts: ImportOptions): void {
  if (opts.signal?.aborted) throw new AppError('JOB_CANCELLED', 'import cancelled');
}

async function importPlainBundle(ctx: Ctx, file: string, opts: ImportOptions): Promise<ImportReport> {
  const stillSamePrincipal = samePrincipalGuard(ctx);
  const staged = new StagedAttachments(ctx.dataDir);
  try {
    // Every entry is read and hashed; attachments wait in durable temp files, not yet in the store.
    const bundle = await collectStaged(staged, () => readSessionBundle(file, { dataDir: ctx.dataDir, signal: opts.signal, onProgress: opts.onProgress }));
    const existing = getSession(ctx.db, bundle.sessionId);
    if (existing && bundle.bundleVersion <= existing.bundleVersion) {
      const code = bundle.bundleVersion === existing.bundleVersion ? 'BUNDLE_SAME_VERSION' : 'BUNDLE_OLDER_VERSION';
      throw new AppError(code, `session ${bundle.sessionId} version ${existing.bundleVersion} is already imported`, {
        expected: String(existing.bundleVersion),
        actual: String(bundle.bundleVersion),
      });
    }
    const issuerKeyid = checkIssuerSignature(bundle.signature, bundle.tagManifest, trustedIssuers(ctx.db));
    const content = validateSessionDocuments(bundle.documents, bundle.attachments, { sessionId: bundle.sessionId, bundleVersion: bundle.bundleVersion });
    cancelled(opts);
    const bundleHash = sha256Hex(bundle.tagManifest);
    const report = {
      sessionId: content.session.sessionId,
      name: content.session.name,
      bundleVersion: content.session.bundleVersion,
      dossiers: content.dossiers.length,
      experts: content.experts.length,
      attachments: bundle.attachments.size,
      bytes: bundle.bytes,
      signedBy: issuerKeyid,
    };
    if (existing) {
      // A newer version of a session in use: preview first (nothing written); apply only the very bundle that was previewed.
      const preview = diffSession(ctx, existing, content, bundleHash, issuerKeyid);
      if (!opts.applyUpdate) {
        await staged.discard();
        return { ...report, applied: false, update: preview };
      }
      if (opts.applyUpdate.bundleHash !== bundleHash) {
        throw new AppError('BUNDLE_UPDATE_CHANGED', 'the bundle differs from the one previewed', { expected: opts.applyUpdate.bundleHash, actual: bundleHash });
      }
      if (preview.blocked.length > 0) {
        const first = preview.blocked[0] as UpdatePreview['blocked'][number];
        throw new AppError('BUNDLE_UPDATE_WOULD_DROP_SCORES', `${preview.blocked.length} change(s) would drop scores`, { count: preview.blocked.length, entry: first.label, reason: first.kind });
      }
      checkTrustChange(ctx, preview, opts.applyUpdate.acceptTrustChange === true);
      // The secretary who started this slow call must still be the one at the desk when it writes.
      stillSamePrincipal();
      await staged.publish();
      cancelled(opts);
      inTransaction(ctx.db, () => applySessionUpdate(ctx, content, preview, { bundleHash, issuerKeyid }));
      return { ...report, applied: true, update: preview };
    }
    // Everything checked: now the writes, blobs first so the rows never name a missing file.
    stillSamePrincipal();
    await staged.publish();
    cancelled(opts);
    inTransaction(ctx.db, () => insertContent(ctx, content, { bundleHash, issuerKeyid, bytes: bundle.bytes }));
    return { ...report, applied: true, update: null };
  } catch (err) {
    await staged.discard().catch(() => undefined);
    // Only blobs this job created, and only those no row refers to (reference count zero).
    await removeBlobs(ctx.dataDir, unreferencedBlobs(ctx.db, staged.created)).catch(() => undefined);
    throw err;
  }
}
