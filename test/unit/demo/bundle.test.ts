import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseManifest } from '../../../shared/bundle/layout';
import { SESSION_DOCUMENTS } from '../../../shared/bundle/schema';
import { writeDemoBundle } from '../../../electron/backend/demo/write-demo';
import { DOS_2026_01_01, readZip, type ReadEntry } from './zip-read';

const COMMITTED = path.resolve(__dirname, '../../../resources/demo/demo-session.pdbundle');
const sha = (b: Uint8Array): string => crypto.createHash('sha256').update(b).digest('hex');

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pd-demo-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function demoBundle(name: string, opts = {}): Promise<Buffer> {
  const out = path.join(dir, name);
  await writeDemoBundle(out, opts);
  return fs.readFile(out);
}

/** The manifest lists exactly the data/ entries, and every hash matches. */
function expectManifestMatches(entries: ReadEntry[]): void {
  const manifest = parseManifest(entries.find((e) => e.name === 'manifest-sha256.txt')!.data.toString('utf8'));
  if (!manifest.ok) throw new Error(`manifest line ${manifest.line}: ${manifest.reason}`);
  const data = entries.filter((e) => e.name.startsWith('data/'));
  expect(new Set(manifest.entries.keys())).toEqual(new Set(data.map((e) => e.name)));
  for (const e of data) expect(sha(e.data), e.name).toBe(manifest.entries.get(e.name));
}

describe('demo session bundle', () => {
  it('is byte-identical when built twice, and identical to resources/demo/demo-session.pdbundle', async () => {
    const a = await demoBundle('a.pdbundle');
    const b = await demoBundle('b.pdbundle');
    expect(b.equals(a)).toBe(true);
    const committed = await fs.readFile(COMMITTED);
    // On failure: the generator changed; run `npm run build:demo` and commit the new bundle.
    expect(sha(a), 'resources/demo/demo-session.pdbundle is stale: run npm run build:demo').toBe(sha(committed));
  });

  it('has the documented entries, every one stored, and a manifest that matches', async () => {
    const entries = await readZip(await fs.readFile(COMMITTED));
    const names = entries.map((e) => e.name);
    expect(names.slice(0, 4)).toEqual(['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt']);
    expect(names.filter((n) => n.endsWith('.json')).sort()).toEqual(Object.keys(SESSION_DOCUMENTS).sort());
    const attachments = entries.filter((e) => e.name.startsWith('data/attachments/'));
    expect(attachments.length).toBeGreaterThan(30);
    for (const e of attachments) expect(e.name).toBe(`data/attachments/${sha(e.data)}`);
    // Nothing deflated, so no zlib build can change the bytes (docs/bundle-format.md §9).
    for (const e of entries) {
      expect(e.method, e.name).toBe(0);
      expect(e.flags, e.name).toBe(0x800);
      expect(e.mode, e.name).toBe(0o100644);
      expect([e.dosDate, e.dosTime], e.name).toEqual([DOS_2026_01_01, 0]);
      expect(e.extraFieldIds, e.name).toEqual([]);
    }
    expectManifestMatches(entries);

    // The JSON inside passes the schemas.
    for (const [name, schema] of Object.entries(SESSION_DOCUMENTS)) {
      const doc = JSON.parse(entries.find((e) => e.name === name)!.data.toString('utf8'));
      expect(schema.safeParse(doc).success, name).toBe(true);
    }
  });

  it('scales to 1000 dossiers as a valid bundle', { timeout: 60_000 }, async () => {
    const file = await demoBundle('big.pdbundle', { dossiers: 1000, experts: 25, attachmentsPerDossier: 2, seed: 7 });
    const entries = await readZip(file);
    expect(entries.filter((e) => e.name.startsWith('data/attachments/'))).toHaveLength(2000);
    expectManifestMatches(entries);
    const dossiers = JSON.parse(entries.find((e) => e.name === 'data/dossiers.json')!.data.toString('utf8'));
    expect(SESSION_DOCUMENTS['data/dossiers.json'].safeParse(dossiers).success).toBe(true);
    expect(dossiers).toHaveLength(1000);
    const bagInfo = entries.find((e) => e.name === 'bag-info.txt')!.data.toString('utf8');
    expect(bagInfo).toMatch(/^Payload-Oxum: \d+\.2007$/m);
  });
});
