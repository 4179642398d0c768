// Read models for the overview, the dossier list and the dossier detail.
import { AppError } from '../../../shared/errors';
import type { DossierQuery } from '../../../shared/contract';
import { maskIdNumber } from '../../../shared/domain/id-number';
import { evaluateEligibility } from '../../../shared/domain/eligibility';
import { committeeWarnings } from '../../../shared/domain/rules';
import type { Level } from '../../../shared/bundle/schema';
import type { DossierDetail, DossierList, FilterOptions, SessionOverview } from '../../../shared/types';
import { countConflicts } from '../db/queries/conflicts';
import { distinctValues, dossierCounts, getDossier, listAttachments, listDossiers } from '../db/queries/dossiers';
import { countExperts, listGroups } from '../db/queries/roster';
import { getSession, type SessionRow } from '../db/queries/sessions';
import { getStandard, listStandards } from '../db/queries/standards';
import type { Ctx } from '../context';

export function requireSession(ctx: Ctx, sessionId: string): SessionRow {
  const s = getSession(ctx.db, sessionId);
  if (!s) throw new AppError('SESSION_NOT_FOUND', `no session ${sessionId}`, { field: 'sessionId', actual: sessionId });
  return s;
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
  return {
    groups: listGroups(ctx.db, sessionId).map(({ id, name }) => ({ id, name })),
    levels: distinctValues(ctx.db, sessionId, 'level') as Level[],
    specialties: distinctValues(ctx.db, sessionId, 'specialty'),
  };
}

export function dossierList(ctx: Ctx, q: DossierQuery): DossierList {
  requireSession(ctx, q.sessionId);
  const rows = listDossiers(ctx.db, q);
  return { total: rows.length, rows };
}

export function dossierDetail(ctx: Ctx, sessionId: string, dossierId: string): DossierDetail {
  const s = requireSession(ctx, sessionId);
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
