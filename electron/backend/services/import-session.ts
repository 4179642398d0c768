// Importing a session bundle: archive checks and blobs (bundles/reader), documents (shared/bundle/validate),
// then one transaction. All or nothing: blobs this import added are removed when anything fails.
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
import { removeBlobs } from '../blobs/store';
import { inTransaction } from '../db/connection';
import { appendAudit } from '../db/queries/audit';
import { insertDeclaredConflicts } from '../db/queries/conflicts';
import { insertDossier } from '../db/queries/dossiers';
import { insertExperts, insertGroups } from '../db/queries/roster';
import { getSession, insertSession } from '../db/queries/sessions';
import { insertQuotas, insertStandards } from '../db/queries/standards';
import { trustedIssuers } from './prefs';
import { applySessionUpdate, checkTrustChange, diffSession } from './update-session';
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
  // An encrypted bundle is read from its decryption under <dataDir>/tmp, removed afterwards whatever happens.
  return withPlainBundle(ctx.dataDir, file, opts, (plain) => importPlainBundle(ctx, plain, opts));
}

async function importPlainBundle(ctx: Ctx, file: string, opts: ImportOptions): Promise<ImportReport> {
  const bundle = await readSessionBundle(file, { dataDir: ctx.dataDir, signal: opts.signal, onProgress: opts.onProgress });
  try {
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
    if (opts.signal?.aborted) throw new AppError('JOB_CANCELLED', 'import cancelled');
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
      // A newer version of a session in use: preview first; apply only the very bundle that was previewed.
      const preview = diffSession(ctx, existing, content, bundleHash, issuerKeyid);
      if (!opts.applyUpdate) {
        await removeBlobs(ctx.dataDir, bundle.newBlobs);
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
      inTransaction(ctx.db, () => applySessionUpdate(ctx, content, preview, { bundleHash, issuerKeyid }));
      return { ...report, applied: true, update: preview };
    }
    inTransaction(ctx.db, () => insertContent(ctx, content, { bundleHash, issuerKeyid, bytes: bundle.bytes }));
    return { ...report, applied: true, update: null };
  } catch (err) {
    await removeBlobs(ctx.dataDir, bundle.newBlobs);
    throw err;
  }
}
