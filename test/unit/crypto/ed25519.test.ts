import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { ed25519SelfTest, generateKeyPair, publicKeyOf, signEd25519, verifyEd25519 } from '../../../shared/crypto/ed25519';

// RFC 8032 §7.1 TEST 2, checked here independently of the module's own copy.
const SK = hexToBytes('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
const PK = '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c';
const SIG =
  '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00';
const MSG = Uint8Array.of(0x72);

/** Node's own Ed25519 (OpenSSL), as an independent implementation. */
function nodePublicKey(pk: Uint8Array): crypto.KeyObject {
  return crypto.createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pk]), format: 'der', type: 'spki' });
}

describe('ed25519', () => {
  it('passes the RFC 8032 self-test', () => {
    expect(ed25519SelfTest()).toBe(true);
  });

  it('derives the RFC 8032 TEST 2 key and signature', () => {
    expect(bytesToHex(publicKeyOf(SK))).toBe(PK);
    expect(bytesToHex(signEd25519(MSG, SK))).toBe(SIG);
    expect(verifyEd25519(hexToBytes(SIG), MSG, hexToBytes(PK))).toBe(true);
  });

  it('produces signatures that OpenSSL verifies, and verifies OpenSSL signatures', () => {
    const { secretKey, publicKey } = generateKeyPair();
    expect(secretKey).toHaveLength(32);
    expect(publicKeyOf(secretKey)).toEqual(publicKey);
    const msg = new TextEncoder().encode('评审台 score sheet');
    const sig = signEd25519(msg, secretKey);
    expect(crypto.verify(null, msg, nodePublicKey(publicKey), sig)).toBe(true);

    const nodeKeys = crypto.generateKeyPairSync('ed25519');
    const raw = new Uint8Array(nodeKeys.publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
    expect(verifyEd25519(new Uint8Array(crypto.sign(null, msg, nodeKeys.privateKey)), msg, raw)).toBe(true);
  });

  it('rejects a changed message, another key, wrong lengths and a non-canonical S', () => {
    const sig = hexToBytes(SIG);
    const pk = hexToBytes(PK);
    expect(verifyEd25519(sig, Uint8Array.of(0x73), pk)).toBe(false);
    expect(verifyEd25519(sig, MSG, generateKeyPair().publicKey)).toBe(false);
    expect(verifyEd25519(sig.subarray(0, 63), MSG, pk)).toBe(false);
    expect(verifyEd25519(sig, MSG, pk.subarray(0, 31))).toBe(false);
    expect(verifyEd25519(sig, MSG, new Uint8Array(32).fill(0xff))).toBe(false);

    // S + L (the classic malleability) must be rejected: RFC 8032 requires S < L.
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    let s = 0n;
    for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(sig[32 + i] as number);
    let t = s + L;
    const malleated = sig.slice();
    for (let i = 0; i < 32; i++) {
      malleated[32 + i] = Number(t & 0xffn);
      t >>= 8n;
    }
    expect(verifyEd25519(malleated, MSG, pk)).toBe(false);
  });
});
