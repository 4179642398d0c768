import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromBase64, toBase64 } from '../../../shared/crypto/base64';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('base64', () => {
  it('matches the RFC 4648 §10 test vectors', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(toBase64(ascii(plain))).toBe(encoded);
      expect(fromBase64(encoded)).toEqual(ascii(plain));
    }
  });

  it('agrees with Node for any bytes and round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const enc = toBase64(bytes);
        expect(enc).toBe(Buffer.from(bytes).toString('base64'));
        expect(fromBase64(enc)).toEqual(bytes);
      }),
    );
  });

  it.each(['Zg', 'Zg=', 'Z===', '====', 'Zm=v', 'Zh==', 'Zm9=', 'Zm9v\n', ' Zm9v', 'Zm9v-_==', 'Zm9vYg==Zm9v', 'Zé=='])(
    'rejects malformed or non-canonical %j',
    (text) => {
      expect(fromBase64(text)).toBeNull();
    },
  );
});
