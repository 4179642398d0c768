// Expert sheet bundles (docs/bundle-format.md §11.3): every signature is checked against the expert's key
// from the ROSTER (given by the caller), never against the key the bundle carries, so a bundle re-signed
// throughout with a fresh key fails. With the session at hand, every sheet is also checked against it:
// same session, a dossier of the expert's groups, no recusal, unchanged dossier, scores that fit the standard.
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { AppError } from '../errors';
import { utf8Encode } from '../text';
import type { SessionBundleContent } from '../bundle/schema';
import { BAG_INFO_TXT } from '../bundle/layout';
import { EXPERT_SHEET_DOCUMENTS, SHEET_PAYLOAD_TYPE, SheetPayloadDoc, type SheetPayload } from '../bundle/sheets';
import { parseStrictJson } from '../bundle/strict-json';
import { parseDocumentJson } from '../bundle/validate';
import { verifyDsse } from '../crypto/dsse';
import { keyIdOf } from '../crypto/keyid';
import { checkItemScore } from '../domain/scoring';
import type { ReadBag } from './bag';
import { failureOf, pointerOf } from './failures';
import type { VerifyFailure } from './report';
import { checkBagSignature, type TrustedKey } from './session';

export interface SheetBundleDocs {
  sessionId: string;
  expertId: string;
  keyid: string;
  records: Array<{ dossierId: string; version: number; envelope: unknown }>;
}

/** What the sheets are checked against: the session's content and its roster keys, as far as known. */
export interface SessionContext {
  content: SessionBundleContent | null;
  /** expertId → raw Ed25519 public key (hex), from a roster that carries keys (result bundles). */
  rosterKeys: ReadonlyMap<string, string>;
}

const SHEETS = 'data/sheets.json';
const EXPERT = 'data/expert.json';

function parse(bag: ReadBag, name: keyof typeof EXPERT_SHEET_DOCUMENTS): unknown {
  const bytes = bag.documents.get(name);
  if (!bytes) throw new AppError('BUNDLE_FILE_MISSING', `missing ${name}`, { entry: name });
  const r = EXPERT_SHEET_DOCUMENTS[name].safeParse(parseDocumentJson(name, bytes));
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new AppError('BUNDLE_SCHEMA_INVALID', `${name}: ${issue?.message ?? 'invalid'}`, { entry: name, path: issue?.path.join('.') ?? '', reason: issue?.message ?? '' });
  }
  return r.data;
}

/** The two documents, their schemas, and the bag-info ids against data/expert.json. */
export function sheetDocumentsStep(bag: ReadBag): { docs: SheetBundleDocs | null; failures: VerifyFailure[] } {
  try {
    const header = parse(bag, EXPERT) as { sessionId: string; expertId: string; keyid: string; publicKey: string };
    const records = parse(bag, SHEETS) as SheetBundleDocs['records'];
    if (keyIdOf(hexToBytes(header.publicKey)) !== header.keyid) throw new AppError('BUNDLE_BAD_REFERENCE', 'keyid is not the SHA-256 of publicKey', { entry: EXPERT, path: 'keyid', actual: header.keyid });
    for (const [field, value] of [['Session-Id', header.sessionId], ['Expert-Id', header.expertId], ['Key-Id', header.keyid]] as const) {
      if (bag.bagInfo.get(field) !== value) throw new AppError('BUNDLE_BAD_REFERENCE', `${field} differs from ${EXPERT}`, { entry: BAG_INFO_TXT, field, expected: value, actual: bag.bagInfo.get(field) ?? '' });
    }
    return { docs: { sessionId: header.sessionId, expertId: header.expertId, keyid: header.keyid, records }, failures: [] };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { docs: null, failures: [failureOf(err)] };
  }
}

/** Which roster key must have signed: the session's roster key for the expert, else the keys given with --trust. */
export function rosterStep(docs: SheetBundleDocs, session: SessionContext | null, trust: readonly TrustedKey[]): { key: TrustedKey | null; failures: VerifyFailure[] } {
  const failures: VerifyFailure[] = [];
  const content = session?.content;
  if (content && content.session.sessionId !== docs.sessionId) {
    failures.push({ code: 'VERIFY_SESSION_MISMATCH', path: `${EXPERT}#/sessionId`, details: { expected: content.session.sessionId, actual: docs.sessionId } });
  }
  if (content && !content.experts.some((e) => e.id === docs.expertId)) {
    failures.push({ code: 'VERIFY_NOT_ON_ROSTER', path: `${EXPERT}#/expertId`, details: { actual: docs.expertId } });
  }
  const rosterHex = session?.rosterKeys.get(docs.expertId);
  const candidates = rosterHex ? [{ keyid: keyIdOf(hexToBytes(rosterHex)), publicKey: hexToBytes(rosterHex) }] : trust;
  const key = candidates.find((k) => k.keyid === docs.keyid) ?? null;
  if (!key) {
    failures.push({ code: 'BUNDLE_UNTRUSTED_ISSUER', path: `${BAG_INFO_TXT}#Key-Id`, details: { expected: candidates.map((k) => k.keyid).join(',') || null, actual: docs.keyid } });
  }
  return { key: failures.length ? null : key, failures };
}

/** The bag signature and every sheet envelope, with the roster key; each payload against its record. */
export function sheetSignaturesStep(bag: ReadBag, docs: SheetBundleDocs, key: TrustedKey): { payloads: Array<SheetPayload | null>; failures: VerifyFailure[] } {
  const failures: VerifyFailure[] = [];
  const bagFailure = checkBagSignature(bag, [key]);
  if (bagFailure) failures.push(bagFailure);
  const payloads = docs.records.map((rec, i) => {
    const path = `${SHEETS}${pointerOf(`${i}.envelope`)}`;
    const v = verifyDsse(rec.envelope, SHEET_PAYLOAD_TYPE, [key]);
    if (!v.ok) {
      failures.push({ code: 'BUNDLE_SIGNATURE_INVALID', path, details: { reason: v.reason } });
      return null;
    }
    const parsed = parseStrictJson(v.payload, { maxValues: 100_000 });
    const p = parsed.ok ? SheetPayloadDoc.safeParse(parsed.value) : null;
    if (!p?.success) {
      failures.push({ code: 'BUNDLE_SIGNATURE_INVALID', path, details: { reason: 'payload is not a score sheet' } });
      return null;
    }
    const d = p.data;
    const mismatch = ([['sessionId', d.sessionId, docs.sessionId], ['expertId', d.expertId, docs.expertId], ['keyid', d.keyid, key.keyid], ['dossierId', d.dossierId, rec.dossierId], ['version', d.version, rec.version]] as const).find(([, a, b]) => a !== b);
    if (mismatch) {
      failures.push({ code: 'BUNDLE_SIGNATURE_INVALID', path, details: { reason: 'payload differs from its record', field: mismatch[0], expected: mismatch[2], actual: mismatch[1] } });
      return null;
    }
    return d;
  });
  return { payloads, failures };
}

/** Each signed sheet against the session, recomputed with the app's scoring rules (shared/domain/scoring). */
export function sheetContentStep(content: SessionBundleContent, docs: SheetBundleDocs, payloads: ReadonlyArray<SheetPayload | null>): { checked: number; failures: VerifyFailure[] } {
  const failures: VerifyFailure[] = [];
  const dossiers = new Map(content.dossiers.map((d) => [d.id, d]));
  const groups = new Map(content.groups.map((g) => [g.id, g]));
  const standards = new Map(content.standards.map((s) => [s.id, s]));
  const recused = new Set(content.conflicts.filter((c) => c.expertId === docs.expertId).map((c) => c.dossierId));
  let checked = 0;
  payloads.forEach((p, i) => {
    if (!p) return;
    checked++;
    const at = (field: string): string => `${SHEETS}${pointerOf(`${i}.envelope.payload.${field}`)}`;
    const d = dossiers.get(p.dossierId);
    if (!d) return void failures.push({ code: 'VERIFY_DOSSIER_UNKNOWN', path: at('dossierId'), details: { actual: p.dossierId } });
    if (!groups.get(d.groupId)?.members.includes(docs.expertId)) failures.push({ code: 'VERIFY_NOT_ASSIGNED', path: at('dossierId'), details: { actual: p.dossierId, group: d.groupId } });
    if (recused.has(d.id)) failures.push({ code: 'VERIFY_RECUSED', path: at('dossierId'), details: { actual: p.dossierId } });
    const hash = bytesToHex(sha256(utf8Encode(canonicalize(d) ?? '')));
    if (hash !== p.dossierContentHash) failures.push({ code: 'VERIFY_CONTENT_CHANGED', path: at('dossierContentHash'), details: { expected: hash, actual: p.dossierContentHash } });
    const std = standards.get(d.standardId);
    if (!std || std.id !== p.standardId || std.version !== p.standardVersion) {
      return void failures.push({ code: 'VERIFY_SCORES_INVALID', path: at('standardId'), details: { expected: `${d.standardId}@${std?.version ?? ''}`, actual: `${p.standardId}@${p.standardVersion}` } });
    }
    const bad = std.items.findIndex((item, j) => p.scores[j]?.itemId !== item.id || checkItemScore(item, p.scores[j]?.value ?? -1) !== null);
    if (bad >= 0 || p.scores.length !== std.items.length) {
      const j = bad >= 0 ? bad : std.items.length;
      return void failures.push({ code: 'VERIFY_SCORES_INVALID', path: at(`scores.${j}`), details: { expected: std.items[j]?.id ?? null, actual: p.scores[j]?.itemId ?? null } });
    }
    const total = p.scores.reduce((s, x) => s + x.value, 0);
    if (total !== p.total) failures.push({ code: 'VERIFY_SCORES_INVALID', path: at('total'), details: { expected: total, actual: p.total } });
  });
  return { checked, failures };
}
