// The user guide's screenshots: every picture it shows is in docs/screens, taken at 1366×768, and nothing there is unused.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const docs = path.resolve(import.meta.dirname, '../../../docs');
const guide = fs.readFileSync(path.join(docs, 'user-guide.md'), 'utf8');
const shown = [...guide.matchAll(/!\[[^\]]*\]\(screens\/([^)]+)\)/g)].map((m) => m[1] as string);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('the user guide’s screenshots', () => {
  it('shows pictures, each present in docs/screens at 1366×768', () => {
    expect(shown.length).toBeGreaterThanOrEqual(15);
    for (const f of shown) expect(pngSize(path.join(docs, 'screens', f)), f).toEqual([1366, 768]);
  });

  it('keeps no picture it does not show', () => {
    expect(fs.readdirSync(path.join(docs, 'screens')).sort()).toEqual([...new Set(shown)].sort());
  });
});
