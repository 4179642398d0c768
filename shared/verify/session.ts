// Session bundles (docs/bundle-format.md §1–§10): after the container and manifests, the issuer
// signature (§6.5, step S) and the documents with their cross-references (V13, V14).
import { hexToBytes } from '@noble/hashes/utils.js';
import { AppError } from '../errors';
import type { SessionBundleContent } from '../bundle/schema';
import { parseStrictJson } from '../bundle/strict-json';
import { DSSE_PAYLOAD_TYPE_TAGMANIFEST, SIGNATURE } from '../bundle/layout';
import { validateSessionDocuments } from '../bundle/validate';
import { verifyDsse } from '../crypto/dsse';
import { keyIdOf } from '../crypto/keyid';
import type { ReadBag } from './bag';
import { failureOf } from './failures';
import type { VerifyFailure } from './report';

export interface TrustedKey {
  keyid: string;
  publicKey: Uint8Array;
}

export function trustedKeyOf(publicKeyHex: string): TrustedKey {
  const publicKey = hexToBytes(publicKeyHex);
  return { keyid: keyIdOf(publicKey), publicKey };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** §6.5: a DSSE envelope over the tag manifest, by one of `keys`. Returns the failure, or null. */
export function checkBagSignature(bag: ReadBag, keys: readonly TrustedKey[]): VerifyFailure | null {
  const sig = bag.signature;
  if (!sig) return { code: 'BUNDLE_SIGNATURE_REQUIRED', path: SIGNATURE };
  const parsed = parseStrictJson(sig, { maxValues: 10_000 });
  if (!parsed.ok) return { code: 'BUNDLE_SIGNATURE_INVALID', path: SIGNATURE, details: { reason: parsed.reason, offset: parsed.offset } };
  const v = verifyDsse(parsed.value, DSSE_PAYLOAD_TYPE_TAGMANIFEST, keys);
  if (!v.ok) return { code: v.reason === 'unknown_key' ? 'BUNDLE_UNTRUSTED_ISSUER' : 'BUNDLE_SIGNATURE_INVALID', path: SIGNATURE, details: { reason: v.reason } };
  if (!equalBytes(v.payload, bag.tagManifest)) return { code: 'BUNDLE_SIGNATURE_INVALID', path: SIGNATURE, details: { reason: 'signature covers another tag manifest' } };
  return null;
}

/** Step S: optional unless `required`; when present it must verify with a trusted issuer key. */
export function issuerStep(bag: ReadBag, keys: readonly TrustedKey[], required: boolean): { applicable: boolean; failures: VerifyFailure[] } {
  if (!bag.signature && !required) return { applicable: false, failures: [] };
  const f = checkBagSignature(bag, keys);
  return { applicable: true, failures: f ? [f] : [] };
}

/** V13–V14, with the importer's own functions; the parsed content for later steps, or the failure. */
export function documentsStep(bag: ReadBag): { content: SessionBundleContent | null; failures: VerifyFailure[] } {
  try {
    return { content: validateSessionDocuments(bag.documents, bag.attachments, { sessionId: bag.sessionId, bundleVersion: bag.bundleVersion }), failures: [] };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { content: null, failures: [failureOf(err)] };
  }
}
