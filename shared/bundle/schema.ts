// Zod schemas of the session bundle's JSON documents (format version 1).
// docs/bundle-format.md is normative; the JSON Schemas shipped in resources/schemas are generated from these.
import { z } from 'zod';

/** Identifiers: ASCII, stable across bundle versions. */
export const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'id: 1-64 ASCII letters, digits, . _ -');
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256');
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');
/** Points are integers in hundredths (2000 = 20 points). */
export const Hundredths = z.number().int().min(0).max(100_000);

export const LEVELS = ['junior', 'intermediate', 'associate_senior', 'senior'] as const;
export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;

export const REVIEW_TYPES = ['normal', 'exceptional', 'green_channel'] as const;
export const ReviewType = z.enum(REVIEW_TYPES);
export type ReviewType = z.infer<typeof ReviewType>;

export const REVIEW_FORMS = ['socialized', 'self_review', 'review_with_appointment'] as const;
export const TIERS = ['senior', 'intermediate', 'junior'] as const;
export const EXPERT_ROLES = ['chair', 'vice_chair', 'member'] as const;
export type ExpertRole = (typeof EXPERT_ROLES)[number];

export const SessionDoc = z.object({
  formatVersion: z.literal(1),
  sessionId: Id,
  // = Bundle-Version of bag-info.txt, at most nine digits (§3.3).
  bundleVersion: z.number().int().min(1).max(999_999_999),
  name: z.string().min(1).max(200),
  committee: z.object({
    name: z.string().min(1).max(200),
    code: z.string().max(64).optional(),
    authority: z.string().max(200).optional(),
    form: z.enum(REVIEW_FORMS),
    tier: z.enum(TIERS),
    series: z.string().max(100).optional(),
    size: z.number().int().min(1).max(500),
  }),
  meeting: z.object({
    date: IsoDate,
    place: z.string().max(200).optional(),
  }),
  settings: z
    .object({
      /** Whether a recused expert still counts in the present total A for that dossier. */
      recusedCountInPresent: z.boolean().default(false),
      expertRecommendation: z.boolean().default(true),
    })
    .default({ recusedCountInPresent: false, expertRecommendation: true }),
});
export type SessionDoc = z.infer<typeof SessionDoc>;

export const ExpertDoc = z.object({
  id: Id,
  name: z.string().min(1).max(50),
  gender: z.enum(['男', '女']).optional(),
  affiliation: z.string().max(200),
  specialty: z.string().max(100),
  title: z.string().max(100).optional(),
  role: z.enum(EXPERT_ROLES),
});
export type ExpertDoc = z.infer<typeof ExpertDoc>;

export const GroupDoc = z.object({
  id: Id,
  name: z.string().min(1).max(100),
  specialty: z.string().max(100).optional(),
  members: z.array(Id).min(1),
  leader: Id.optional(),
});
export type GroupDoc = z.infer<typeof GroupDoc>;

export const EvidenceFieldDoc = z.object({
  id: Id,
  label: z.string().min(1).max(100),
  unit: z.string().max(20).optional(),
  kind: z.enum(['number', 'money', 'count', 'text']),
});

export const BandDoc = z.object({ label: z.string().min(1).max(20), score: Hundredths });

export const ItemDoc = z.object({
  id: Id,
  group: z.string().min(1).max(50),
  label: z.string().min(1).max(200),
  max: Hundredths,
  bands: z.array(BandDoc).optional(),
  guidance: z.string().max(2000).optional(),
  evidence: z.array(Id).default([]),
});
export type ItemDoc = z.infer<typeof ItemDoc>;

export const EligibilityRuleDoc = z.discriminatedUnion('kind', [
  z.object({ id: Id, kind: z.literal('educationMin'), education: z.string().regex(/^\d{2}$/) }),
  z.object({ id: Id, kind: z.literal('yearsInTitleMin'), years: z.number().int().min(0).max(50) }),
  z.object({ id: Id, kind: z.literal('currentTitleIn'), titles: z.array(z.string().min(1)).min(1) }),
  z.object({ id: Id, kind: z.literal('commitmentSigned') }),
]);
export type EligibilityRuleDoc = z.infer<typeof EligibilityRuleDoc>;

export const StandardDoc = z.object({
  id: Id,
  version: z.string().min(1).max(32),
  name: z.string().min(1).max(200),
  series: z.string().min(1).max(100),
  specialty: z.string().min(1).max(100),
  level: Level,
  eligibility: z.array(EligibilityRuleDoc),
  greenChannel: z.object({ allowed: z.boolean(), note: z.string().max(2000).optional() }),
  evidenceFields: z.array(EvidenceFieldDoc),
  items: z.array(ItemDoc).min(1),
  aggregation: z.object({
    method: z.enum(['mean', 'trimmed_mean']),
    minScoreForVote: Hundredths.nullable().default(null),
  }),
});
export type StandardDoc = z.infer<typeof StandardDoc>;

export const QuotaDoc = z.object({
  id: Id,
  scope: z.enum(['level', 'specialty', 'region', 'employer', 'standard']),
  value: z.string().min(1).max(200),
  count: z.number().int().min(0),
});
export type QuotaDoc = z.infer<typeof QuotaDoc>;

export const AttachmentRefDoc = z.object({
  sha256: Sha256Hex,
  name: z.string().min(1).max(200),
  mediaType: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
  size: z.number().int().min(0),
});

export const AchievementDoc = z.object({
  field: Id,
  value: z.union([z.number(), z.string().max(2000)]),
  note: z.string().max(2000).optional(),
});

export const DossierDoc = z.object({
  id: Id,
  packetNo: z.string().min(1).max(20),
  name: z.string().min(1).max(50),
  gender: z.enum(['男', '女']),
  idNumber: z.string().regex(/^\d{17}[\dX]$/, 'ID number: 18 characters'),
  education: z.string().regex(/^\d{2}$/, 'education: GB/T 4658 two-digit code'),
  major: z.string().max(100),
  workStart: IsoDate,
  employer: z.string().min(1).max(200),
  regionCode: z.string().regex(/^\d{6}$/, 'region: GB/T 2260 six-digit code'),
  currentTitle: z.string().max(100),
  currentTitleDate: IsoDate.nullable(),
  series: z.string().min(1).max(100),
  specialty: z.string().min(1).max(100),
  level: Level,
  reviewType: ReviewType,
  standardId: Id,
  groupId: Id,
  commitmentSigned: z.boolean(),
  greenChannelJustification: z.string().max(5000).optional(),
  achievements: z.array(AchievementDoc).default([]),
  attachments: z.array(AttachmentRefDoc).max(50).default([]),
});
export type DossierDoc = z.infer<typeof DossierDoc>;

export const ConflictDoc = z.object({
  expertId: Id,
  dossierId: Id,
  reason: z.string().min(1).max(500),
});
export type ConflictDoc = z.infer<typeof ConflictDoc>;

/** The documents under data/, by entry name. */
export const SESSION_DOCUMENTS = {
  'data/session.json': SessionDoc,
  'data/experts.json': z.array(ExpertDoc),
  'data/groups.json': z.array(GroupDoc),
  'data/standards.json': z.array(StandardDoc),
  'data/quotas.json': z.array(QuotaDoc),
  'data/dossiers.json': z.array(DossierDoc),
  'data/conflicts.json': z.array(ConflictDoc),
} as const;
export type SessionDocumentName = keyof typeof SESSION_DOCUMENTS;

export interface SessionBundleContent {
  session: SessionDoc;
  experts: ExpertDoc[];
  groups: GroupDoc[];
  standards: StandardDoc[];
  quotas: QuotaDoc[];
  dossiers: DossierDoc[];
  conflicts: ConflictDoc[];
}
