// Expert sheet bundles (docs/bundle-format.md §11.3): read and checked here once, for the secretary's
// merge and for `paneldesk inspect`. Every signature is verified against a key the caller trusts (the
// key on record for the expert, or one given to inspect), never against the key the bundle carries:
// a bundle re-signed throughout with a fresh key names a key nobody trusts and is refused.
import { createHash } from 'node:crypto';
import { hexToBytes } from '@noble/hashes/utils.js';
import { AppError } from '../../../shared/errors';
import { BAG_INFO_TXT, DSSE_PAYLOAD_TYPE_TAGMANIFEST, SIGNATURE } from '../../../shared/bundle/layout';
import { BUNDLE_TYPE_EXPERT_SHEETS, EXPERT_SHEET_DOCUMENTS, SHEET_PAYLOAD_TYPE, SheetPayloadDoc, type SheetPayload } from '../../../shared/bundle/sheets';
import { parseStrictJson } from '../../../shared/bundle/strict-json';
import { parseDocumentJson } from '../../../shared/bundle/validate';
import { verifyDsse } from '../../../shared/crypto/dsse';
import { keyIdOf } from '../../../shared/crypto/keyid';
import type { BundleKind } from './bag';
import { inspectSessionBundle, type InspectOptions } from './reader';

export const SHEETS_KIND: BundleKind = { type: BUNDLE_TYPE_EXPERT_SHEETS, documents: new Set(Object.keys(EXPERT_SHEET_DOCUMENTS)) };

export interface SheetRecord {
  dossierId: string;
  version: number;
  submittedAt: string;
  unlockReason: string | null;
  envelope: unknown;
}

export interface ExpertSheetBundle {
  /** SHA-256 of the tag manifest (§1). */
  bundleHash: string;
  sessionId: string;
  expertId: string;
  /** The key the bundle says signed it: a candidate only, until it is found on record or trusted. */
  keyid: string;
  publicKey: Uint8Array;
  records: SheetRecord[];
  tagManifest: Uint8Array;
  signature: Uint8Array | null;
}

function parseDoc<N extends keyof typeof EXPERT_SHEET_DOCUMENTS>(documents: ReadonlyMap<string, Uint8Array>, name: N): unknown {
  const bytes = documents.get(name);
  if (!bytes) throw new AppError('BUNDLE_FILE_MISSING', `missing ${name}`, { entry: name });
  const r = EXPERT_SHEET_DOCUMENTS[name].safeParse(parseDocumentJson(name, bytes));
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new AppError('BUNDLE_SCHEMA_INVALID', `${name}: ${issue?.message ?? 'invalid'}`, { entry: name, path: issue?.path.join('.') ?? '', reason: issue?.message ?? '' });
  }
  return r.data;
}

/** The container, manifests, documents and ids of an expert sheet bundle (§11.3); no signature is trusted yet. */
export async function readExpertSheetBundle(file: string, opts: InspectOptions = {}): Promise<ExpertSheetBundle> {
  const b = await inspectSessionBundle(file, { ...opts, kind: SHEETS_KIND });
  const header = parseDoc(b.documents, 'data/expert.json') as { sessionId: string; expertId: string; keyid: string; publicKey: string };
  const records = parseDoc(b.documents, 'data/sheets.json') as SheetRecord[];
  const publicKey = hexToBytes(header.publicKey);
  if (keyIdOf(publicKey) !== header.keyid) throw new AppError('BUNDLE_BAD_REFERENCE', 'keyid is not the SHA-256 of publicKey', { entry: 'data/expert.json', path: 'keyid', actual: header.keyid });
  const ids: Array<[string, string, string]> = [
    ['Session-Id', header.sessionId, 'sessionId'],
    ['Expert-Id', header.expertId, 'expertId'],
    ['Key-Id', header.keyid, 'keyid'],
  ];
  for (const [field, value, path] of ids) {
    if (b.bagInfo.get(field) !== value) {
      throw new AppError('BUNDLE_BAD_REFERENCE', `${BAG_INFO_TXT} ${field} differs from data/expert.json ${path}`, { entry: BAG_INFO_TXT, field, expected: value, actual: b.bagInfo.get(field) ?? '' });
    }
  }
  return {
    bundleHash: createHash('sha256').update(b.tagManifest).digest('hex'),
    sessionId: header.sessionId,
    expertId: header.expertId,
    keyid: header.keyid,
    publicKey,
    records,
    tagManifest: b.tagManifest,
    signature: b.signature,
  };
}

/**
 * The bag signature (§11.3: required, DSSE over the tag manifest) against `trusted` only. A bundle whose
 * key is not the trusted one is BUNDLE_UNTRUSTED_ISSUER, whatever it carries.
 */
export function verifySheetBag(bundle: ExpertSheetBundle, trusted: { keyid: string; publicKey: Uint8Array }): void {
  const entry = SIGNATURE;
  if (!bundle.signature) throw new AppError('BUNDLE_SIGNATURE_REQUIRED', 'sheet bundle is not signed', { entry });
  if (bundle.keyid !== trusted.keyid) {
    throw new AppError('BUNDLE_UNTRUSTED_ISSUER', 'the sheet bundle is signed with another key than the one on record for the expert', {
      entry: 'data/expert.json',
      expected: trusted.keyid,
      actual: bundle.keyid,
    });
  }
  const parsed = parseStrictJson(bundle.signature, { maxValues: 10_000 });
  if (!parsed.ok) throw new AppError('BUNDLE_SIGNATURE_INVALID', `signature is not I-JSON: ${parsed.reason}`, { entry, reason: parsed.reason });
  const v = verifyDsse(parsed.value, DSSE_PAYLOAD_TYPE_TAGMANIFEST, [trusted]);
  if (!v.ok) {
    if (v.reason === 'unknown_key') throw new AppError('BUNDLE_UNTRUSTED_ISSUER', 'the bag signature names another key than the one on record', { entry });
    throw new AppError('BUNDLE_SIGNATURE_INVALID', `sheet bundle signature does not verify (${v.reason})`, { entry });
  }
  if (Buffer.compare(Buffer.from(v.payload), Buffer.from(bundle.tagManifest)) !== 0) {
    throw new AppError('BUNDLE_SIGNATURE_INVALID', 'signature covers another tag manifest', { entry });
  }
}

/** One sheet's envelope against the trusted key, and its payload against its record; null when it does not verify. */
export function verifySheetRecord(bundle: ExpertSheetBundle, rec: SheetRecord, trusted: { keyid: string; publicKey: Uint8Array }): { payload: SheetPayload; payloadBytes: Uint8Array } | null {
  const v = verifyDsse(rec.envelope, SHEET_PAYLOAD_TYPE, [trusted]);
  if (!v.ok) return null;
  let payload: SheetPayload;
  try {
    const parsed = parseStrictJson(v.payload, { maxValues: 100_000 });
    if (!parsed.ok) return null;
    payload = SheetPayloadDoc.parse(parsed.value);
  } catch {
    return null;
  }
  if (payload.sessionId !== bundle.sessionId || payload.expertId !== bundle.expertId || payload.dossierId !== rec.dossierId || payload.version !== rec.version || payload.keyid !== trusted.keyid) {
    return null;
  }
  return { payload, payloadBytes: v.payload };
}
