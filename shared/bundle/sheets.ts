// Expert sheet bundles (docs/bundle-format.md §11): an expert's signed score sheets, carried from their
// own laptop to the secretary's. The same BagIt layout as a session bundle, type "expert-sheets".
import { z } from 'zod';
import { Id, Sha256Hex } from './schema';

export const BUNDLE_TYPE_EXPERT_SHEETS = 'expert-sheets';
export const SHEET_PAYLOAD_TYPE = 'application/vnd.paneldesk.scoresheet+json';

export const DsseEnvelopeDoc = z.object({
  payloadType: z.string().min(1).max(200),
  payload: z.string().max(1_000_000),
  signatures: z.array(z.object({ keyid: z.string().max(128), sig: z.string().max(200) })).min(1).max(8),
});

/** What an expert signs for one version of one sheet (RFC 8785 canonical JSON, DSSE). */
export const SheetPayloadDoc = z
  .object({
    type: z.literal('paneldesk.scoresheet/v1'),
    sessionId: Id,
    dossierId: Id,
    dossierContentHash: Sha256Hex,
    standardId: Id,
    standardVersion: z.string().min(1).max(32),
    expertId: Id,
    keyid: Sha256Hex,
    version: z.number().int().min(1),
    scores: z.array(z.object({ itemId: Id, value: z.number().int().min(0).max(100_000) })),
    total: z.number().int().min(0),
    opinion: z.string().max(5000),
    recommendation: z.enum(['agree', 'disagree', 'abstain']).nullable(),
    auditHead: Sha256Hex,
    /** Entries on the chain at signing (the head's seq); absent in sheets signed before it was recorded. */
    auditCount: z.number().int().min(0).optional(),
    signedAt: z.string().min(1).max(40),
  })
  .strict();
export type SheetPayload = z.infer<typeof SheetPayloadDoc>;

export const ExpertSheetsHeaderDoc = z
  .object({
    formatVersion: z.literal(1),
    sessionId: Id,
    expertId: Id,
    keyid: Sha256Hex,
    /** Raw Ed25519 public key, hex. */
    publicKey: z.string().regex(/^[0-9a-f]{64}$/),
    exportedAt: z.string().min(1).max(40),
  })
  .strict();

export const SheetRecordDoc = z
  .object({
    dossierId: Id,
    version: z.number().int().min(1),
    submittedAt: z.string().min(1).max(40),
    unlockReason: z.string().max(500).nullable(),
    envelope: DsseEnvelopeDoc,
  })
  .strict();

export const EXPERT_SHEET_DOCUMENTS = {
  'data/expert.json': ExpertSheetsHeaderDoc,
  'data/sheets.json': z.array(SheetRecordDoc).max(100_000),
} as const;
