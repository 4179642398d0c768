// Ed25519 (RFC 8032) through @noble/curves: the same code in Node, Electron and the browser.
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

export interface Ed25519KeyPair {
  /** 32-byte seed (RFC 8032 "secret key"). */
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export function generateKeyPair(): Ed25519KeyPair {
  const { secretKey, publicKey } = ed25519.keygen();
  return { secretKey, publicKey };
}

export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey);
}

export function signEd25519(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return ed25519.sign(message, secretKey);
}

/** Strict RFC 8032 verification (not ZIP 215), for non-repudiation; never throws. */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

// RFC 8032 §7.1, TEST 1 (empty message) and TEST 2 (one byte 0x72).
const VECTORS = [
  {
    secretKey: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    secretKey: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
] as const;

/** Known-answer test, run at start-up: key derivation, signing and verification must match RFC 8032. */
export function ed25519SelfTest(): boolean {
  try {
    for (const v of VECTORS) {
      const sk = hexToBytes(v.secretKey);
      const msg = hexToBytes(v.message);
      const pk = publicKeyOf(sk);
      if (bytesToHex(pk) !== v.publicKey) return false;
      const sig = signEd25519(msg, sk);
      if (bytesToHex(sig) !== v.signature) return false;
      if (!verifyEd25519(sig, msg, pk)) return false;
      const tampered = sig.slice();
      tampered[0] = (tampered[0] as number) ^ 1;
      if (verifyEd25519(tampered, msg, pk)) return false;
    }
    return true;
  } catch {
    return false;
  }
}
