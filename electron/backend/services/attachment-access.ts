// Who may open a dossier's attachments: the secretary and the examiner every dossier; an expert or the
// chair only dossiers of their own groups in the session they signed in to, and none they are recused from.
import { AppError } from '../../../shared/errors';
import type { Ctx } from '../context';
import { listAttachments } from '../db/queries/dossiers';
import { requireDossierVisible, requireSession } from './sessions';

export interface AttachmentRef {
  sessionId: string;
  dossierId: string;
  sha256: string;
}

/** Throws DOSSIER_FORBIDDEN (reason not_assigned / recused), SESSION_NOT_FOUND or BLOB_NOT_FOUND; returns nothing when allowed. */
export function checkAttachmentAccess(ctx: Ctx, ref: AttachmentRef): void {
  const { role } = ctx.caller;
  if (role !== 'expert' && role !== 'chair' && role !== 'secretary' && role !== 'examiner') {
    throw new AppError('DOSSIER_FORBIDDEN', `${role} may not open attachments of ${ref.dossierId}`, { field: 'dossierId', actual: ref.dossierId, reason: 'role' });
  }
  // The same rule as reading the dossier itself (services/sessions.ts).
  requireDossierVisible(ctx, ref.sessionId, ref.dossierId);
  requireSession(ctx, ref.sessionId);
  if (!listAttachments(ctx.db, ref.sessionId, ref.dossierId).some((x) => x.sha256 === ref.sha256)) {
    throw new AppError('BLOB_NOT_FOUND', `${ref.dossierId} has no attachment ${ref.sha256}`, { field: 'sha256', actual: ref.sha256 });
  }
}
