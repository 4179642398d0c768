// Result bundle documents (docs/bundle-format.md §12.3), as zod schemas: the writer checks what it writes against
// them, the verifier what it reads, and `paneldesk schemas` turns them into resources/schemas/result.*.schema.json.
// Every object is strict: in a result bundle an unknown member is an error, not something to drop.
import { z } from 'zod';
import { Hundredths, Id, Sha256Hex } from '../bundle/schema';
import { DsseEnvelopeDoc, SheetPayloadDoc } from '../bundle/sheets';
import { QUOTA_SCOPES } from '../domain/quotas';
import { PRINT_KINDS } from './layout';

const Time = z.string().min(1).max(40);
const PublicKeyHex = z.string().regex(/^[0-9a-f]{64}$/, 'raw Ed25519 public key, 64 lower-case hex');
const Count = z.number().int().min(0);
const Choice = z.enum(['agree', 'disagree', 'abstain']);
const Tracker = z.string().regex(/^[23456789A-HJ-NP-Z]{4}-[23456789A-HJ-NP-Z]{4}$/, 'tracker XXXX-XXXX');

export const ResultHeaderDoc = z
  .object({
    formatVersion: z.literal(1),
    sessionId: Id,
    bundleVersion: z.number().int().min(1).max(999_999_999),
    importedBundleHash: Sha256Hex,
    issuerKeyid: Sha256Hex.nullable(),
    statementVersion: z.number().int().min(1),
    auditCount: Count,
    auditHead: Sha256Hex,
    prints: z.array(z.enum(PRINT_KINDS)).max(PRINT_KINDS.length),
  })
  .strict();
export type ResultHeaderDoc = z.infer<typeof ResultHeaderDoc>;

const RosterKey = z
  .object({
    keyid: Sha256Hex,
    publicKey: PublicKeyHex,
    createdAt: Time,
    confirmedAt: Time.nullable(),
    revokedAt: Time.nullable(),
    revokeReason: z.string().max(500).nullable(),
  })
  .strict();

export const RosterDoc = z
  .object({
    experts: z.array(z.object({ expertId: Id, keys: z.array(RosterKey).min(1) }).strict()),
    deskKeys: z.array(
      z.object({ role: z.enum(['secretary', 'examiner']), keyid: Sha256Hex, publicKey: PublicKeyHex, createdAt: Time, retiredAt: Time.nullable() }).strict(),
    ),
  })
  .strict();
export type RosterDoc = z.infer<typeof RosterDoc>;

export const RecusalDoc = z
  .object({
    expertId: Id,
    dossierId: Id,
    source: z.enum(['declared', 'suggested', 'manual']),
    status: z.enum(['pending', 'confirmed', 'dismissed']),
    reason: z.string().max(1000),
    decidedAt: Time.nullable(),
  })
  .strict();
export type RecusalDoc = z.infer<typeof RecusalDoc>;

export const ResultSheetDoc = z
  .object({
    expertId: Id,
    dossierId: Id,
    version: z.number().int().min(1),
    submittedAt: Time,
    unlockReason: z.string().max(500).nullable(),
    source: z.enum(['desk', 'merged']),
    envelope: DsseEnvelopeDoc.strict(),
  })
  .strict();
export type ResultSheetDoc = z.infer<typeof ResultSheetDoc>;

export const MeetingSettingsDoc = z
  .object({ quorumBase: z.enum(['all_members', 'sitting_members']), recusedCountInA: z.boolean(), maxRevotes: Count })
  .strict();

export const MeetingDoc = z
  .object({
    openedAt: Time,
    openedBy: Id,
    settings: MeetingSettingsDoc,
    tellerId: Id.nullable(),
    scrutineerId: Id.nullable(),
    commitmentText: z.string().max(20_000),
    commitmentTextSha256: Sha256Hex,
  })
  .strict();
export type MeetingDoc = z.infer<typeof MeetingDoc>;

export const CommitmentRecordDoc = z.object({ expertId: Id, keyid: Sha256Hex, signedAt: Time, envelope: DsseEnvelopeDoc.strict() }).strict();
export type CommitmentRecordDoc = z.infer<typeof CommitmentRecordDoc>;

/** What an expert signs for the commitment (承诺书). */
export const CommitmentPayloadDoc = z
  .object({
    type: z.literal('paneldesk.commitment/v1'),
    sessionId: Id,
    expertId: Id,
    keyid: Sha256Hex,
    textSha256: Sha256Hex,
    auditHead: Sha256Hex,
    auditCount: Count.optional(),
    signedAt: Time,
  })
  .strict();

export const PresenceDoc = z.object({ expertId: Id, arrivedAt: Time, late: z.boolean(), leftAt: Time.nullable() }).strict();

export const PaperCountDoc = z
  .object({ dossierId: Id, issued: Count, returned: Count, valid: Count, invalid: Count, agree: Count, disagree: Count, abstain: Count })
  .strict();

export const ReconciliationDoc = z
  .object({
    dossierId: Id,
    issued: Count,
    returned: Count,
    valid: Count,
    invalid: Count,
    agree: Count,
    disagree: Count,
    abstain: Count,
    eligible: Count,
    recused: Count,
    needed: Count,
    passed: z.boolean(),
    void: z.boolean(),
  })
  .strict();
export type ReconciliationDoc = z.infer<typeof ReconciliationDoc>;

export const RoundDoc = z
  .object({
    id: Id,
    number: z.number().int().min(1),
    purpose: z.enum(['vote', 'tiebreak']),
    kind: z.enum(['electronic', 'paper']),
    quotaId: Id.nullable(),
    status: z.enum(['closed', 'void']),
    openedAt: Time,
    closedAt: Time,
    voidReason: z.string().max(1000).nullable(),
    dossierIds: z.array(Id).min(1),
    roll: z.array(Id),
    voted: z.array(Id),
    ballots: z.array(z.object({ tracker: Tracker, dossierId: Id, choice: Choice }).strict()),
    paperCounts: z.array(PaperCountDoc).nullable(),
    paperEntries: z.array(
      z
        .object({
          seq: z.number().int().min(1),
          entrantId: Id,
          enteredAt: Time,
          counts: z.array(PaperCountDoc),
          /** Entered ballot by ballot: one mark per dossier (in dossierIds order) per paper ballot; null when counts were entered. */
          ballots: z.array(z.array(z.enum(['agree', 'disagree', 'abstain', 'invalid']))).nullable(),
        })
        .strict(),
    ),
    /** Two entries differed after a recount: the chair accepted entry `entrySeq`, with a reason (仲裁). */
    arbitration: z.object({ entrySeq: z.number().int().min(1), chairId: Id, reason: z.string().max(1000), decidedAt: Time }).strict().nullable(),
    reconciliation: z.array(ReconciliationDoc),
  })
  .strict();
export type RoundDoc = z.infer<typeof RoundDoc>;

const CutReason = z.enum(['RANK', 'REVOTE_RANK', 'REVOTE_FAILED', 'CHAIR_DECISION']);
const QuotaOutcomeDoc = z
  .object({
    passedVote: z.boolean(),
    quota: z.enum(['none', 'within', 'cut', 'tie_pending']),
    cutBy: z.object({ quotaId: Id, reason: CutReason }).strict().nullable(),
    decision: z.enum(['passed', 'not_passed', 'pending']),
  })
  .strict();
const PendingTieDoc = z
  .object({ quotaId: Id, dossierIds: z.array(Id), seats: Count, revotesDone: Count, next: z.enum(['revote', 'decision']) })
  .strict();
export const QuotaDecisionDoc = z.object({ quotaId: Id, seq: z.number().int().min(1), chosen: z.array(Id), reason: z.string().max(1000), decidedBy: Id, decidedAt: Time }).strict();

export const ResultsDoc = z
  .object({
    settings: MeetingSettingsDoc,
    quorum: z.object({ base: z.enum(['all_members', 'sitting_members']), n: Count, needed: Count, present: Count, met: z.boolean(), shortBy: Count }).strict(),
    attendance: z.object({ members: Count, present: Count, late: Count, left: Count }).strict(),
    dossiers: z.array(
      z
        .object({
          dossierId: Id,
          packetNo: z.string().min(1).max(20),
          name: z.string().min(1).max(50),
          score: Hundredths.nullable(),
          scorers: Count,
          trimmed: z.boolean(),
          goesToVote: z.boolean(),
          rounds: z.array(ReconciliationDoc.omit({ dossierId: true }).extend({ roundId: Id, number: z.number().int().min(1), purpose: z.enum(['vote', 'tiebreak']) }).strict()),
          outcome: QuotaOutcomeDoc,
        })
        .strict(),
    ),
    quotas: z.array(
      z
        .object({
          quota: z.object({ id: Id, scope: z.enum(QUOTA_SCOPES), value: z.string().min(1).max(200), count: Count }).strict(),
          inScope: Count,
          exceedsCandidates: z.boolean(),
          entries: z.array(z.object({ dossierId: Id, rank: z.number().int().min(1), outcome: z.enum(['within', 'cut', 'tie_pending']), reason: CutReason.nullable() }).strict()),
          tie: PendingTieDoc.nullable(),
        })
        .strict(),
    ),
    quotaDecisions: z.array(QuotaDecisionDoc),
  })
  .strict();
export type ResultsDoc = z.infer<typeof ResultsDoc>;

export const StatementRecordDoc = z
  .object({
    version: z.number().int().min(1),
    signedBy: Id,
    keyid: Sha256Hex,
    payloadSha256: Sha256Hex,
    correctionReason: z.string().max(1000).nullable(),
    signedAt: Time,
    envelope: DsseEnvelopeDoc.strict(),
  })
  .strict();
export type StatementRecordDoc = z.infer<typeof StatementRecordDoc>;

/** What the chair signs (services/meeting-results.ts signResults): results, rounds, settings, audit head. */
export const StatementPayloadDoc = z
  .object({
    type: z.literal('paneldesk.results/v1'),
    sessionId: Id,
    version: z.number().int().min(1),
    chairId: Id,
    keyid: Sha256Hex,
    settings: MeetingSettingsDoc,
    attendance: z.object({ members: Count, present: Count, late: Count, left: Count }).strict(),
    rounds: z.array(
      z
        .object({
          id: Id,
          number: z.number().int().min(1),
          purpose: z.enum(['vote', 'tiebreak']),
          kind: z.enum(['electronic', 'paper']),
          quotaId: Id.nullable(),
          status: z.enum(['open', 'closed', 'void']),
          voidReason: z.string().max(1000).nullable(),
          dossierIds: z.array(Id),
          roll: Count,
          voted: Count,
        })
        .strict(),
    ),
    dossiers: z.array(
      z
        .object({
          dossierId: Id,
          score: Hundredths.nullable(),
          rounds: z.array(
            ReconciliationDoc.pick({ agree: true, disagree: true, abstain: true, invalid: true, issued: true, returned: true, valid: true, eligible: true, passed: true, void: true })
              .extend({ roundId: Id })
              .strict(),
          ),
          quota: z.enum(['none', 'within', 'cut', 'tie_pending']),
          cutBy: z.object({ quotaId: Id, reason: CutReason }).strict().nullable(),
          decision: z.enum(['passed', 'not_passed', 'pending']),
        })
        .strict(),
    ),
    quotaDecisions: z.array(z.object({ quotaId: Id, seq: z.number().int().min(1), chosen: z.array(Id), reason: z.string().max(1000), decidedAt: Time }).strict()),
    /** SHA-256 of the counts the teller and the scrutineer co-signed (计票结果报告单) before the chair signed. */
    countsSha256: Sha256Hex.optional(),
    correctionReason: z.string().max(1000).nullable(),
    previous: Sha256Hex.nullable(),
    auditHead: Sha256Hex,
    auditCount: Count.optional(),
    signedAt: Time,
  })
  .strict();
export type StatementPayloadDoc = z.infer<typeof StatementPayloadDoc>;

export const CountReportRecordDoc = z
  .object({
    seq: z.number().int().min(1),
    officer: z.enum(['teller', 'scrutineer']),
    expertId: Id,
    keyid: Sha256Hex,
    countsSha256: Sha256Hex,
    signedAt: Time,
    envelope: DsseEnvelopeDoc.strict(),
  })
  .strict();

/** What an officer signs for the 计票结果报告单: the counts of every round closed so far. */
export const CountReportPayloadDoc = z
  .object({
    type: z.literal('paneldesk.counts/v1'),
    sessionId: Id,
    officer: z.enum(['teller', 'scrutineer']),
    expertId: Id,
    keyid: Sha256Hex,
    rounds: z.array(
      z
        .object({
          roundId: Id,
          number: z.number().int().min(1),
          kind: z.enum(['electronic', 'paper']),
          status: z.enum(['closed', 'void']),
          voidReason: z.string().max(1000).nullable(),
          counts: z.array(PaperCountDoc),
        })
        .strict(),
    ),
    countsSha256: Sha256Hex,
    auditHead: Sha256Hex,
    auditCount: Count.optional(),
    signedAt: Time,
  })
  .strict();

export const AuditLogEntryDoc = z
  .object({
    seq: z.number().int().min(1),
    prevHash: Sha256Hex,
    hash: Sha256Hex,
    /** null: an entry of another session, withheld (its hash still links the chain). */
    entry: z.object({ sessionId: z.string().max(64).nullable(), at: Time, actor: z.string().max(200), kind: z.string().max(64), payload: z.unknown() }).strict().nullable(),
  })
  .strict();
export type AuditLogEntryDoc = z.infer<typeof AuditLogEntryDoc>;

export const CheckpointRecordDoc = z
  .object({
    count: Count,
    head: Sha256Hex,
    role: z.enum(['secretary', 'examiner', 'chair']),
    sessionId: Id.nullable(),
    expertId: Id.nullable(),
    keyid: Sha256Hex,
    at: Time,
    envelope: DsseEnvelopeDoc.strict(),
  })
  .strict();

/** The seal (§12.4): signed by the chair, the teller and the scrutineer over the bundle hash. No time: same content, same bytes. */
export const SealPayloadDoc = z
  .object({
    type: z.literal('paneldesk.result-seal/v1'),
    sessionId: Id,
    bundleVersion: z.number().int().min(1),
    bundleHash: Sha256Hex,
    statementVersion: z.number().int().min(1),
    statementSha256: Sha256Hex,
    auditCount: Count,
    auditHead: Sha256Hex,
    signers: z.array(z.object({ role: z.enum(['chair', 'teller', 'scrutineer']), expertId: Id, keyid: Sha256Hex }).strict()).min(1).max(3),
  })
  .strict();
export type SealPayloadDoc = z.infer<typeof SealPayloadDoc>;
export type SealSigner = SealPayloadDoc['signers'][number];

/** Every result document's schema, by entry name. */
export const RESULT_DOCUMENT_SCHEMAS = {
  'data/result.json': ResultHeaderDoc,
  'data/roster.json': RosterDoc,
  'data/recusals.json': z.array(RecusalDoc),
  'data/sheets.json': z.array(ResultSheetDoc),
  'data/meeting.json': MeetingDoc,
  'data/commitments.json': z.array(CommitmentRecordDoc),
  'data/attendance.json': z.array(PresenceDoc),
  'data/rounds.json': z.array(RoundDoc),
  'data/results.json': ResultsDoc,
  'data/statements.json': z.array(StatementRecordDoc).min(1),
  'data/count-reports.json': z.array(CountReportRecordDoc),
  'data/audit/log.json': z.array(AuditLogEntryDoc),
  'data/audit/checkpoints.json': z.array(CheckpointRecordDoc),
} as const;
export type ResultDocumentName = keyof typeof RESULT_DOCUMENT_SCHEMAS;

/** Signed payloads inside the bundle, for the JSON Schemas (the score sheet's is §11.2's). */
export const RESULT_PAYLOAD_SCHEMAS = {
  'result.seal-payload': SealPayloadDoc,
  'result.statement-payload': StatementPayloadDoc,
  'result.commitment-payload': CommitmentPayloadDoc,
  'result.count-report-payload': CountReportPayloadDoc,
  'scoresheet-payload': SheetPayloadDoc,
} as const;
