// --wrong-total (examiner training): one score sheet whose signed, stated total differs from the sum of its items.
// The app never writes such a sheet (submitSheet computes the total; the offline merge refuses a mismatch as
// `invalid_scores`), so the demo signs this one itself, with the expert's demo key, and records it with the same query
// functions submitSheet uses. The aggregation still adds the items (migration 0100's trigger), as a verifier must.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { StandardDoc } from '../../../shared/bundle/schema';
import { SHEET_PAYLOAD_TYPE, type SheetPayload } from '../../../shared/bundle/sheets';
import { signDsse } from '../../../shared/crypto/dsse';
import { publicKeyOf } from '../../../shared/crypto/ed25519';
import { keyIdOf } from '../../../shared/crypto/keyid';
import { sheetTotal } from '../../../shared/domain/scoring';
import { utf8Encode } from '../../../shared/text';
import { inTransaction, openDatabase } from '../db/connection';
import { appendAudit, auditAnchorFields } from '../db/queries/audit';
import { storedContentHash } from '../db/queries/dossiers';
import { currentSheet, markSubmitted, sheetScores } from '../db/queries/sheets';

/** Points the stated total is off by (in hundredths). */
export const WRONG_TOTAL_OFFSET = 500;

/** Signs and submits the expert's saved draft with a stated total WRONG_TOTAL_OFFSET above its items' sum. */
export function submitWithWrongTotal(
  dataDir: string,
  a: { sessionId: string; dossierId: string; expertId: string; standard: StandardDoc; secretKey: Uint8Array },
): { stated: number; items: number } {
  const db = openDatabase(dataDir);
  try {
    const row = currentSheet(db, a.sessionId, a.dossierId, a.expertId);
    if (!row || row.status !== 'draft') throw new Error(`no draft of ${a.expertId} for ${a.dossierId}`);
    const scores = sheetScores(db, a.sessionId, a.dossierId, a.expertId, row.version);
    const items = sheetTotal(a.standard.items, scores);
    const keyid = keyIdOf(publicKeyOf(a.secretKey));
    const at = new Date().toISOString();
    inTransaction(db, () => {
      const payload: SheetPayload = {
        type: 'paneldesk.scoresheet/v1',
        sessionId: a.sessionId,
        dossierId: a.dossierId,
        dossierContentHash: storedContentHash(db, a.sessionId, a.dossierId) ?? '',
        standardId: a.standard.id,
        standardVersion: a.standard.version,
        expertId: a.expertId,
        keyid,
        version: row.version,
        scores: a.standard.items.map((it) => ({ itemId: it.id, value: scores[it.id] as number })),
        total: items + WRONG_TOTAL_OFFSET,
        opinion: row.opinion,
        recommendation: row.recommendation,
        ...auditAnchorFields(db),
        signedAt: at,
      };
      const body = canonicalize(payload) ?? '';
      const envelope = signDsse(SHEET_PAYLOAD_TYPE, utf8Encode(body), a.secretKey);
      const payloadSha256 = createHash('sha256').update(body).digest('hex');
      markSubmitted(db, { sessionId: a.sessionId, dossierId: a.dossierId, expertId: a.expertId, version: row.version, at, keyid, envelopeJson: JSON.stringify(envelope), payloadSha256 });
      appendAudit(db, { sessionId: a.sessionId, actor: `expert:${a.expertId}`, kind: 'sheet.submitted', payload: { dossierId: a.dossierId, version: row.version, keyid, payloadSha256 }, at });
    });
    return { stated: items + WRONG_TOTAL_OFFSET, items };
  } finally {
    db.close();
  }
}
