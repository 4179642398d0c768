import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIdNumber, idNumberCheckChar, maskIdNumber } from '../../../shared/domain/id-number';

// Check characters computed by hand: Σ(digit·weight) mod 11 → "10X98765432".
describe('idNumberCheckChar (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002', 'X'], // the standard's own example: Σ = 167, 167 mod 11 = 2 → X
    ['44052418800101001', '4'], // the standard's other example: Σ = 195, mod 11 = 8 → 4
    ['22010219800101123', '4'], // Σ = 140, mod 11 = 8 → 4
    ['22010419750715234', 'X'], // Σ = 255, mod 11 = 2 → X
    ['22020319851230001', '3'], // Σ = 185, mod 11 = 9 → 3
  ])('%s → %s', (first17, check) => {
    expect(idNumberCheckChar(first17)).toBe(check);
  });
});

describe('checkIdNumber', () => {
  it.each(['11010519491231002X', '220102198001011234', '22010419750715234X', '220203198512300013'])(
    'accepts %s',
    (id) => {
      expect(checkIdNumber(id)).toBeNull();
    },
  );

  it('rejects a wrong check digit', () => {
    expect(checkIdNumber('220102198001011235')).toBe('checksum');
    expect(checkIdNumber('110105194912310021')).toBe('checksum'); // X expected
    expect(checkIdNumber('22010219800101123X')).toBe('checksum');
  });

  it('rejects an impossible birth date (Feb 30, month 13, day 00, Feb 29 of a common year)', () => {
    expect(checkIdNumber('220102198002301234')).toBe('birthdate');
    expect(checkIdNumber('220102198013011234')).toBe('birthdate');
    expect(checkIdNumber('220102198001001234')).toBe('birthdate');
    expect(checkIdNumber('220102198102291234')).toBe('birthdate');
  });

  it('accepts Feb 29 of a leap year when the check digit fits', () => {
    const first17 = '22010219800229123';
    expect(checkIdNumber(first17 + idNumberCheckChar(first17))).toBeNull();
  });

  it('rejects birth years before 1900, even the standard’s own 1880 example (no applicant is that old)', () => {
    const first17 = '22010218991231123';
    expect(checkIdNumber(first17 + idNumberCheckChar(first17))).toBe('birthdate');
    expect(checkIdNumber('440524188001010014')).toBe('birthdate');
    const y1900 = '22010219000101123';
    expect(checkIdNumber(y1900 + idNumberCheckChar(y1900))).toBeNull();
  });

  it('rejects wrong lengths and characters, including a lower-case x', () => {
    expect(checkIdNumber('22010219800101123')).toBe('length');
    expect(checkIdNumber('2201021980010112345')).toBe('length');
    expect(checkIdNumber('')).toBe('length');
    expect(checkIdNumber('11010519491231002x')).toBe('characters');
    expect(checkIdNumber('2201021980O1011234')).toBe('characters');
    expect(checkIdNumber('X20102198001011234')).toBe('characters');
  });

  it('property: changing any one of the first 17 digits breaks the checksum (or the date)', () => {
    const valid = '220102198001011234';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const digit = (Number(valid[pos]) + delta) % 10;
        const changed = valid.slice(0, pos) + String(digit) + valid.slice(pos + 1);
        expect(checkIdNumber(changed)).not.toBeNull();
      }),
    );
  });
});

describe('maskIdNumber', () => {
  it('keeps the region prefix and the last four', () => {
    expect(maskIdNumber('220102198001011234')).toBe('2201**********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('masks short strings entirely, so nothing leaks', () => {
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('')).toBe('');
  });

  it('keeps the length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        expect(maskIdNumber(s)).toHaveLength(s.length);
      }),
    );
  });
});
