// DSSE envelopes (github.com/secure-systems-lab/dsse, protocol v1) signed with Ed25519.
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { fromBase64, toBase64 } from './base64';
import { signEd25519, publicKeyOf, verifyEd25519 } from './ed25519';
import { keyIdOf } from './keyid';

export interface DsseSignature {
  keyid: string;
  /** base64 of the 64-byte Ed25519 signature over PAE(payloadType, payload). */
  sig: string;
}

export interface DsseEnvelope {
  payloadType: string;
  /** base64 of the payload bytes. */
  payload: string;
  signatures: DsseSignature[];
}

export type DsseVerifyResult =
  | { ok: true; keyid: string; payload: Uint8Array }
  | { ok: false; reason: 'malformed' | 'payload_type' | 'unknown_key' | 'bad_signature' };

/** Pre-authentication encoding: "DSSEv1" SP len(type) SP type SP len(body) SP body (lengths in bytes, decimal). */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = utf8ToBytes(payloadType);
  const head = utf8ToBytes(`DSSEv1 ${type.length} `);
  const mid = utf8ToBytes(` ${payload.length} `);
  const out = new Uint8Array(head.length + type.length + mid.length + payload.length);
  out.set(head, 0);
  out.set(type, head.length);
  out.set(mid, head.length + type.length);
  out.set(payload, head.length + type.length + mid.length);
  return out;
}

export function signDsse(payloadType: string, payload: Uint8Array, secretKey: Uint8Array): DsseEnvelope {
  const sig = signEd25519(pae(payloadType, payload), secretKey);
  return {
    payloadType,
    payload: toBase64(payload),
    signatures: [{ keyid: keyIdOf(publicKeyOf(secretKey)), sig: toBase64(sig) }],
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Accepts the envelope when any signature whose keyid names a trusted key verifies.
 * 'unknown_key': no signature names a trusted key; 'bad_signature': one did, but none verified.
 */
export function verifyDsse(
  envelope: unknown,
  expectedPayloadType: string,
  trusted: ReadonlyArray<{ keyid: string; publicKey: Uint8Array }>,
): DsseVerifyResult {
  if (!isRecord(envelope)) return { ok: false, reason: 'malformed' };
  const { payloadType, payload, signatures } = envelope;
  if (typeof payloadType !== 'string' || typeof payload !== 'string' || !Array.isArray(signatures) || signatures.length === 0) {
    return { ok: false, reason: 'malformed' };
  }
  const body = fromBase64(payload);
  if (!body) return { ok: false, reason: 'malformed' };
  const parsed: Array<{ keyid: string; sig: Uint8Array }> = [];
  for (const s of signatures) {
    if (!isRecord(s) || typeof s.keyid !== 'string' || typeof s.sig !== 'string') return { ok: false, reason: 'malformed' };
    const sig = fromBase64(s.sig);
    if (!sig) return { ok: false, reason: 'malformed' };
    parsed.push({ keyid: s.keyid, sig });
  }
  if (payloadType !== expectedPayloadType) return { ok: false, reason: 'payload_type' };
  const message = pae(payloadType, body);
  let named = false;
  for (const s of parsed) {
    for (const key of trusted) {
      if (key.keyid !== s.keyid) continue;
      named = true;
      if (verifyEd25519(s.sig, message, key.publicKey)) return { ok: true, keyid: key.keyid, payload: body };
    }
  }
  return { ok: false, reason: named ? 'bad_signature' : 'unknown_key' };
}
