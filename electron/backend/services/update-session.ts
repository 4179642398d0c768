// A newer version of a session already here: what it changes (preview), and applying it in place.
// Never drops a score: removing a scored dossier or expert, moving a scored dossier to another group,
// or changing the items of a standard that has scores blocks the update.
import type { SessionBundleContent, StandardDoc } from '../../../shared/bundle/schema';
import { evaluateEligibility } from '../../../shared/domain/eligibility';
import type { ChangeList, UpdatePreview } from '../../../shared/types';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../db/queries/audit';
import { getPref } from '../db/queries/prefs';
import { deleteConflict, dismissedConflicts } from '../db/queries/conflict-decisions';
import {
  declaredConflictRows,
  deleteById,
  dossierSummaries,
  groupNames,
  quotaRows,
  replaceDeclaredConflicts,
  replaceGroups,
  replaceQuotas,
  sheetCountsByPair,
  updateSessionRow,
  upsertExperts,
  upsertStandards,
} from '../db/queries/session-update';
import { upsertDossier } from '../db/queries/dossiers';
import { listExperts } from '../db/queries/roster';
import type { SessionRow } from '../db/queries/sessions';
import { listStandards } from '../db/queries/standards';
import type { Ctx } from '../context';
import { dossierContentHash } from './import-session';

const empty = (): ChangeList => ({ added: [], removed: [], changed: [] });

function diffBy<O, N>(
  old: ReadonlyMap<string, O>,
  next: ReadonlyMap<string, N>,
  label: (v: O | N) => string,
  changedFields: (o: O, n: N) => string[],
): ChangeList {
  const out = empty();
  for (const [id, n] of next) {
    const o = old.get(id);
    if (o === undefined) out.added.push({ id, label: label(n) });
    else {
      const fields = changedFields(o, n);
      if (fields.length > 0) out.changed.push({ id, label: label(n), fields });
    }
  }
  for (const [id, o] of old) if (!next.has(id)) out.removed.push({ id, label: label(o) });
  return out;
}

function fieldsDiffer<T extends object>(a: T, b: T, keys: ReadonlyArray<keyof T>): string[] {
  return keys.filter((k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)).map(String);
}

/** Sheets (any version) per dossier and per expert of a session. */
function sheetCounts(ctx: Ctx, sessionId: string): { byDossier: Map<string, number>; byExpert: Map<string, number> } {
  const rows = sheetCountsByPair(ctx.db, sessionId);
  const byDossier = new Map<string, number>();
  const byExpert = new Map<string, number>();
  for (const r of rows) {
    byDossier.set(r.d, (byDossier.get(r.d) ?? 0) + r.n);
    byExpert.set(r.e, (byExpert.get(r.e) ?? 0) + r.n);
  }
  return { byDossier, byExpert };
}

const itemsKey = (s: StandardDoc) => JSON.stringify(s.items.map((i) => [i.id, i.max, i.bands ?? null]));

/** The pref that makes a desk refuse any update changing who signed the session ("true"). */
export const REFUSE_TRUST_CHANGE_PREF = 'refuseUpdateTrustChange';

/** How the signature changes from the session on the desk to the new version. */
export function trustChange(from: string | null, to: string | null): NonNullable<UpdatePreview['trust']> {
  const change = from === to ? 'same' : from === null ? 'signed' : to === null ? 'unsigned' : 'other_key';
  return { from, to, change };
}

/**
 * Before applying: a downgrade (signed → unsigned) or another issuer key needs the secretary's explicit
 * confirmation, and is refused outright on a desk whose setting says so.
 */
export function checkTrustChange(ctx: Ctx, preview: UpdatePreview, accepted: boolean): void {
  const t = preview.trust;
  if (!t || t.change === 'same' || t.change === 'signed') return;
  const details = { reason: t.change, expected: t.from ?? 'unsigned', actual: t.to ?? 'unsigned' };
  if (getPref(ctx.db, REFUSE_TRUST_CHANGE_PREF) === 'true') throw new AppError('BUNDLE_UPDATE_TRUST_REFUSED', 'this desk refuses updates that change the issuer signature', details);
  if (!accepted) throw new AppError('BUNDLE_UPDATE_TRUST_CHANGED', 'the update changes who signed the session: confirm it explicitly', details);
}

export function diffSession(ctx: Ctx, existing: SessionRow, next: SessionBundleContent, bundleHash: string, issuerKeyid: string | null = existing.issuerKeyid): UpdatePreview {
  const sid = existing.id;
  const oldExperts = new Map(listExperts(ctx.db, sid).map((e) => [e.id, e]));
  const oldGroups = new Map(
    groupNames(ctx.db, sid).map((g) => [
      g.id,
      { ...g, members: [...oldExperts.values()].filter((e) => e.groups.includes(g.id)).map((e) => e.id).sort() },
    ]),
  );
  const oldStandards = new Map(listStandards(ctx.db, sid).map((s) => [s.id, s]));
  const oldDossiers = new Map(dossierSummaries(ctx.db, sid).map((d) => [d.id, d]));
  const oldConflicts = new Map(declaredConflictRows(ctx.db, sid).map((c) => [`${c.e}/${c.d}`, c]));
  const oldQuotas = new Map(quotaRows(ctx.db, sid).map((q) => [q.id, q]));
  const sheets = sheetCounts(ctx, sid);

  const session = fieldsDiffer(
    { name: existing.name, committee: existing.committee, meeting: { date: existing.meetingDate, place: existing.meetingPlace ?? undefined }, settings: existing.settings },
    { name: next.session.name, committee: next.session.committee, meeting: { date: next.session.meeting.date, place: next.session.meeting.place }, settings: next.session.settings },
    ['name', 'committee', 'meeting', 'settings'],
  );
  const experts = diffBy(
    oldExperts,
    new Map(next.experts.map((e) => [e.id, e])),
    (e) => e.name,
    (o, n) => {
      const norm = (e: { name: string; affiliation: string; specialty: string; title?: string | null | undefined; role: string }) => ({
        name: e.name,
        affiliation: e.affiliation,
        specialty: e.specialty,
        title: e.title ?? null,
        role: e.role,
      });
      return fieldsDiffer(norm(o), norm(n), ['name', 'affiliation', 'specialty', 'title', 'role']);
    },
  );
  const groups = diffBy(
    oldGroups,
    new Map(next.groups.map((g) => [g.id, { id: g.id, name: g.name, members: [...g.members].sort() }])),
    (g) => g.name,
    (o, n) => fieldsDiffer(o, n, ['name', 'members']),
  );
  const standards = diffBy(
    oldStandards,
    new Map(next.standards.map((s) => [s.id, s])),
    (s) => `${s.name}（${s.version}）`,
    (o, n) => (JSON.stringify(o) === JSON.stringify(n) ? [] : [...fieldsDiffer(o, n, ['version', 'name', 'eligibility', 'greenChannel', 'evidenceFields', 'aggregation']), ...(itemsKey(o) !== itemsKey(n) ? ['items'] : [])]),
  );
  const nextDossiers = new Map(next.dossiers.map((d) => [d.id, { ...d, hash: dossierContentHash(d) }]));
  const dossiers = diffBy(
    oldDossiers,
    nextDossiers,
    (d) => `${d.packetNo} ${d.name}`,
    (o, n) => (o.hash === n.hash ? [] : fieldsDiffer(o, n, ['name', 'packetNo', 'groupId', 'standardId']).concat(['content'])),
  );
  const conflicts = diffBy(
    oldConflicts,
    new Map(next.conflicts.map((c) => [`${c.expertId}/${c.dossierId}`, { e: c.expertId, d: c.dossierId, reason: c.reason }])),
    (c) => `${oldExperts.get(c.e)?.name ?? c.e} — ${nextDossiers.get(c.d)?.name ?? oldDossiers.get(c.d)?.name ?? c.d}`,
    (o, n) => fieldsDiffer(o, n, ['reason']),
  );
  const quotas = diffBy(oldQuotas, new Map(next.quotas.map((q) => [q.id, q])), (q) => `${q.scope} ${q.value}`, (o, n) => fieldsDiffer(o, n, ['scope', 'value', 'count']));

  const blocked: UpdatePreview['blocked'] = [];
  for (const d of dossiers.removed) {
    const n = sheets.byDossier.get(d.id) ?? 0;
    if (n > 0) blocked.push({ kind: 'dossier_removed', id: d.id, label: d.label, sheets: n });
  }
  for (const e of experts.removed) {
    const n = sheets.byExpert.get(e.id) ?? 0;
    if (n > 0) blocked.push({ kind: 'expert_removed', id: e.id, label: e.label, sheets: n });
  }
  for (const s of standards.changed) {
    if (!s.fields.includes('items')) continue;
    const n = [...oldDossiers.values()].filter((d) => d.standardId === s.id).reduce((sum, d) => sum + (sheets.byDossier.get(d.id) ?? 0), 0);
    if (n > 0) blocked.push({ kind: 'standard_items_changed', id: s.id, label: s.label, sheets: n });
  }
  const rescore: UpdatePreview['rescore'] = [];
  for (const d of dossiers.changed) {
    const n = sheets.byDossier.get(d.id) ?? 0;
    if (n === 0) continue;
    if (d.fields.includes('groupId') || d.fields.includes('standardId')) blocked.push({ kind: 'dossier_moved', id: d.id, label: d.label, sheets: n });
    else rescore.push({ id: d.id, label: d.label, sheets: n });
  }
  return {
    sessionId: sid,
    fromVersion: existing.bundleVersion,
    toVersion: next.session.bundleVersion,
    bundleHash,
    session,
    experts,
    groups,
    standards,
    dossiers,
    conflicts,
    quotas,
    blocked,
    rescore,
    trust: trustChange(existing.issuerKeyid, issuerKeyid),
  };
}

/** Applies `next` in place (call inside a transaction, after diffSession found nothing blocked). */
export function applySessionUpdate(ctx: Ctx, next: SessionBundleContent, preview: UpdatePreview, meta: { bundleHash: string; issuerKeyid: string | null }): void {
  const { db } = ctx;
  const sid = next.session.sessionId;
  const at = new Date().toISOString();
  updateSessionRow(db, next.session, meta);
  upsertExperts(db, sid, next.experts);
  replaceGroups(db, sid, next.groups);
  upsertStandards(db, sid, next.standards);
  replaceQuotas(db, sid, next.quotas);

  const standards = new Map(next.standards.map((s) => [s.id, s]));
  for (const d of next.dossiers) {
    const std = standards.get(d.standardId) as StandardDoc;
    upsertDossier(db, sid, d, { eligibility: evaluateEligibility(d, std, next.session.meeting.date).overall, contentHash: dossierContentHash(d) });
  }
  // Removed ones carry no scores (diffSession blocked those); their attendance, keys and decisions go with them.
  for (const d of preview.dossiers.removed) deleteById(db, 'dossier', sid, d.id);
  for (const e of preview.experts.removed) deleteById(db, 'expert', sid, e.id);
  for (const g of preview.groups.removed) deleteById(db, 'review_group', sid, g.id);
  for (const s of preview.standards.removed) deleteById(db, 'standard', sid, s.id);
  // Declared conflicts follow the bundle; the secretary's own decisions stay. A dismissal stays dismissed
  // while its inputs are unchanged: a declared conflict the bundle still declares, a suggested one whose
  // expert affiliation and dossier employer are unchanged. Otherwise it is asked again.
  const declaredNext = new Set(next.conflicts.map((c) => `${c.expertId}/${c.dossierId}`));
  const affiliationChanged = new Set(preview.experts.changed.filter((c) => c.fields.includes('affiliation')).map((c) => c.id));
  // A dossier's employer is part of its content: any content change asks again.
  const employerChanged = new Set(preview.dossiers.changed.map((c) => c.id));
  for (const c of dismissedConflicts(db, sid)) {
    const keep = c.source === 'declared' ? declaredNext.has(`${c.expertId}/${c.dossierId}`) : !(affiliationChanged.has(c.expertId) || employerChanged.has(c.dossierId));
    if (!keep) deleteConflict(db, sid, c.expertId, c.dossierId);
  }
  replaceDeclaredConflicts(db, sid, next.conflicts, at);
  appendAudit(db, {
    sessionId: sid,
    actor: ctx.caller.role,
    kind: 'session.updated',
    payload: {
      from: preview.fromVersion,
      to: preview.toVersion,
      bundleHash: meta.bundleHash,
      dossiers: { added: preview.dossiers.added.length, removed: preview.dossiers.removed.length, changed: preview.dossiers.changed.length },
      experts: { added: preview.experts.added.length, removed: preview.experts.removed.length, changed: preview.experts.changed.length },
      rescore: preview.rescore.map((r) => r.id),
      // A confirmed change of signer is on the record: who signed before and who signs now.
      trust: preview.trust ?? null,
    },
    at,
  });
}
