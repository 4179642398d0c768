// Resident ID numbers (GB 11643-1999): 17 digits + check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '?';
}

export type IdNumberProblem = 'length' | 'characters' | 'birthdate' | 'checksum';

export function checkIdNumber(id: string): IdNumberProblem | null {
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return 'birthdate';
  }
  return idNumberCheckChar(id.slice(0, 17)) === id[17] ? null : 'checksum';
}

/** 220102198001011234 → 2201**********1234: region prefix and last four stay. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}
