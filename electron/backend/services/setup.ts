// The secretary's meeting set-up: review groups, attendance (quorum), conflicts of interest (回避).
import { AppError } from '../../../shared/errors';
import type { ConflictDecision } from '../../../shared/contract';
import { MIN_GROUP_SIZE, quorumStatus } from '../../../shared/domain/rules';
import type { AttendanceSummary, ConflictsView, GroupView } from '../../../shared/types';
import { inTransaction } from '../db/connection';
import { attendanceMap, setAttendance } from '../db/queries/attendance';
import { appendAudit } from '../db/queries/audit';
import { affiliationMatches, getConflict, listConflicts, upsertConflict } from '../db/queries/conflicts';
import { getDossier } from '../db/queries/dossiers';
import { listExperts } from '../db/queries/roster';
import type { Ctx } from '../context';
import { requireExpert } from './identity';
import { requireSession } from './sessions';

export function expertsWithAttendance(ctx: Ctx, sessionId: string) {
  requireSession(ctx, sessionId);
  const att = attendanceMap(ctx.db, sessionId);
  return listExperts(ctx.db, sessionId).map((e) => ({ ...e, present: att.get(e.id)?.present ?? null }));
}

export function groupsView(ctx: Ctx, sessionId: string): GroupView[] {
  requireSession(ctx, sessionId);
  const experts = listExperts(ctx.db, sessionId);
  const groups = ctx.db
    .prepare('SELECT id, name, specialty, leader_id AS leaderId FROM review_group WHERE session_id = ? ORDER BY id')
    .all(sessionId) as Array<{ id: string; name: string; specialty: string | null; leaderId: string | null }>;
  return groups.map((g) => {
    const members = experts.filter((e) => e.groups.includes(g.id)).map(({ id, name, role }) => ({ id, name, role }));
    return { ...g, members, size: members.length, tooSmall: members.length < MIN_GROUP_SIZE };
  });
}

export function attendanceSummary(ctx: Ctx, sessionId: string): AttendanceSummary {
  requireSession(ctx, sessionId);
  const members = listExperts(ctx.db, sessionId).length;
  const att = [...attendanceMap(ctx.db, sessionId).values()];
  const present = att.filter((a) => a.present).length;
  return { members, present, recorded: att.length, quorum: quorumStatus(members, present) };
}

export function recordAttendance(ctx: Ctx, args: { sessionId: string; expertId: string; present: boolean }): AttendanceSummary {
  requireSession(ctx, args.sessionId);
  requireExpert(ctx, args.sessionId, args.expertId);
  inTransaction(ctx.db, () => {
    const at = new Date().toISOString();
    setAttendance(ctx.db, { ...args, at });
    appendAudit(ctx.db, { sessionId: args.sessionId, actor: ctx.caller.role, kind: 'attendance.set', payload: { expertId: args.expertId, present: args.present }, at });
  });
  return attendanceSummary(ctx, args.sessionId);
}

export function conflictsView(ctx: Ctx, sessionId: string): ConflictsView {
  requireSession(ctx, sessionId);
  return { conflicts: listConflicts(ctx.db, sessionId), suggestions: affiliationMatches(ctx.db, sessionId) };
}

/** Confirms or dismisses a suggestion, or revisits an earlier decision; the reason is recorded. */
export function decideConflict(ctx: Ctx, d: ConflictDecision): ConflictsView {
  requireSession(ctx, d.sessionId);
  const existing = getConflict(ctx.db, d.sessionId, d.expertId, d.dossierId);
  const suggested = affiliationMatches(ctx.db, d.sessionId).some((s) => s.expertId === d.expertId && s.dossierId === d.dossierId);
  if (!existing && !suggested) {
    throw new AppError('CONFLICT_NOT_FOUND', `no conflict or suggestion for ${d.expertId}/${d.dossierId}`, { actual: `${d.expertId}/${d.dossierId}` });
  }
  inTransaction(ctx.db, () => {
    const at = new Date().toISOString();
    const status = d.decision === 'confirm' ? 'confirmed' : 'dismissed';
    const source = (existing?.source as 'declared' | 'suggested' | 'manual' | undefined) ?? 'suggested';
    upsertConflict(ctx.db, { sessionId: d.sessionId, expertId: d.expertId, dossierId: d.dossierId, source, status, reason: d.reason, at });
    appendAudit(ctx.db, { sessionId: d.sessionId, actor: ctx.caller.role, kind: `conflict.${status}`, payload: { expertId: d.expertId, dossierId: d.dossierId, source, reason: d.reason }, at });
  });
  return conflictsView(ctx, d.sessionId);
}

export function declareConflict(ctx: Ctx, args: { sessionId: string; expertId: string; dossierId: string; reason: string }): ConflictsView {
  requireSession(ctx, args.sessionId);
  requireExpert(ctx, args.sessionId, args.expertId);
  if (!getDossier(ctx.db, args.sessionId, args.dossierId)) {
    throw new AppError('DOSSIER_NOT_FOUND', `no dossier ${args.dossierId}`, { field: 'dossierId', actual: args.dossierId });
  }
  inTransaction(ctx.db, () => {
    const at = new Date().toISOString();
    upsertConflict(ctx.db, { ...args, source: 'manual', status: 'confirmed', at });
    appendAudit(ctx.db, { sessionId: args.sessionId, actor: ctx.caller.role, kind: 'conflict.declared', payload: { expertId: args.expertId, dossierId: args.dossierId, reason: args.reason }, at });
  });
  return conflictsView(ctx, args.sessionId);
}
