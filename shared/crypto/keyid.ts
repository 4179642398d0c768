// Key ids and printed fingerprints of Ed25519 public keys.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export const KEY_ID_PATTERN = /^[0-9a-f]{64}$/;

/** Lower-case hex SHA-256 of the 32-byte raw public key. */
export function keyIdOf(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new Error(`Ed25519 public key must be 32 bytes, got ${publicKey.length}`);
  return bytesToHex(sha256(publicKey));
}

/** First 16 hex digits of the key id in groups of four ("ab12 cd34 ef56 7890"), printed on the minutes. */
export function fingerprintOf(keyId: string): string {
  if (!KEY_ID_PATTERN.test(keyId)) throw new Error('not a key id (64 lower-case hex digits)');
  return keyId.slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ');
}
