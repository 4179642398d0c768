// Who may open a dossier's attachments: the secretary and the examiner every dossier; an expert or the
// chair only dossiers of their own groups in the session they signed in to, and none they are recused from.
import { AppError } from '../../../shared/errors';
import type { Ctx } from '../context';
import { assignmentOf } from '../db/queries/assignments';
import { listAttachments } from '../db/queries/dossiers';
import { requireSession } from './sessions';

export interface AttachmentRef {
  sessionId: string;
  dossierId: string;
  sha256: string;
}

/** Throws DOSSIER_FORBIDDEN (reason not_assigned / recused), SESSION_NOT_FOUND or BLOB_NOT_FOUND; returns nothing when allowed. */
export function checkAttachmentAccess(ctx: Ctx, ref: AttachmentRef): void {
  const { caller } = ctx;
  const forbidden = (reason: string): never => {
    throw new AppError('DOSSIER_FORBIDDEN', `${caller.role} may not open attachments of ${ref.dossierId}`, { field: 'dossierId', actual: ref.dossierId, reason });
  };
  if (caller.role === 'expert' || caller.role === 'chair') {
    // Decided before anything about the dossier is looked up, so a refusal tells nothing about it.
    if (!caller.expertId || caller.sessionId !== ref.sessionId) return forbidden('not_assigned');
    const a = assignmentOf(ctx.db, { sessionId: ref.sessionId, expertId: caller.expertId, dossierId: ref.dossierId });
    if (!a) return forbidden('not_assigned');
    if (a.recusal !== null) return forbidden('recused');
  } else if (caller.role !== 'secretary' && caller.role !== 'examiner') {
    return forbidden('role');
  }
  requireSession(ctx, ref.sessionId);
  if (!listAttachments(ctx.db, ref.sessionId, ref.dossierId).some((x) => x.sha256 === ref.sha256)) {
    throw new AppError('BLOB_NOT_FOUND', `${ref.dossierId} has no attachment ${ref.sha256}`, { field: 'sha256', actual: ref.sha256 });
  }
}
