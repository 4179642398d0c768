// The audit log as examiners see it: the whole hash chain recomputed, and what happened lately.
import { verifyAuditChain } from '../../../shared/audit';
import type { AuditReport } from '../../../shared/types';
import { auditHead, listAudit } from '../db/queries/audit';
import type { Ctx } from '../context';
import { requireSession } from './sessions';

export function auditReport(ctx: Ctx, sessionId: string): AuditReport {
  requireSession(ctx, sessionId);
  const all = listAudit(ctx.db);
  const broken = verifyAuditChain(all);
  const mine = all.filter((e) => e.sessionId === sessionId || e.sessionId === null);
  return {
    entries: all.length,
    ok: broken === null,
    brokenAt: broken,
    head: auditHead(ctx.db).hash,
    recent: mine.slice(-200).reverse().map(({ seq, at, actor, kind }) => ({ seq, at, actor, kind })),
  };
}
