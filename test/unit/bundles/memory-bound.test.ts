// Memory stays bounded on hostile bundles (issue: a 1.9 MB bundle of seven highly compressible documents
// imported at 2.5 GB peak RSS). Each bundle is imported through the contract in a child process, whose
// peak RSS (getrusage, includes the runtime and tsx) must stay ≤ 300 MiB, and each must be refused.
// Figures are printed for the record; the only assertion is the memory bound and the refusal.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemoSession } from '../../../electron/backend/demo/demo-session';
import { bagEntries, sessionBundleEntries, writeZipAtomic } from '../../../electron/backend/bundles/writer';
import type { ZipEntry } from '../../../electron/backend/bundles/writer';
import { BUNDLE_TYPE_SESSION } from '../../../shared/bundle/layout';
import { rawZip, toRaw } from '../../fixtures/bundles/make-zip';
import { writeFile } from '../../fixtures/bundles/session-bundle';
import { tmpDir } from '../../fixtures/tmp';

const CHILD = path.resolve(import.meta.dirname, '../../fixtures/bundles/import-rss-child.ts');
const MiB = 1024 * 1024;

function importInChild(file: string): { code: string; peakRssMiB: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, file], { encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(out.trim().split('\n').pop() as string) as { code: string; peakRssMiB: number };
}

/** The demo's data entries, with `replace` swapping documents; manifests recomputed. */
function demoData(replace: Record<string, { data: Buffer; compress: boolean }>): { entries: ZipEntry[]; ids: { sessionId: string; bundleVersion: number } } {
  const demo = buildDemoSession();
  const data = sessionBundleEntries(demo.content, demo.blobs)
    .filter((e) => e.name.startsWith('data/'))
    .map((e) => (replace[e.name] ? { name: e.name, ...replace[e.name] } as ZipEntry : e));
  const { sessionId, bundleVersion } = demo.content.session;
  return { entries: bagEntries(BUNDLE_TYPE_SESSION, { sessionId, bundleVersion }, data, { compress: true }), ids: { sessionId, bundleVersion } };
}

async function demoFile(dir: string, name: string, replace: Record<string, { data: Buffer; compress: boolean }>): Promise<string> {
  const file = path.join(dir, name);
  await writeZipAtomic(file, demoData(replace).entries);
  return file;
}

describe('peak memory of hostile imports (child process, ≤ 300 MiB each)', () => {
  it('refuses every memory bomb within the bound', async () => {
    const dir = tmpDir('pd-rss-');
    const cases: Array<[string, string]> = [];
    // 1. Seven documents, each a small deflate stream declaring 256 MiB (the 1.9 MB bundle of the report).
    const seven = demoData({}).entries.map((e) => {
      const raw = toRaw({ name: e.name, data: Buffer.from(e.data), compress: e.compress });
      return /^data\/[a-z]+\.json$/.test(e.name) ? { ...raw, data: Buffer.alloc(256 * 1024, 0x20), method: 8, declaredSize: 256 * MiB } : raw;
    });
    cases.push(['seven 256 MiB documents in a small file', await writeFile(dir, 'seven.pdbundle', rawZip(seven))]);
    // 2. A 30 MiB document that deflates 1000:1 (within the per-document cap, over the ratio).
    const spaces = Buffer.concat([Buffer.from('['), Buffer.alloc(30 * MiB - 2, 0x20), Buffer.from(']')]);
    cases.push(['a 30 MiB document deflated 1000:1', await demoFile(dir, 'ratio.pdbundle', { 'data/dossiers.json': { data: spaces, compress: true } })]);
    // 3. A stored 31 MiB document of one string: parsed, then refused by the schema.
    const str = Buffer.from(`["${'a'.repeat(31 * MiB)}"]`);
    cases.push(['a stored 31 MiB string', await demoFile(dir, 'string.pdbundle', { 'data/dossiers.json': { data: str, compress: false } })]);
    // 4. Close to a million empty objects: parsed, then refused by the schema.
    const objects = Buffer.from(`[${'{},'.repeat(990_000)}{}]`);
    cases.push(['990,000 empty objects', await demoFile(dir, 'objects.pdbundle', { 'data/dossiers.json': { data: objects, compress: false } })]);
    // 5. Ten million numbers in 20 MiB: refused by the value count before anything is built.
    const numbers = Buffer.from(`[${'0,'.repeat(10_000_000)}0]`);
    cases.push(['ten million numbers', await demoFile(dir, 'numbers.pdbundle', { 'data/dossiers.json': { data: numbers, compress: false } })]);
    // 6. Nesting a million levels deep.
    const deep = Buffer.from(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`);
    cases.push(['a million levels of nesting', await demoFile(dir, 'deep.pdbundle', { 'data/experts.json': { data: deep, compress: false } })]);

    const results = cases.map(([what, file]) => ({ what, ...importInChild(file) }));
    console.log(results.map((r) => `${r.what}: ${r.code}, peak RSS ${r.peakRssMiB} MiB`).join('\n'));
    for (const r of results) {
      expect(r.code, r.what).toMatch(/^BUNDLE_(TOO_LARGE|SCHEMA_INVALID)$/);
      expect(r.peakRssMiB, r.what).toBeLessThanOrEqual(300);
    }
  }, 300_000);
});
