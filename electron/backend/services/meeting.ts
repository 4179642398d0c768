// The committee meeting: the chair opens it, experts check in with their own passphrase and sign the commitment,
// the teller and scrutineer are named; the live quorum follows arrivals and departures. docs/meeting-rules.md.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { AppError } from '../../../shared/errors';
import { signDsse } from '../../../shared/crypto/dsse';
import { DEFAULT_COMMITMENT_TEXT_ZH, DEFAULT_MEETING_SETTINGS, type MeetingSettings } from '../../../shared/domain/meeting-settings';
import { meetingQuorum } from '../../../shared/domain/rules';
import { COMMITMENT_PAYLOAD_TYPE, type MeetingView, type QuorumView } from '../../../shared/meeting-types';
import { utf8Encode } from '../../../shared/text';
import { inTransaction } from '../db/connection';
import { setAttendance } from '../db/queries/attendance';
import { appendAudit, auditHead } from '../db/queries/audit';
import { listExpertKeys } from '../db/queries/keys';
import {
  commitmentsSigned,
  getMeeting,
  insertCommitment,
  insertMeeting,
  listPresence,
  presentNow,
  recordArrival,
  recordDeparture,
  setOfficers,
  type MeetingRow,
} from '../db/queries/meeting';
import { listExperts } from '../db/queries/roster';
import type { Ctx } from '../context';
import { roundSummaries } from './ballots';
import { unlockSecretKey } from './identity';
import { requireSession } from './sessions';

export function requireMeeting(ctx: Ctx, sessionId: string): MeetingRow {
  requireSession(ctx, sessionId);
  const m = getMeeting(ctx.db, sessionId);
  if (!m) throw new AppError('MEETING_NOT_OPEN', 'the chair has not opened the meeting', { field: 'sessionId', actual: sessionId });
  return m;
}

export function requireMember(ctx: Ctx, sessionId: string, expertId: string) {
  const e = listExperts(ctx.db, sessionId).find((x) => x.id === expertId);
  if (!e) throw new AppError('EXPERT_NOT_FOUND', `no expert ${expertId}`, { field: 'expertId', actual: expertId });
  return e;
}

/** The chair (or a vice chair presiding) signed in for this session. */
export function presidingChair(ctx: Ctx, sessionId: string): string {
  const { role, expertId, sessionId: s } = ctx.caller;
  if (role !== 'chair' || !expertId || s !== sessionId) throw new AppError('AUTH_NOT_CHAIR', 'sign in as the chair of this session first', { field: 'sessionId' });
  return expertId;
}

/** Settings before the meeting opens: defaults, seeded from the bundle's recusal setting. */
function draftSettings(ctx: Ctx, sessionId: string): MeetingSettings {
  const row = ctx.db.prepare('SELECT settings_json AS j FROM session WHERE id = ?').get(sessionId) as { j?: string } | undefined;
  let recused = DEFAULT_MEETING_SETTINGS.recusedCountInA;
  try {
    const parsed = row?.j ? (JSON.parse(row.j) as { recusedCountInPresent?: unknown }) : {};
    if (typeof parsed.recusedCountInPresent === 'boolean') recused = parsed.recusedCountInPresent;
  } catch {
    // Keep the default: the bundle's settings were validated at import.
  }
  return { ...DEFAULT_MEETING_SETTINGS, recusedCountInA: recused };
}

export function liveQuorum(ctx: Ctx, sessionId: string, settings: MeetingSettings): QuorumView {
  const members = listExperts(ctx.db, sessionId).length;
  return meetingQuorum({ base: settings.quorumBase, members, sittingMembers: null, present: presentNow(ctx.db, sessionId).length });
}

export function meetingView(ctx: Ctx, sessionId: string): MeetingView {
  requireSession(ctx, sessionId);
  const m = getMeeting(ctx.db, sessionId);
  const settings: MeetingSettings = m ? { quorumBase: m.quorumBase, recusedCountInA: m.recusedCountInA, maxRevotes: m.maxRevotes } : draftSettings(ctx, sessionId);
  const presence = new Map(listPresence(ctx.db, sessionId).map((p) => [p.expertId, p]));
  const signed = commitmentsSigned(ctx.db, sessionId);
  const keys = listExpertKeys(ctx.db, sessionId);
  return {
    sessionId,
    opened: m !== null,
    openedAt: m?.openedAt ?? null,
    openedBy: m?.openedBy ?? null,
    settings,
    commitmentText: m?.commitmentText ?? DEFAULT_COMMITMENT_TEXT_ZH,
    tellerId: m?.tellerId ?? null,
    scrutineerId: m?.scrutineerId ?? null,
    experts: listExperts(ctx.db, sessionId).map((e) => {
      const p = presence.get(e.id);
      return {
        expertId: e.id,
        name: e.name,
        role: e.role as MeetingView['experts'][number]['role'],
        hasKey: keys.has(e.id),
        present: !!p && p.leftAt === null,
        arrivedAt: p?.arrivedAt ?? null,
        leftAt: p?.leftAt ?? null,
        late: p?.late ?? false,
        commitmentSignedAt: signed.get(e.id)?.signedAt ?? null,
      };
    }),
    quorum: liveQuorum(ctx, sessionId, settings),
    rounds: roundSummaries(ctx, sessionId),
    withoutCommitment: ctx.db
      .prepare('SELECT id AS dossierId, packet_no AS packetNo, name FROM dossier WHERE session_id = ? AND commitment_signed = 0 ORDER BY packet_no, id')
      .all(sessionId) as MeetingView['withoutCommitment'],
  };
}

/** The chair opens the meeting with its settings (printed in the minutes). Once only. */
export function openMeeting(
  ctx: Ctx,
  a: { sessionId: string; quorumBase?: MeetingSettings['quorumBase'] | undefined; recusedCountInA?: boolean | undefined; maxRevotes?: number | undefined; commitmentText?: string | undefined },
): MeetingView {
  requireSession(ctx, a.sessionId);
  const chair = presidingChair(ctx, a.sessionId);
  if (getMeeting(ctx.db, a.sessionId)) throw new AppError('MEETING_ALREADY_OPEN', 'the meeting is already open', { field: 'sessionId' });
  const base = draftSettings(ctx, a.sessionId);
  const settings: MeetingSettings = {
    quorumBase: a.quorumBase ?? base.quorumBase,
    recusedCountInA: a.recusedCountInA ?? base.recusedCountInA,
    maxRevotes: a.maxRevotes ?? base.maxRevotes,
  };
  const at = new Date().toISOString();
  inTransaction(ctx.db, () => {
    insertMeeting(ctx.db, { sessionId: a.sessionId, openedAt: at, openedBy: chair, ...settings, commitmentText: a.commitmentText ?? DEFAULT_COMMITMENT_TEXT_ZH, tellerId: null, scrutineerId: null });
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: `chair:${chair}`, kind: 'meeting.opened', payload: { ...settings }, at });
  });
  return meetingView(ctx, a.sessionId);
}

/**
 * An expert checks in with their own passphrase (no proxy). Before the meeting opens this is on time; after, it is a
 * late arrival, with the time. Checking in again after leaving records the return.
 */
export function checkIn(ctx: Ctx, a: { sessionId: string; expertId: string; passphrase: string }): MeetingView {
  requireSession(ctx, a.sessionId);
  const e = requireMember(ctx, a.sessionId, a.expertId);
  if (presentNow(ctx.db, a.sessionId).includes(a.expertId)) {
    throw new AppError('MEETING_ALREADY_PRESENT', `${e.name} is already checked in`, { field: 'expertId', expertName: e.name });
  }
  const { secretKey } = unlockSecretKey(ctx, a.sessionId, a.expertId, a.passphrase);
  secretKey.fill(0);
  const late = getMeeting(ctx.db, a.sessionId) !== null;
  const at = new Date().toISOString();
  inTransaction(ctx.db, () => {
    recordArrival(ctx.db, { sessionId: a.sessionId, expertId: a.expertId, at, late });
    // The secretary's attendance follows, so the set-up screen's quorum is the same.
    setAttendance(ctx.db, { sessionId: a.sessionId, expertId: a.expertId, present: true, at });
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: `expert:${a.expertId}`, kind: 'meeting.checked_in', payload: { expertId: a.expertId, late }, at });
  });
  return meetingView(ctx, a.sessionId);
}

/** An early departure, recorded with the time; the live quorum follows. */
export function checkOut(ctx: Ctx, a: { sessionId: string; expertId: string }): MeetingView {
  requireSession(ctx, a.sessionId);
  const e = requireMember(ctx, a.sessionId, a.expertId);
  if (!presentNow(ctx.db, a.sessionId).includes(a.expertId)) {
    throw new AppError('MEETING_NOT_PRESENT', `${e.name} is not checked in`, { field: 'expertId', expertName: e.name });
  }
  const at = new Date().toISOString();
  inTransaction(ctx.db, () => {
    recordDeparture(ctx.db, { sessionId: a.sessionId, expertId: a.expertId, at });
    setAttendance(ctx.db, { sessionId: a.sessionId, expertId: a.expertId, present: false, at });
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: ctx.caller.role, kind: 'meeting.left', payload: { expertId: a.expertId }, at });
  });
  return meetingView(ctx, a.sessionId);
}

/** The teller (计票人) and scrutineer (监票人): two different experts, present. */
export function designateOfficers(ctx: Ctx, a: { sessionId: string; tellerId: string; scrutineerId: string }): MeetingView {
  requireMeeting(ctx, a.sessionId);
  requireMember(ctx, a.sessionId, a.tellerId);
  requireMember(ctx, a.sessionId, a.scrutineerId);
  if (a.tellerId === a.scrutineerId) throw new AppError('MEETING_OFFICERS_INVALID', 'teller and scrutineer must be two people', { field: 'scrutineerId', actual: a.scrutineerId });
  const here = presentNow(ctx.db, a.sessionId);
  for (const [field, id] of [['tellerId', a.tellerId], ['scrutineerId', a.scrutineerId]] as const) {
    if (!here.includes(id)) throw new AppError('MEETING_NOT_PRESENT', `${id} is not checked in`, { field, actual: id });
  }
  inTransaction(ctx.db, () => {
    setOfficers(ctx.db, a);
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: ctx.caller.role, kind: 'meeting.officers', payload: { tellerId: a.tellerId, scrutineerId: a.scrutineerId } });
  });
  return meetingView(ctx, a.sessionId);
}

/** The expert signs the commitment (承诺书) with their own key: DSSE over the text's hash, the session and the audit head. */
export function signCommitment(ctx: Ctx, a: { sessionId: string; expertId: string; passphrase: string }): MeetingView {
  const m = requireMeeting(ctx, a.sessionId);
  const e = requireMember(ctx, a.sessionId, a.expertId);
  if (ctx.caller.role === 'expert' && ctx.caller.expertId !== a.expertId) throw new AppError('CONTRACT_FORBIDDEN', 'an expert signs only their own commitment', { field: 'expertId' });
  if (commitmentsSigned(ctx.db, a.sessionId).has(a.expertId)) throw new AppError('MEETING_COMMITMENT_SIGNED', `${e.name} has signed already`, { field: 'expertId', expertName: e.name });
  const { secretKey, key } = unlockSecretKey(ctx, a.sessionId, a.expertId, a.passphrase);
  try {
    const at = new Date().toISOString();
    const textSha256 = createHash('sha256').update(m.commitmentText).digest('hex');
    return inTransaction(ctx.db, () => {
      const payload = { type: 'paneldesk.commitment/v1', sessionId: a.sessionId, expertId: a.expertId, keyid: key.keyid, textSha256, auditHead: auditHead(ctx.db).hash, signedAt: at };
      const envelope = signDsse(COMMITMENT_PAYLOAD_TYPE, utf8Encode(canonicalize(payload) ?? ''), secretKey);
      insertCommitment(ctx.db, { sessionId: a.sessionId, expertId: a.expertId, textSha256, keyid: key.keyid, envelopeJson: JSON.stringify(envelope), at });
      appendAudit(ctx.db, { sessionId: a.sessionId, actor: `expert:${a.expertId}`, kind: 'meeting.commitment_signed', payload: { expertId: a.expertId, keyid: key.keyid, textSha256 }, at });
      return meetingView(ctx, a.sessionId);
    });
  } finally {
    secretKey.fill(0);
  }
}
