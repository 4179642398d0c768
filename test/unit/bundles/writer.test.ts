import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BAGIT_CONTENT, DSSE_PAYLOAD_TYPE_TAGMANIFEST, parseBagInfo, parseManifest } from '../../../shared/bundle/layout';
import type { SessionBundleContent } from '../../../shared/bundle/schema';
import { toBase64 } from '../../../shared/crypto/base64';
import { verifyDsse } from '../../../shared/crypto/dsse';
import { generateKeyPair } from '../../../shared/crypto/ed25519';
import { keyIdOf } from '../../../shared/crypto/keyid';
import { AppError } from '../../../shared/errors';
import { writeSessionBundle, writeZipAtomic } from '../../../electron/backend/bundles/writer';
import { buildDemoSession } from '../../../electron/backend/demo/demo-session';
import { DOS_2026_01_01, readZip, type ReadEntry } from '../demo/zip-read';

const sha = (b: Uint8Array): string => crypto.createHash('sha256').update(b).digest('hex');
const TAG_ORDER = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt'];
const DOCS = ['conflicts', 'dossiers', 'experts', 'groups', 'quotas', 'session', 'standards'].map((n) => `data/${n}.json`);

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pd-writer-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const small = () => buildDemoSession({ dossiers: 6, experts: 9, attachmentsPerDossier: 2, seed: 3 });

async function writeAndRead(content: SessionBundleContent, blobs: Map<string, Uint8Array>, opts = {}): Promise<{ file: Buffer; entries: ReadEntry[] }> {
  const out = path.join(dir, 'b.pdbundle');
  const written = await writeSessionBundle(out, content, blobs, opts);
  const file = await fs.readFile(out);
  expect(written).toEqual({ bytes: file.length, sha256: sha(file) });
  return { file, entries: await readZip(file) };
}

async function expectRejects(p: Promise<unknown>, code: string, details: Record<string, string>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const e = err as AppError;
  expect(e.code).toBe(code);
  expect(e.details).toMatchObject(details);
  for (const v of Object.values(details)) expect(e.message).toContain(v);
  return e;
}

describe('writeSessionBundle', () => {
  it('lays the bundle out BagIt-style, in the fixed entry order', async () => {
    const { content, blobs } = small();
    const { entries } = await writeAndRead(content, blobs);
    const names = entries.map((e) => e.name);
    expect(names.slice(0, 4)).toEqual(TAG_ORDER);
    const data = names.slice(4);
    expect(data).toEqual([...data].sort());
    expect(data.filter((n) => n.endsWith('.json'))).toEqual(DOCS);
    expect(data.filter((n) => n.startsWith('data/attachments/')).sort()).toEqual([...blobs.keys()].map((h) => `data/attachments/${h}`).sort());
    expect(names.every((n) => /^[\x21-\x7e]+$/.test(n))).toBe(true);
  });

  it('stores attachments, deflates the rest, with a fixed time and mode and no extra fields', async () => {
    const { content, blobs } = small();
    const { entries } = await writeAndRead(content, blobs);
    for (const e of entries) {
      expect(e.method, e.name).toBe(e.name.startsWith('data/attachments/') ? 0 : 8);
      expect(e.mode).toBe(0o100644);
      expect(e.dosDate).toBe(DOS_2026_01_01);
      expect(e.dosTime).toBe(0);
      expect(e.extraFieldIds).toEqual([]);
    }
  });

  it('with compressDocuments: false stores every entry, signature included, with the same contents', async () => {
    const { content, blobs } = small();
    const issuer = { secretKey: new Uint8Array(32).fill(9) };
    const deflated = await writeAndRead(content, blobs, { issuer });
    const stored = await writeAndRead(content, blobs, { issuer, compressDocuments: false });
    expect(stored.entries.map((e) => e.method)).toEqual(stored.entries.map(() => 0));
    expect(deflated.entries.filter((e) => e.method === 8).length).toBe(5 + DOCS.length);
    expect(stored.entries.map((e) => [e.name, sha(e.data)])).toEqual(deflated.entries.map((e) => [e.name, sha(e.data)]));
    expect(stored.file.length).toBeGreaterThan(deflated.file.length);
  });

  it('writes manifests whose hashes match, and bag-info that counts the payload', async () => {
    const { content, blobs } = small();
    const { entries } = await writeAndRead(content, blobs);
    const byName = new Map(entries.map((e) => [e.name, e.data]));
    const text = (n: string): string => byName.get(n)!.toString('utf8');
    expect(text('bagit.txt')).toBe(BAGIT_CONTENT);

    const manifest = parseManifest(text('manifest-sha256.txt'));
    if (!manifest.ok) throw new Error('manifest did not parse');
    const dataEntries = entries.filter((e) => e.name.startsWith('data/'));
    expect([...manifest.entries.keys()]).toEqual(dataEntries.map((e) => e.name));
    for (const e of dataEntries) expect(manifest.entries.get(e.name)).toBe(sha(e.data));

    const tags = parseManifest(text('tagmanifest-sha256.txt'));
    if (!tags.ok) throw new Error('tag manifest did not parse');
    expect([...tags.entries.keys()]).toEqual(['bag-info.txt', 'bagit.txt', 'manifest-sha256.txt']);
    for (const [n, h] of tags.entries) expect(sha(byName.get(n)!)).toBe(h);

    const bytes = dataEntries.reduce((n, e) => n + e.data.length, 0);
    expect(text('bag-info.txt')).toBe(
      'PanelDesk-Bundle-Type: session\nPanelDesk-Format-Version: 1\n' +
        `Session-Id: ${content.session.sessionId}\nBundle-Version: 1\nPayload-Oxum: ${bytes}.${dataEntries.length}\n`,
    );
    expect(parseBagInfo(text('bag-info.txt')).get('Payload-Oxum')).toBe(`${bytes}.${dataEntries.length}`);
  });

  it('writes JSON with 2-space indent and a trailing LF, round-tripping the content', async () => {
    const { content, blobs } = small();
    const { entries } = await writeAndRead(content, blobs);
    const dossiers = entries.find((e) => e.name === 'data/dossiers.json')!.data.toString('utf8');
    expect(dossiers.endsWith('}\n]\n')).toBe(true);
    expect(dossiers).toBe(`${JSON.stringify(content.dossiers, null, 2)}\n`);
    expect(dossiers).toContain('"name": "学历证书.pdf"');
    const session = JSON.parse(entries.find((e) => e.name === 'data/session.json')!.data.toString('utf8'));
    expect(session).toEqual(content.session);
  });

  it('fills schema defaults and drops unknown fields', async () => {
    const { content, blobs } = small();
    const loose = structuredClone(content) as SessionBundleContent & { session: { extra?: string } };
    delete (loose.session as Partial<typeof loose.session>).settings;
    loose.session.extra = 'not in the format';
    const { entries } = await writeAndRead(loose, blobs);
    const session = JSON.parse(entries.find((e) => e.name === 'data/session.json')!.data.toString('utf8'));
    expect(session.settings).toEqual({ recusedCountInPresent: false, expertRecommendation: true });
    expect(session.extra).toBeUndefined();
  });

  it('gives the same bytes for the same input', async () => {
    const a = small();
    const first = await writeAndRead(a.content, a.blobs);
    const b = small();
    const second = await writeAndRead(b.content, b.blobs);
    expect(second.file.equals(first.file)).toBe(true);
  });

  it('stores an attachment two dossiers share once, and leaves out unreferenced blobs', async () => {
    const { content, blobs } = small();
    const shared = content.dossiers[0]!.attachments[0]!;
    content.dossiers[1]!.attachments.push({ ...shared, name: '复印件.pdf' });
    blobs.set(sha(Uint8Array.of(1, 2, 3)), Uint8Array.of(1, 2, 3));
    const { entries } = await writeAndRead(content, blobs);
    const attachments = entries.filter((e) => e.name.startsWith('data/attachments/'));
    expect(attachments).toHaveLength(blobs.size - 1);
    expect(attachments.filter((e) => e.name.endsWith(shared.sha256))).toHaveLength(1);
  });

  it('signs the tag manifest; the signature fails once one byte of it changes', async () => {
    const { content, blobs } = small();
    const issuer = generateKeyPair();
    const { entries } = await writeAndRead(content, blobs, { issuer: { secretKey: issuer.secretKey } });
    expect(entries.map((e) => e.name).slice(0, 5)).toEqual([...TAG_ORDER, 'signature.dsse.json']);
    expect(entries[4]!.method).toBe(8);
    const envelope = JSON.parse(entries[4]!.data.toString('utf8'));
    const tagManifest = new Uint8Array(entries[3]!.data);
    const trusted = [{ keyid: keyIdOf(issuer.publicKey), publicKey: issuer.publicKey }];

    const r = verifyDsse(envelope, DSSE_PAYLOAD_TYPE_TAGMANIFEST, trusted);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.keyid).toBe(keyIdOf(issuer.publicKey));
      expect(r.payload).toEqual(tagManifest);
    }

    const flipped = tagManifest.slice();
    flipped[10] = (flipped[10] as number) ^ 0x01;
    expect(verifyDsse({ ...envelope, payload: toBase64(flipped) }, DSSE_PAYLOAD_TYPE_TAGMANIFEST, trusted)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const stranger = generateKeyPair().publicKey;
    expect(verifyDsse(envelope, DSSE_PAYLOAD_TYPE_TAGMANIFEST, [{ keyid: keyIdOf(stranger), publicKey: stranger }])).toEqual({
      ok: false,
      reason: 'unknown_key',
    });
  });

  it('signs deterministically (Ed25519 has no nonce), so signed bundles are reproducible too', async () => {
    const { content, blobs } = small();
    const issuer = { secretKey: new Uint8Array(32).fill(7) };
    const a = await writeAndRead(content, blobs, { issuer });
    const b = await writeAndRead(content, blobs, { issuer });
    expect(a.file.equals(b.file)).toBe(true);
  });
});

describe('writeSessionBundle refuses bad content, and writes nothing', () => {
  async function expectNothingWritten(): Promise<void> {
    expect(await fs.readdir(dir)).toEqual([]);
  }

  it('names the document and path of a schema error', async () => {
    const { content, blobs } = small();
    content.dossiers[3]!.idNumber = '22010219800101123';
    await expectRejects(writeSessionBundle(path.join(dir, 'x.pdbundle'), content, blobs), 'BUNDLE_SCHEMA_INVALID', {
      file: 'data/dossiers.json',
      path: '[3].idNumber',
    });
    await expectNothingWritten();
  });

  it('rejects a wrong type in the session document', async () => {
    const { content, blobs } = small();
    (content.session.committee as { form: string }).form = 'unknown';
    await expectRejects(writeSessionBundle(path.join(dir, 'x.pdbundle'), content, blobs), 'BUNDLE_SCHEMA_INVALID', {
      file: 'data/session.json',
      path: 'committee.form',
    });
  });

  it('rejects dangling references and duplicate ids', async () => {
    const a = small();
    a.content.dossiers[2]!.groupId = 'g99';
    await expectRejects(writeSessionBundle(path.join(dir, 'x.pdbundle'), a.content, a.blobs), 'BUNDLE_BAD_REFERENCE', {
      file: 'data/dossiers.json',
      path: '[2].groupId',
    });
    const b = small();
    b.content.conflicts[0]!.expertId = 'e999';
    await expectRejects(writeSessionBundle(path.join(dir, 'x.pdbundle'), b.content, b.blobs), 'BUNDLE_BAD_REFERENCE', {
      file: 'data/conflicts.json',
      path: '[0].expertId',
    });
    const c = small();
    c.content.experts[1]!.id = c.content.experts[0]!.id;
    await expectRejects(writeSessionBundle(path.join(dir, 'x.pdbundle'), c.content, c.blobs), 'BUNDLE_SCHEMA_INVALID', {
      file: 'data/experts.json',
      path: '[1].id',
    });
    await expectNothingWritten();
  });

  it('checks every attachment against the blobs: present, size, hash', async () => {
    const a = small();
    const ref = a.content.dossiers[1]!.attachments[1]!;
    a.blobs.delete(ref.sha256);
    await expectRejects(writeSessionBundle(path.join(dir, 'x.pdbundle'), a.content, a.blobs), 'BLOB_NOT_FOUND', {
      file: 'data/dossiers.json',
      path: '[1].attachments[1]',
    });

    const b = small();
    b.content.dossiers[0]!.attachments[0]!.size += 1;
    await expectRejects(writeSessionBundle(path.join(dir, 'x.pdbundle'), b.content, b.blobs), 'BUNDLE_SIZE_MISMATCH', {
      path: '[0].attachments[0]',
    });

    const c = small();
    const victim = c.content.dossiers[0]!.attachments[0]!;
    const bytes = c.blobs.get(victim.sha256)!.slice();
    bytes[bytes.length - 2] = (bytes[bytes.length - 2] as number) ^ 0xff;
    c.blobs.set(victim.sha256, bytes);
    await expectRejects(writeSessionBundle(path.join(dir, 'x.pdbundle'), c.content, c.blobs), 'BUNDLE_HASH_MISMATCH', {
      path: '[0].attachments[0]',
      actual: sha(bytes),
    });
    await expectNothingWritten();
  });

  it('leaves an existing bundle untouched when a write fails, and replaces it whole when one succeeds', async () => {
    const out = path.join(dir, 'b.pdbundle');
    await fs.writeFile(out, 'previous bundle');
    const bad = small();
    bad.content.session.bundleVersion = 0;
    await expect(writeSessionBundle(out, bad.content, bad.blobs)).rejects.toThrow(/session\.json: bundleVersion/);
    expect(await fs.readFile(out, 'utf8')).toBe('previous bundle');

    const good = small();
    await writeSessionBundle(out, good.content, good.blobs);
    expect((await fs.readFile(out)).subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    expect(await fs.readdir(dir)).toEqual(['b.pdbundle']);
  });
});

describe('writeZipAtomic', () => {
  it('removes its temporary file when the target cannot be replaced', async () => {
    const target = path.join(dir, 'taken');
    await fs.mkdir(path.join(target, 'inner'), { recursive: true });
    await expect(writeZipAtomic(target, [{ name: 'a.txt', data: Uint8Array.of(65), compress: true }])).rejects.toThrow();
    expect(await fs.readdir(dir)).toEqual(['taken']);
  });

  it('refuses non-ASCII and duplicate entry names', async () => {
    const e = { data: Uint8Array.of(1), compress: false };
    await expect(writeZipAtomic(path.join(dir, 'z'), [{ ...e, name: 'data/学历.pdf' }])).rejects.toThrow(/ASCII/);
    await expect(writeZipAtomic(path.join(dir, 'z'), [{ ...e, name: 'a' }, { ...e, name: 'a' }])).rejects.toThrow(/duplicate/);
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
