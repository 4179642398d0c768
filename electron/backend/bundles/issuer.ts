// The issuer's DSSE signature over the tag manifest, checked against the keys the secretary trusts.
import { AppError } from '../../../shared/errors';
import { DSSE_PAYLOAD_TYPE_TAGMANIFEST } from '../../../shared/bundle/layout';
import { verifyDsse } from '../../../shared/crypto/dsse';
import { parseStrictJson } from '../../../shared/bundle/strict-json';

export interface IssuerTrust {
  /** Refuse unsigned bundles. */
  required: boolean;
  keys: Array<{ keyid: string; publicKey: Uint8Array }>;
}

/** The issuer's key id, or null for an unsigned bundle that the trust settings allow. */
export function checkIssuerSignature(signature: Uint8Array | null, tagManifest: Uint8Array, trust: IssuerTrust): string | null {
  const entry = 'signature.dsse.json';
  if (!signature) {
    if (trust.required) throw new AppError('BUNDLE_SIGNATURE_REQUIRED', 'bundle is not signed by an issuer', { entry });
    return null;
  }
  // I-JSON as every document (§4.0): two "payload" members must not mean one thing to us and another elsewhere.
  const parsed = parseStrictJson(signature, { maxValues: 10_000 });
  if (!parsed.ok) throw new AppError('BUNDLE_SIGNATURE_INVALID', `signature is not I-JSON: ${parsed.reason}`, { entry, reason: parsed.reason, offset: parsed.offset });
  const envelope = parsed.value;
  const res = verifyDsse(envelope, DSSE_PAYLOAD_TYPE_TAGMANIFEST, trust.keys);
  if (!res.ok) {
    if (res.reason === 'unknown_key') throw new AppError('BUNDLE_UNTRUSTED_ISSUER', 'signed by a key that is not a trusted issuer', { entry });
    throw new AppError('BUNDLE_SIGNATURE_INVALID', `issuer signature does not verify (${res.reason})`, { entry });
  }
  if (Buffer.compare(Buffer.from(res.payload), Buffer.from(tagManifest)) !== 0) {
    throw new AppError('BUNDLE_SIGNATURE_INVALID', 'signature covers another tag manifest', { entry });
  }
  return res.keyid;
}
