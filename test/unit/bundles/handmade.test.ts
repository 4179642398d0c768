// The hand-assembly recipe of docs/bundle-format.md §10 (test/fixtures/handmade-bundle.sh) must give a bundle
// that PanelDesk imports. Each zip tool the recipe names is tried; when one is not installed, the recipe's
// files are zipped in Node instead (ZIP_WITH=none), so the same bundle is always built and imported.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DSSE_PAYLOAD_TYPE_TAGMANIFEST, SIGNATURE } from '../../../shared/bundle/layout';
import { validateSessionDocuments } from '../../../shared/bundle/validate';
import { toBase64 } from '../../../shared/crypto/base64';
import { pae, verifyDsse } from '../../../shared/crypto/dsse';
import { keyIdOf } from '../../../shared/crypto/keyid';
import { AppError } from '../../../shared/errors';
import { readSessionBundle } from '../../../electron/backend/bundles/reader';
import { writeZipAtomic } from '../../../electron/backend/bundles/writer';
import { readZip } from '../demo/zip-read';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'test/fixtures/handmade-bundle.sh');
const sha = (b: Uint8Array): string => crypto.createHash('sha256').update(b).digest('hex');

function installed(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pd-handmade-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

type ZipTool = 'zip' | 'python3';

interface Built {
  file: string;
  /** Who wrote the zip: the named tool, or Node when that tool is missing. */
  zippedBy: ZipTool | 'node';
}

/** Runs the recipe; `edit` may change the staged files before Node zips them (forces ZIP_WITH=none). */
async function handmade(name: string, tool: ZipTool, env: Record<string, string> = {}, edit?: (staged: string) => Promise<void>): Promise<Built> {
  const file = path.join(dir, name);
  const run = (zipWith: string): string =>
    execFileSync('sh', [SCRIPT, file], { cwd: dir, env: { ...process.env, ...env, ZIP_WITH: zipWith }, encoding: 'utf8' });
  if (installed(tool) && !edit) {
    run(tool);
    return { file, zippedBy: tool };
  }
  const names = run('none').split(/\s+/).filter(Boolean);
  const staged = `${file}.d`;
  if (edit) await edit(staged);
  // A signature the edit added goes right after the tag files, where the recipe puts it.
  const signed = !names.includes(SIGNATURE) && (await fs.stat(path.join(staged, SIGNATURE)).catch(() => null)) !== null;
  if (signed) names.splice(4, 0, SIGNATURE);
  const entries = await Promise.all(names.map(async (n) => ({ name: n, data: new Uint8Array(await fs.readFile(path.join(staged, n))), compress: false })));
  await writeZipAtomic(file, entries);
  await fs.rm(staged, { recursive: true });
  return { file, zippedBy: 'node' };
}

async function importBundle(file: string) {
  const dataDir = path.join(dir, `store-${path.basename(file)}`);
  await fs.mkdir(dataDir);
  const bundle = await readSessionBundle(file, { dataDir });
  const content = validateSessionDocuments(bundle.documents, bundle.attachments, { sessionId: bundle.sessionId, bundleVersion: bundle.bundleVersion });
  return { bundle, content };
}

describe('the hand-assembled bundle of docs/bundle-format.md §10', { timeout: 60_000 }, () => {
  it.each<ZipTool>(['zip', 'python3'])('imports when zipped with %s (or with Node if it is missing)', async (tool) => {
    const { file } = await handmade(`${tool}.pdbundle`, tool);
    const { bundle, content } = await importBundle(file);
    expect(bundle.sessionId).toBe('handmade-2026');
    expect(bundle.bundleVersion).toBe(1);
    expect(bundle.signature).toBeNull();
    expect(content.session.settings).toEqual({ recusedCountInPresent: false, expertRecommendation: true });
    expect(content.experts.map((e) => e.role)).toEqual(['chair', 'vice_chair', 'member']);
    expect(content.standards[0]?.aggregation).toEqual({ method: 'mean', minScoreForVote: null });
    const [attachment] = content.dossiers[0]!.attachments;
    expect(attachment).toMatchObject({ name: '业绩证明.png', mediaType: 'image/png', size: 70 });
    expect(bundle.attachments).toEqual(new Map([[attachment!.sha256, { size: 70, head: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }]]));
    expect(bundle.newBlobs).toEqual([attachment!.sha256]);
    expect(content.conflicts).toEqual([{ expertId: 'e3', dossierId: 'd1', reason: '同事关系：申报人曾在该委员所在单位任职' }]);
    expect(bundle.bagInfo.get('Payload-Oxum')).toBe(`${[...bundle.documents.values()].reduce((n, d) => n + d.length, 70)}.8`);
  });

  it('holds the same files, stored, whichever tool zipped it', async () => {
    const built = [await handmade('a.pdbundle', 'zip'), await handmade('b.pdbundle', 'python3'), await handmade('c.pdbundle', 'zip', {}, async () => undefined)];
    expect(built[2]!.zippedBy).toBe('node');
    const listings = await Promise.all(built.map(async (b) => (await readZip(await fs.readFile(b.file))).map((e) => ({ name: e.name, method: e.method, sha: sha(e.data) }))));
    expect(listings[0]!.map((e) => e.name).slice(0, 4)).toEqual(['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt']);
    expect(listings[0]!.every((e) => e.method === 0)).toBe(true);
    expect(listings[1]).toEqual(listings[0]);
    expect(listings[2]).toEqual(listings[0]);
  });

  it('is refused once a document changes after the manifest was written', async () => {
    const { file } = await handmade('edited.pdbundle', 'zip', {}, async (staged) => {
      const f = path.join(staged, 'data/quotas.json');
      await fs.writeFile(f, '[ ]\n');
    });
    const err = await importBundle(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('BUNDLE_HASH_MISMATCH');
    expect((err as AppError).details).toMatchObject({ entry: 'data/quotas.json', manifest: 'manifest-sha256.txt', line: 6 });
  });

  it.each(['openssl', 'node'] as const)('carries an issuer signature over the tag manifest, made with %s, that verifies', async (via) => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    const rawPublic = new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url'));
    const keyFile = path.join(dir, 'issuer.pem');
    await fs.writeFile(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    let file: string;
    if (via === 'openssl' && installed('openssl')) {
      ({ file } = await handmade('signed.pdbundle', 'zip', { ISSUER_KEY: keyFile }));
    } else {
      // Step 5 of the recipe in Node: PAE, Ed25519 signature, keyid = SHA-256 of the raw public key.
      ({ file } = await handmade('signed.pdbundle', 'zip', {}, async (staged) => {
        const tagManifest = new Uint8Array(await fs.readFile(path.join(staged, 'tagmanifest-sha256.txt')));
        const sig = crypto.sign(null, pae(DSSE_PAYLOAD_TYPE_TAGMANIFEST, tagManifest), privateKey);
        const envelope = { payloadType: DSSE_PAYLOAD_TYPE_TAGMANIFEST, payload: toBase64(tagManifest), signatures: [{ keyid: keyIdOf(rawPublic), sig: toBase64(sig) }] };
        await fs.writeFile(path.join(staged, SIGNATURE), `${JSON.stringify(envelope)}\n`);
      }));
    }
    const names = (await readZip(await fs.readFile(file))).map((e) => e.name);
    expect(names.slice(0, 5)).toEqual(['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', SIGNATURE]);
    const { bundle } = await importBundle(file);
    const envelope: unknown = JSON.parse(Buffer.from(bundle.signature!).toString('utf8'));
    const r = verifyDsse(envelope, DSSE_PAYLOAD_TYPE_TAGMANIFEST, [{ keyid: keyIdOf(rawPublic), publicKey: rawPublic }]);
    expect(r.ok).toBe(true);
    if (r.ok) expect(Buffer.from(r.payload).equals(Buffer.from(bundle.tagManifest))).toBe(true);
    expect(verifyDsse(envelope, DSSE_PAYLOAD_TYPE_TAGMANIFEST, [])).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('is printed verbatim in docs/bundle-format.md', async () => {
    const doc = await fs.readFile(path.join(ROOT, 'docs/bundle-format.md'), 'utf8');
    expect(doc).toContain(await fs.readFile(SCRIPT, 'utf8'));
  });
});
