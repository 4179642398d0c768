import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { hexToBytes } from '@noble/hashes/utils.js';
import { fingerprintOf, keyIdOf } from '../../../shared/crypto/keyid';

const PK = hexToBytes('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');

describe('key ids', () => {
  it('is the lower-case hex SHA-256 of the raw 32-byte public key', () => {
    const id = keyIdOf(PK);
    expect(id).toBe(crypto.createHash('sha256').update(PK).digest('hex'));
    expect(id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prints the first 16 hex digits in groups of four', () => {
    const id = keyIdOf(PK);
    const fp = fingerprintOf(id);
    expect(fp).toMatch(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/);
    expect(fp.replaceAll(' ', '')).toBe(id.slice(0, 16));
    expect(fingerprintOf('ab12cd34ef567890' + '0'.repeat(48))).toBe('ab12 cd34 ef56 7890');
  });

  it('refuses keys and ids of the wrong shape', () => {
    expect(() => keyIdOf(PK.subarray(1))).toThrow(/32 bytes/);
    expect(() => fingerprintOf('AB12'.repeat(16))).toThrow(/key id/);
    expect(() => fingerprintOf('ab12')).toThrow(/key id/);
  });
});
