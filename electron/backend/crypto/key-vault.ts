// An expert's Ed25519 private key at rest: sealed with AES-256-GCM under a key derived from the
// passphrase by scrypt (N = 2^17, r = 8, p = 1 by default; parameters travel with the sealed key).
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

export interface SealedKey {
  v: 1;
  kdf: 'scrypt';
  logN: number;
  r: number;
  p: number;
  salt: string;
  nonce: string;
  ct: string;
  tag: string;
}

export const DEFAULT_SCRYPT_LOG_N = 17;

function deriveKey(passphrase: string, s: Pick<SealedKey, 'logN' | 'r' | 'p'>, salt: Buffer): Buffer {
  const N = 2 ** s.logN;
  return scryptSync(passphrase.normalize('NFKC'), salt, 32, { N, r: s.r, p: s.p, maxmem: 256 * N * s.r + 1024 * 1024 });
}

/** `aad` binds the sealed key to its owner (session, expert, key id): it can't be moved to another record. */
export function sealSecretKey(secret: Uint8Array, passphrase: string, aad: string, logN = DEFAULT_SCRYPT_LOG_N): SealedKey {
  const params = { logN, r: 8, p: 1 };
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const key = deriveKey(passphrase, params, salt);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(secret), cipher.final()]);
  key.fill(0);
  return {
    v: 1,
    kdf: 'scrypt',
    ...params,
    salt: salt.toString('base64'),
    nonce: nonce.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** The secret key, or null when the passphrase (or the record) is wrong. The caller wipes it after use. */
export function openSecretKey(sealed: SealedKey, passphrase: string, aad: string): Uint8Array | null {
  const key = deriveKey(passphrase, sealed, Buffer.from(sealed.salt, 'base64'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.nonce, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]));
  } catch {
    return null;
  } finally {
    key.fill(0);
  }
}
