// The issuer's DSSE signature over the tag manifest, checked against the keys the secretary trusts.
import { AppError } from '../../../shared/errors';
import { DSSE_PAYLOAD_TYPE_TAGMANIFEST } from '../../../shared/bundle/layout';
import { verifyDsse } from '../../../shared/crypto/dsse';
import { utf8Decode } from '../../../shared/text';

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
  let envelope: unknown;
  try {
    envelope = JSON.parse(utf8Decode(signature));
  } catch {
    throw new AppError('BUNDLE_SIGNATURE_INVALID', 'signature is not UTF-8 JSON', { entry });
  }
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
