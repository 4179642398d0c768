// Builds the examiner's plain data shape (shared/examiner/data.ts) from the live session in SQLite. A result
// bundle's reader will build the same shape, and the same analysis runs on it.
import { fromBase64 } from '../../../shared/crypto/base64';
import type { ExaminerData, ExPresence, ExRound, ExSheet } from '../../../shared/examiner/data';
import { utf8Decode } from '../../../shared/text';
import type { Db } from '../db/connection';
import { listRounds } from '../db/queries/ballots';
import {
  allParticipation,
  allRoundDossiers,
  ballotCounts,
  confirmedRecusals,
  currentItems,
  currentSheets,
  meetingSeqs,
  presentAtRoll,
  roundPaperCounts,
  sheetTimings,
} from '../db/queries/examiner';
import { listPresence } from '../db/queries/meeting';
import { getSession } from '../db/queries/sessions';
import { listStandards } from '../db/queries/standards';
import { AppError } from '../../../shared/errors';

/** The total the expert signed, read from the sheet's DSSE payload; null when absent or unreadable. */
function statedTotal(envelopeJson: string | null): number | null {
  if (!envelopeJson) return null;
  try {
    const env = JSON.parse(envelopeJson) as { payload?: unknown };
    if (typeof env.payload !== 'string') return null;
    const bytes = fromBase64(env.payload);
    if (!bytes) return null;
    const p = JSON.parse(utf8Decode(bytes)) as { total?: unknown };
    return typeof p.total === 'number' ? p.total : null;
  } catch {
    return null;
  }
}

const key = (...p: Array<string | number>) => p.join('|');

function sheetsOf(db: Db, sessionId: string): ExSheet[] {
  const items = new Map<string, Record<string, number>>();
  for (const i of currentItems(db, sessionId)) {
    const k = key(i.dossierId, i.expertId);
    const m = items.get(k) ?? {};
    m[i.itemId] = i.value;
    items.set(k, m);
  }
  const timing = new Map<string, { seq: number; at: string }>();
  for (const t of sheetTimings(db, sessionId)) timing.set(key(t.kind, t.dossierId, t.expertId, t.version), { seq: t.seq, at: t.at });
  return currentSheets(db, sessionId).map((s) => {
    const saved = timing.get(key('score.saved', s.dossierId, s.expertId, s.version));
    const submitted = timing.get(key('sheet.submitted', s.dossierId, s.expertId, s.version));
    return {
      dossierId: s.dossierId,
      expertId: s.expertId,
      version: s.version,
      status: s.status,
      scores: items.get(key(s.dossierId, s.expertId)) ?? {},
      statedTotal: s.status === 'submitted' ? statedTotal(s.envelopeJson) : null,
      recommendation: s.recommendation,
      submittedAt: s.submittedAt,
      firstSavedAt: saved?.at ?? null,
      firstSavedSeq: saved?.seq ?? null,
      submittedSeq: submitted?.seq ?? null,
    };
  });
}

function roundsOf(db: Db, sessionId: string, roundsOpened: Map<string, number>): ExRound[] {
  const rounds = listRounds(db, sessionId);
  const dossiers = new Map<string, string[]>();
  for (const r of allRoundDossiers(db, sessionId)) dossiers.set(r.roundId, [...(dossiers.get(r.roundId) ?? []), r.dossierId]);
  const parts = new Map<string, string[]>();
  for (const p of allParticipation(db, sessionId)) parts.set(p.roundId, [...(parts.get(p.roundId) ?? []), p.expertId]);
  const counts = new Map<string, ExRound['counts']>();
  for (const c of ballotCounts(db, sessionId)) {
    const m = counts.get(c.roundId) ?? {};
    m[c.dossierId] = { agree: c.agree, disagree: c.disagree, abstain: c.abstain };
    counts.set(c.roundId, m);
  }
  // Paper rounds: the counts the teller and the scrutineer entered alike.
  for (const p of roundPaperCounts(db, sessionId)) {
    const m: ExRound['counts'] = {};
    for (const c of JSON.parse(p.json) as Array<{ dossierId: string; agree: number; disagree: number; abstain: number }>) m[c.dossierId] = { agree: c.agree, disagree: c.disagree, abstain: c.abstain };
    counts.set(p.roundId, m);
  }
  return rounds.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    openedAt: r.openedAt,
    openedSeq: roundsOpened.get(r.id) ?? null,
    dossierIds: dossiers.get(r.id) ?? [],
    participants: (parts.get(r.id) ?? []).sort(),
    counts: counts.get(r.id) ?? {},
  }));
}

export function examinerData(db: Db, sessionId: string): ExaminerData {
  const session = getSession(db, sessionId);
  if (!session) throw new AppError('SESSION_NOT_FOUND', `no session ${sessionId}`, { field: 'sessionId', actual: sessionId });
  const { checkIns, roundsOpened } = meetingSeqs(db, sessionId);
  const meetingPresence = listPresence(db, sessionId);
  // At the meeting: who checked in; before it: the attendance roll.
  const presence: ExPresence[] =
    meetingPresence.length > 0
      ? meetingPresence.map((p) => ({ ...p, checkInSeq: checkIns.get(p.expertId) ?? null }))
      : presentAtRoll(db, sessionId).map((p) => ({ expertId: p.expertId, arrivedAt: p.recordedAt, late: false, leftAt: null, checkInSeq: null }));
  const members = db.prepare('SELECT group_id AS groupId, expert_id AS expertId FROM group_member WHERE session_id = ? ORDER BY expert_id').all(sessionId) as Array<{
    groupId: string;
    expertId: string;
  }>;
  const groups = (db.prepare('SELECT id, name FROM review_group WHERE session_id = ? ORDER BY id').all(sessionId) as Array<{ id: string; name: string }>).map((g) => ({
    ...g,
    memberIds: members.filter((m) => m.groupId === g.id).map((m) => m.expertId),
  }));
  return {
    sessionId,
    bundleHash: session.bundleHash,
    standards: listStandards(db, sessionId).map((s) => ({
      id: s.id,
      items: s.items.map((i) => ({ id: i.id, max: i.max, bands: i.bands && i.bands.length > 0 ? i.bands.map((b) => b.score) : null })),
    })),
    experts: db.prepare('SELECT id, name FROM expert WHERE session_id = ? ORDER BY id').all(sessionId) as Array<{ id: string; name: string }>,
    groups,
    dossiers: db
      .prepare('SELECT id, packet_no AS packetNo, name, group_id AS groupId, standard_id AS standardId FROM dossier WHERE session_id = ? ORDER BY packet_no, id')
      .all(sessionId) as ExaminerData['dossiers'],
    recusals: confirmedRecusals(db, sessionId),
    presence,
    sheets: sheetsOf(db, sessionId),
    rounds: roundsOf(db, sessionId, roundsOpened),
  };
}
