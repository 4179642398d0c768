// Everything a result bundle holds (docs/bundle-format.md §12.3), read from SQLite for a session whose chair has
// signed the results. Pure reads: nothing is written here. The audit chain is cut at `auditCount`, the position
// the seal fixes, so the same seal always describes the same documents.
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { RosterDoc, ResultsDoc, RoundDoc, ResultSheetDoc, AuditLogEntryDoc } from '../../../shared/result-bundle/schema';
import type { MeetingResults, PaperCount } from '../../../shared/meeting-types';
import { listAudit, listCheckpoints, mergedSheetKeys } from '../db/queries/audit';
import { listStatements, paperCounts, roundBallots } from '../db/queries/ballots';
import { getMeeting, listPresence } from '../db/queries/meeting';
import type { Ctx } from '../context';
import { roundSummaries } from '../services/ballots';
import { meetingResults } from '../services/meeting-results';

export interface CollectedResult {
  /** Result documents by entry name (data/…json), as values to serialize. */
  documents: Map<string, unknown>;
  statementVersion: number;
  statementSha256: string;
  chair: { expertId: string; keyid: string };
  tellerId: string | null;
  scrutineerId: string | null;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const envelopeOf = (json: string): unknown => JSON.parse(json) as unknown;

/** The latest statement, or RESULT_BUNDLE_NOT_SIGNED: a result bundle exists only under the chair's signature. */
export function latestStatement(ctx: Ctx, sessionId: string) {
  const statements = listStatements(ctx.db, sessionId);
  const latest = statements.at(-1);
  if (!latest) throw new AppError('RESULT_BUNDLE_NOT_SIGNED', `the chair has not signed the results of ${sessionId}`, { field: 'sessionId', actual: sessionId });
  return { statements, latest };
}

function roster(ctx: Ctx, sessionId: string): RosterDoc {
  const keys = ctx.db
    .prepare(
      `SELECT expert_id AS expertId, keyid, public_key AS publicKey, created_at AS createdAt, confirmed_at AS confirmedAt, revoked_at AS revokedAt, revoke_reason AS revokeReason
       FROM expert_key WHERE session_id = ? ORDER BY expert_id, created_at, keyid`,
    )
    .all(sessionId) as Array<RosterDoc['experts'][number]['keys'][number] & { expertId: string }>;
  const experts = new Map<string, RosterDoc['experts'][number]['keys']>();
  for (const { expertId, ...k } of keys) {
    const list = experts.get(expertId) ?? [];
    list.push(k);
    experts.set(expertId, list);
  }
  const deskKeys = ctx.db
    .prepare('SELECT role, keyid, public_key AS publicKey, created_at AS createdAt, retired_at AS retiredAt FROM desk_key ORDER BY created_at, keyid')
    .all() as RosterDoc['deskKeys'];
  return { experts: [...experts].map(([expertId, k]) => ({ expertId, keys: k })), deskKeys };
}

function sheets(ctx: Ctx, sessionId: string): ResultSheetDoc[] {
  const merged = mergedSheetKeys(ctx.db);
  const rows = ctx.db
    .prepare(
      `SELECT expert_id AS expertId, dossier_id AS dossierId, version, submitted_at AS submittedAt, unlock_reason AS unlockReason, envelope_json AS envelopeJson
       FROM score_sheet WHERE session_id = ? AND status = 'submitted' AND envelope_json IS NOT NULL ORDER BY expert_id, dossier_id, version`,
    )
    .all(sessionId) as Array<Omit<ResultSheetDoc, 'source' | 'envelope'> & { envelopeJson: string }>;
  return rows.map(({ envelopeJson, ...r }) => ({
    ...r,
    source: merged.has(`${sessionId}|${r.expertId}|${r.dossierId}@${r.version}`) ? 'merged' : 'desk',
    envelope: envelopeOf(envelopeJson) as ResultSheetDoc['envelope'],
  }));
}

function results(ctx: Ctx, sessionId: string, r: MeetingResults): ResultsDoc {
  const decisions = ctx.db
    .prepare(
      `SELECT quota_id AS quotaId, seq, chosen_json AS chosenJson, reason, decided_by AS decidedBy, decided_at AS decidedAt
       FROM quota_decision WHERE session_id = ? ORDER BY decided_at, seq`,
    )
    .all(sessionId) as Array<{ quotaId: string; seq: number; chosenJson: string; reason: string; decidedBy: string; decidedAt: string }>;
  return {
    settings: r.settings,
    quorum: r.quorum,
    attendance: r.attendance,
    dossiers: r.dossiers.map((d) => ({
      dossierId: d.dossierId,
      packetNo: d.packetNo,
      name: d.name,
      score: d.score,
      scorers: d.scorers,
      trimmed: d.trimmed,
      goesToVote: d.goesToVote,
      rounds: d.rounds.map((x) => ({
        roundId: x.roundId,
        number: x.number,
        purpose: x.purpose,
        issued: x.issued,
        returned: x.returned,
        valid: x.valid,
        invalid: x.invalid,
        agree: x.agree,
        disagree: x.disagree,
        abstain: x.abstain,
        eligible: x.eligible,
        recused: x.recused,
        needed: x.needed,
        passed: x.passed,
        void: x.void,
      })),
      outcome: { passedVote: d.outcome.passedVote, quota: d.outcome.quota, cutBy: d.outcome.cutBy, decision: d.outcome.decision },
    })),
    quotas: r.quotas.map((q) => ({
      quota: { id: q.quota.id, scope: q.quota.scope, value: q.quota.value, count: q.quota.count },
      inScope: q.inScope,
      exceedsCandidates: q.exceedsCandidates,
      entries: q.entries.map((e) => ({ dossierId: e.dossierId, rank: e.rank, outcome: e.outcome, reason: e.reason })),
      tie: q.tie,
    })),
    quotaDecisions: decisions.map(({ chosenJson, ...d }) => ({ ...d, chosen: JSON.parse(chosenJson) as string[] })),
  };
}

function rounds(ctx: Ctx, sessionId: string, res: ResultsDoc): RoundDoc[] {
  return roundSummaries(ctx, sessionId).map((r) => {
    const reconciliation = r.dossierIds.map((dossierId) => {
      const row = res.dossiers.find((d) => d.dossierId === dossierId)?.rounds.find((x) => x.roundId === r.id);
      if (!row) throw new AppError('INTERNAL', `round ${r.id} has no result for ${dossierId}`);
      const { roundId: _r, number: _n, purpose: _p, ...counts } = row;
      return { dossierId, ...counts };
    });
    const ballots = roundBallots(ctx.db, sessionId, r.id)
      .map((b) => ({ tracker: b.tracker, dossierId: b.dossierId, choice: b.choice }))
      .sort((a, b) => cmp(a.tracker, b.tracker) || cmp(a.dossierId, b.dossierId));
    return {
      id: r.id,
      number: r.number,
      purpose: r.purpose,
      kind: r.kind,
      quotaId: r.quotaId,
      status: r.status as RoundDoc['status'],
      openedAt: r.openedAt,
      closedAt: r.closedAt ?? r.openedAt,
      voidReason: r.voidReason,
      dossierIds: r.dossierIds,
      roll: [...r.roll].sort(cmp),
      voted: [...r.voted].sort(cmp),
      ballots,
      paperCounts: r.kind === 'paper' ? (paperCounts<PaperCount[]>(ctx.db, sessionId, r.id) ?? []) : null,
      paperEntries: paperEntries(ctx, sessionId, r.id),
      arbitration: arbitrationOf(ctx, sessionId, r.id),
      reconciliation,
    };
  });
}

/** Whether the meeting's later tables and columns (migration 0080: co-signed counts, paper ballots, arbitration) exist. */
function hasColumn(ctx: Ctx, table: string, column: string | null): boolean {
  const cols = ctx.db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as Array<{ name: string }>;
  return column === null ? cols.length > 0 : cols.some((c) => c.name === column);
}

function paperEntries(ctx: Ctx, sessionId: string, roundId: string): RoundDoc['paperEntries'] {
  const ballots = hasColumn(ctx, 'paper_entry', 'ballots_json');
  const rows = ctx.db
    .prepare(
      `SELECT seq, entrant_id AS entrantId, entered_at AS enteredAt, counts_json AS countsJson, ${ballots ? 'ballots_json' : 'NULL'} AS ballotsJson
       FROM paper_entry WHERE session_id = ? AND round_id = ? ORDER BY seq`,
    )
    .all(sessionId, roundId) as Array<{ seq: number; entrantId: string; enteredAt: string; countsJson: string; ballotsJson: string | null }>;
  return rows.map((e) => ({
    seq: e.seq,
    entrantId: e.entrantId,
    enteredAt: e.enteredAt,
    counts: JSON.parse(e.countsJson) as PaperCount[],
    ballots: e.ballotsJson === null ? null : (JSON.parse(e.ballotsJson) as RoundDoc['paperEntries'][number]['ballots']),
  }));
}

function arbitrationOf(ctx: Ctx, sessionId: string, roundId: string): RoundDoc['arbitration'] {
  if (!hasColumn(ctx, 'paper_arbitration', null)) return null;
  return (
    (ctx.db
      .prepare('SELECT entry_seq AS entrySeq, chair_id AS chairId, reason, decided_at AS decidedAt FROM paper_arbitration WHERE session_id = ? AND round_id = ?')
      .get(sessionId, roundId) as RoundDoc['arbitration'] | undefined) ?? null
  );
}

/** The officers' co-signed counts, every signature kept (a later round closing made them sign again); null without any. */
function countReports(ctx: Ctx, sessionId: string): unknown[] | null {
  if (!hasColumn(ctx, 'count_signature', null)) return null;
  const rows = ctx.db
    .prepare(
      `SELECT seq, officer, expert_id AS expertId, keyid, counts_sha256 AS countsSha256, signed_at AS signedAt, envelope_json AS envelopeJson
       FROM count_signature WHERE session_id = ? ORDER BY seq`,
    )
    .all(sessionId) as Array<{ envelopeJson: string } & Record<string, unknown>>;
  return rows.length === 0 ? null : rows.map(({ envelopeJson, ...r }) => ({ ...r, envelope: envelopeOf(envelopeJson) }));
}

function auditLog(ctx: Ctx, sessionId: string, auditCount: number): AuditLogEntryDoc[] {
  return listAudit(ctx.db)
    .filter((e) => e.seq <= auditCount)
    .map((e) => ({
      seq: e.seq,
      prevHash: e.prevHash,
      hash: e.hash,
      // Another session's entry: its hash links the chain, its content is not this committee's to publish.
      entry: e.sessionId !== null && e.sessionId !== sessionId ? null : { sessionId: e.sessionId, at: e.at, actor: e.actor, kind: e.kind, payload: e.payload },
    }));
}

/** Reads every result document for `sessionId`, with the audit chain cut at `auditCount`. */
export function collectResult(ctx: Ctx, sessionId: string, audit: { count: number; head: string }, prints: readonly string[]): CollectedResult {
  const { statements, latest } = latestStatement(ctx, sessionId);
  const meeting = getMeeting(ctx.db, sessionId);
  if (!meeting) throw new AppError('RESULT_BUNDLE_NOT_SIGNED', `no meeting was held for ${sessionId}`, { field: 'sessionId', actual: sessionId });
  const view = meetingResults(ctx, { sessionId });
  const res = results(ctx, sessionId, view);
  const s = ctx.db.prepare('SELECT bundle_version AS v, bundle_hash AS h, issuer_keyid AS k FROM session WHERE id = ?').get(sessionId) as { v: number; h: string; k: string | null };
  const documents = new Map<string, unknown>([
    [
      'data/result.json',
      { formatVersion: 1, sessionId, bundleVersion: s.v, importedBundleHash: s.h, issuerKeyid: s.k, statementVersion: latest.version, auditCount: audit.count, auditHead: audit.head, prints: [...prints].sort(cmp) },
    ],
    ['data/roster.json', roster(ctx, sessionId)],
    [
      'data/recusals.json',
      ctx.db
        .prepare('SELECT expert_id AS expertId, dossier_id AS dossierId, source, status, reason, decided_at AS decidedAt FROM conflict WHERE session_id = ? ORDER BY expert_id, dossier_id')
        .all(sessionId),
    ],
    ['data/sheets.json', sheets(ctx, sessionId)],
    [
      'data/meeting.json',
      {
        openedAt: meeting.openedAt,
        openedBy: meeting.openedBy,
        settings: { quorumBase: meeting.quorumBase, recusedCountInA: meeting.recusedCountInA, maxRevotes: meeting.maxRevotes },
        tellerId: meeting.tellerId,
        scrutineerId: meeting.scrutineerId,
        commitmentText: meeting.commitmentText,
        commitmentTextSha256: createHash('sha256').update(meeting.commitmentText).digest('hex'),
      },
    ],
    [
      'data/commitments.json',
      (
        ctx.db
          .prepare('SELECT expert_id AS expertId, keyid, signed_at AS signedAt, envelope_json AS envelopeJson FROM meeting_commitment WHERE session_id = ? ORDER BY expert_id')
          .all(sessionId) as Array<{ expertId: string; keyid: string; signedAt: string; envelopeJson: string }>
      ).map(({ envelopeJson, ...c }) => ({ ...c, envelope: envelopeOf(envelopeJson) })),
    ],
    ['data/attendance.json', listPresence(ctx.db, sessionId)],
    ['data/rounds.json', rounds(ctx, sessionId, res)],
    ['data/results.json', res],
    ['data/statements.json', statements.map(({ envelopeJson, ...st }) => ({ ...st, envelope: envelopeOf(envelopeJson) }))],
    ['data/audit/log.json', auditLog(ctx, sessionId, audit.count)],
    [
      'data/audit/checkpoints.json',
      listCheckpoints(ctx.db)
        .filter((c) => c.count <= audit.count)
        .sort((a, b) => a.count - b.count || cmp(a.keyid, b.keyid))
        .map(({ id: _id, envelopeJson, ...c }) => ({ ...c, envelope: envelopeOf(envelopeJson) })),
    ],
  ]);
  const counts = countReports(ctx, sessionId);
  if (counts) documents.set('data/count-reports.json', counts);
  return {
    documents,
    statementVersion: latest.version,
    statementSha256: latest.payloadSha256,
    chair: { expertId: latest.signedBy, keyid: latest.keyid },
    tellerId: meeting.tellerId,
    scrutineerId: meeting.scrutineerId,
  };
}
