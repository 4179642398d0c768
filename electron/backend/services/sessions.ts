// Read models for the overview, the dossier list and the dossier detail.
import { AppError } from '../../../shared/errors';
import type { DossierQuery } from '../../../shared/contract';
import { maskIdNumber } from '../../../shared/domain/id-number';
import { evaluateEligibility } from '../../../shared/domain/eligibility';
import { committeeWarnings } from '../../../shared/domain/rules';
import type { Level } from '../../../shared/bundle/schema';
import type { DossierDetail, DossierList, FilterOptions, SessionOverview } from '../../../shared/types';
import { countConflicts } from '../db/queries/conflicts';
import { distinctValues, dossierCounts, getDossier, listAttachments, listDossiers, type DossierScope } from '../db/queries/dossiers';
import { assignmentOf } from '../db/queries/assignments';
import { countExperts, getExpert, listGroups } from '../db/queries/roster';
import { getSession, type SessionRow } from '../db/queries/sessions';
import { getStandard, listStandards } from '../db/queries/standards';
import type { Ctx } from '../context';

export function requireSession(ctx: Ctx, sessionId: string): SessionRow {
  const s = getSession(ctx.db, sessionId);
  if (!s) throw new AppError('SESSION_NOT_FOUND', `no session ${sessionId}`, { field: 'sessionId', actual: sessionId });
  return s;
}

/**
 * Which dossiers the caller may read: the secretary and the examiner every one; an expert or the chair only
 * those of their own review groups in their own session, less the ones they are recused from.
 */
export function dossierScope(ctx: Ctx, sessionId: string): DossierScope {
  const { role, expertId, sessionId: own } = ctx.caller;
  if (role === 'secretary' || role === 'examiner') return null;
  if ((role === 'expert' || role === 'chair') && expertId && own === sessionId) return { expertId };
  throw new AppError('CONTRACT_FORBIDDEN', `a ${role} may not read dossiers of session ${sessionId}`, { field: 'sessionId', role });
}

/**
 * Refuses a dossier outside the caller's scope with DOSSIER_FORBIDDEN (reason not_assigned / recused): no
 * detail, no attachment. Decided before anything about the dossier is looked up, so a refusal tells nothing.
 */
export function requireDossierVisible(ctx: Ctx, sessionId: string, dossierId: string): void {
  const forbidden = (reason: string): never => {
    throw new AppError('DOSSIER_FORBIDDEN', `${ctx.caller.role} may not read ${dossierId}`, { field: 'dossierId', actual: dossierId, reason });
  };
  let scope: DossierScope;
  try {
    scope = dossierScope(ctx, sessionId);
  } catch {
    return forbidden('not_assigned');
  }
  if (!scope) return;
  const a = assignmentOf(ctx.db, { sessionId, expertId: scope.expertId, dossierId });
  if (!a) return forbidden('not_assigned');
  if (a.recusal !== null) forbidden('recused');
}

export function sessionOverview(ctx: Ctx, sessionId: string): SessionOverview {
  const s = requireSession(ctx, sessionId);
  const counts = dossierCounts(ctx.db, sessionId);
  const roster = countExperts(ctx.db, sessionId);
  const groups = listGroups(ctx.db, sessionId);
  return {
    id: s.id,
    name: s.name,
    committeeName: s.committeeName,
    meetingDate: s.meetingDate,
    bundleVersion: s.bundleVersion,
    importedAt: s.importedAt,
    dossierCount: counts.dossiers,
    committee: {
      name: s.committee.name,
      authority: s.committee.authority ?? null,
      form: s.committee.form,
      tier: s.committee.tier,
      series: s.committee.series ?? null,
      size: s.committee.size,
    },
    meetingPlace: s.meetingPlace,
    status: s.status,
    counts: {
      dossiers: counts.dossiers,
      experts: roster.length,
      groups: groups.length,
      standards: listStandards(ctx.db, sessionId).length,
      attachments: counts.attachments,
      greenChannel: counts.greenChannel,
      eligibilityNotMet: counts.eligibilityNotMet,
      conflicts: countConflicts(ctx.db, sessionId),
    },
    warnings: committeeWarnings({ tier: s.committee.tier, bySpecialty: !s.committee.series, roster, groups }),
    issuer: s.issuerKeyid,
    bundleHash: s.bundleHash,
  };
}

export function filterOptions(ctx: Ctx, sessionId: string): FilterOptions {
  requireSession(ctx, sessionId);
  const scope = dossierScope(ctx, sessionId);
  const groups = listGroups(ctx.db, sessionId).map(({ id, name }) => ({ id, name }));
  const mine = scope ? new Set(getExpert(ctx.db, sessionId, scope.expertId)?.groups ?? []) : null;
  return {
    groups: mine ? groups.filter((g) => mine.has(g.id)) : groups,
    levels: distinctValues(ctx.db, sessionId, 'level', scope) as Level[],
    specialties: distinctValues(ctx.db, sessionId, 'specialty', scope),
  };
}

export function dossierList(ctx: Ctx, q: DossierQuery): DossierList {
  requireSession(ctx, q.sessionId);
  const rows = listDossiers(ctx.db, q, dossierScope(ctx, q.sessionId));
  return { total: rows.length, rows };
}

export function dossierDetail(ctx: Ctx, sessionId: string, dossierId: string): DossierDetail {
  const s = requireSession(ctx, sessionId);
  // Checked first, so an expert learns nothing of dossiers outside their scope, not even whether they exist.
  requireDossierVisible(ctx, sessionId, dossierId);
  const d = getDossier(ctx.db, sessionId, dossierId);
  if (!d) throw new AppError('DOSSIER_NOT_FOUND', `no dossier ${dossierId}`, { field: 'dossierId', actual: dossierId });
  const std = getStandard(ctx.db, sessionId, d.standardId);
  if (!std) throw new AppError('INTERNAL', `standard ${d.standardId} missing`);
  const fields = new Map(std.evidenceFields.map((f) => [f.id, f]));
  const eligibility = evaluateEligibility(d, std, s.meetingDate);
  // Everything of the applicant but the ID number, which only leaves masked.
  const { idNumber, greenJustification, groupId, groupName, standardId: _standard, achievements: _achievements, ...applicant } = d;
  return {
    ...applicant,
    idNumberMasked: maskIdNumber(idNumber),
    greenChannelJustification: greenJustification,
    group: { id: groupId, name: groupName },
    standard: { id: std.id, name: std.name, version: std.version },
    eligibility,
    achievements: d.achievements.map((a) => {
      const f = fields.get(a.field);
      return { field: a.field, label: f?.label ?? a.field, unit: f?.unit ?? null, kind: f?.kind ?? 'text', value: a.value, note: a.note ?? null };
    }),
    attachments: listAttachments(ctx.db, sessionId, dossierId),
  };
}
