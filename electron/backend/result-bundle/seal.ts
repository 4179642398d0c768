// The seal (§12.4): one DSSE envelope over the bundle hash, the statement and the audit position, with one
// signature each by the chair, the teller and the scrutineer, in that order. No time in it: the same content
// sealed by the same keys gives the same bytes (Ed25519 is deterministic).
import canonicalize from 'canonicalize';
import { toBase64 } from '../../../shared/crypto/base64';
import { signDsse, type DsseEnvelope } from '../../../shared/crypto/dsse';
import { SEAL_PAYLOAD_TYPE } from '../../../shared/result-bundle/layout';
import type { SealPayloadDoc } from '../../../shared/result-bundle/schema';
import { utf8Encode } from '../../../shared/text';

export function sealPayloadBytes(p: SealPayloadDoc): Uint8Array {
  return utf8Encode(canonicalize(p) ?? '');
}

/** Signs the payload with each signer's unlocked key (by key id), in the order of `p.signers`. */
export function signSeal(p: SealPayloadDoc, secretKeys: ReadonlyMap<string, Uint8Array>): DsseEnvelope {
  const body = sealPayloadBytes(p);
  const signatures = p.signers.flatMap((s) => {
    const key = secretKeys.get(s.keyid);
    if (!key) throw new Error(`no unlocked key for seal signer ${s.role}`);
    return signDsse(SEAL_PAYLOAD_TYPE, body, key).signatures;
  });
  return { payloadType: SEAL_PAYLOAD_TYPE, payload: toBase64(body), signatures };
}
