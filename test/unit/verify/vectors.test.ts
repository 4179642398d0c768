// docs/vectors: every vector verifies to exactly its committed report, and scripts/make-vectors.ts
// regenerates exactly the committed files (another implementation is checked against these).
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeVectors, verifyCase, type VectorCase } from '../../../scripts/make-vectors';
import { tmpDir } from '../../fixtures/tmp';

const DIR = path.resolve('docs/vectors');

async function cases(): Promise<VectorCase[]> {
  return JSON.parse(await fs.readFile(path.join(DIR, 'vectors.json'), 'utf8')) as VectorCase[];
}

describe('docs/vectors', () => {
  it('verifies every vector to exactly its committed report', async () => {
    const all = await cases();
    expect(all.length).toBeGreaterThanOrEqual(16);
    for (const v of all) {
      const expected = JSON.parse(await fs.readFile(path.join(DIR, `${v.name}.report.json`), 'utf8')) as { valid: boolean };
      expect(expected.valid, v.name).toBe(v.valid);
      expect(await verifyCase(DIR, v), v.name).toEqual(expected);
    }
  });

  it('regenerates byte-identical files with scripts/make-vectors.ts (all but the randomly keyed age file, whose report the test above checks)', async () => {
    const out = tmpDir('pd-vectors-');
    await makeVectors(out);
    const committed = (await fs.readdir(DIR, { recursive: true })).filter((f) => !f.endsWith('.age')).sort();
    const made = (await fs.readdir(out, { recursive: true })).filter((f) => !f.endsWith('.age') && !f.includes('.tmp-')).sort();
    expect(made).toEqual(committed);
    for (const f of committed) {
      if ((await fs.stat(path.join(DIR, f))).isDirectory()) continue;
      expect(Buffer.compare(await fs.readFile(path.join(out, f)), await fs.readFile(path.join(DIR, f))), f).toBe(0);
    }
  }, 60_000);
});
