// The bundle reader against crafted hostile archives: each is refused with its exact code and details,
// leaves no file in the store (staged or committed), and leaves a blob the store already held untouched.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { ErrorCode, ErrorDetails } from '../../../shared/errors';
import { BAG_INFO_TXT, BAGIT_TXT, MANIFEST, SIGNATURE, TAG_MANIFEST, attachmentEntry } from '../../../shared/bundle/layout';
import { blobPath } from '../../../electron/backend/blobs/paths';
import { inspectSessionBundle, readSessionBundle } from '../../../electron/backend/bundles/reader';
import type { BundleLimits } from '../../../electron/backend/bundles/reader';
import { localHeaderOffset, patchCentral, patchLocal, rawZip, toRaw, yazlZip } from '../../fixtures/bundles/make-zip';
import type { RawEntry, ZipInput } from '../../fixtures/bundles/make-zip';
import { ATTACHMENTS, BAG_INFO, bundleFiles, replaceData, sha256, withManifests, writeFile } from '../../fixtures/bundles/session-bundle';
import { blobFiles } from '../../fixtures/bundles/store-snapshot';
import { inspectBundle } from '../../../electron/cli/commands/inspect';

let tmp: string;
let dataDir: string;
/** The store's files before each read: one attachment of the test bundle, already stored. */
let baseline: Map<string, string>;
const HELD = ATTACHMENTS[0] as Buffer;
const HELD_PATH = `sha256/${sha256(HELD).slice(0, 2)}/${sha256(HELD)}`;

beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pd-hostile-'));
  dataDir = path.join(tmp, 'data');
  await fs.mkdir(path.dirname(blobPath(dataDir, sha256(HELD))), { recursive: true });
  await fs.writeFile(blobPath(dataDir, sha256(HELD)), HELD);
  baseline = await blobFiles(dataDir);
  expect([...baseline.keys()]).toEqual([HELD_PATH]);
});
afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** Reads `zip` (a read, then an inspect): both must fail with `code` and `details`, the store unchanged. */
async function expectRefused(zip: Buffer, code: ErrorCode, details: ErrorDetails = {}, limits?: Partial<BundleLimits>): Promise<AppError> {
  const file = await writeFile(tmp, 'hostile.pdbundle', zip);
  const err = await readSessionBundle(file, { dataDir, ...(limits ? { limits } : {}) }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'the read should fail').toBeInstanceOf(AppError);
  const appErr = err as AppError;
  expect({ code: appErr.code, details: appErr.details }).toMatchObject({ code, details });
  // No temp file, no new blob; the blob that was there still has its bytes.
  expect(await blobFiles(dataDir)).toEqual(baseline);
  expect((await fs.readFile(blobPath(dataDir, sha256(HELD)))).equals(HELD)).toBe(true);
  const inspected = await inspectSessionBundle(file, limits ? { limits } : {}).catch((e: unknown) => e);
  expect((inspected as AppError).code).toBe(code);
  // `paneldesk inspect` (default limits) reaches the same verdict as the importer.
  if (!limits) {
    const report = await inspectBundle(file, { required: false, publicKeysHex: [] });
    expect({ valid: report.valid, code: report.error?.code }).toEqual({ valid: false, code });
  }
  return appErr;
}

const valid = (): ZipInput[] => bundleFiles();
/** The valid bundle plus hand-made entries, written header by header. */
const rawWith = (...extra: RawEntry[]): Buffer => rawZip([...valid().map(toRaw), ...extra]);
const junk = Buffer.from('{}');

describe('entry names', () => {
  it.each([
    ['../x', 'parent-folder segment'],
    ['data/../../x', 'parent-folder segment'],
    ['/etc/x', 'absolute path'],
    ['C:/x', 'drive letter'],
    ['data\\session2.json', 'backslash'],
    ['data//x.json', 'empty path segment'],
    ['./bagit2.txt', 'current-folder segment'],
  ])('refuses %j (%s)', async (name, reason) => {
    await expectRefused(rawWith({ name, data: junk }), 'BUNDLE_BAD_ENTRY_NAME', { entry: name, reason });
  });

  it('refuses a control character, naming the entry with it escaped', async () => {
    await expectRefused(rawWith({ name: 'data/x\n.json', data: junk }), 'BUNDLE_BAD_ENTRY_NAME', { entry: 'data/x\\x0a.json', reason: 'control character' });
  });

  it('refuses a GBK-encoded (non-UTF-8, non-ASCII) name', async () => {
    // "data/附件.json" in GBK, without the UTF-8 flag.
    const gbk = Buffer.concat([Buffer.from('data/'), Buffer.from([0xb8, 0xbd, 0xbc, 0xfe]), Buffer.from('.json')]);
    const err = await expectRefused(rawWith({ name: gbk, data: junk, flags: 0 }), 'BUNDLE_BAD_ENTRY_NAME', { reason: 'non-ASCII character' });
    expect(err.details?.entry).toBe(gbk.toString('latin1'));
  });

  it('refuses a UTF-8 Chinese name', async () => {
    await expectRefused(rawWith({ name: 'data/附件.json', data: junk }), 'BUNDLE_BAD_ENTRY_NAME', { entry: 'data/附件.json', reason: 'non-ASCII character' });
  });

  it('refuses a name that an Info-ZIP Unicode Path field would replace', async () => {
    const extra = Buffer.concat([Buffer.from([0x75, 0x70, 10, 0]), Buffer.from([1, 0, 0, 0, 0]), Buffer.from('x.txt')]);
    await expectRefused(rawWith({ name: 'data/notes.json', data: junk, extra }), 'BUNDLE_BAD_ENTRY_NAME', { entry: 'data/notes.json' });
  });
});

describe('duplicates', () => {
  it('refuses the same name twice', async () => {
    await expectRefused(rawWith({ name: 'data/session.json', data: junk, method: 8 }), 'BUNDLE_DUPLICATE_ENTRY', {
      entry: 'data/session.json',
      duplicateOf: 'data/session.json',
    });
  });

  it('refuses names equal after case folding', async () => {
    await expectRefused(rawWith({ name: 'data/A.json', data: junk }, { name: 'data/a.json', data: junk }), 'BUNDLE_DUPLICATE_ENTRY', {
      entry: 'data/a.json',
      duplicateOf: 'data/A.json',
    });
  });

  it('refuses names equal after NFKC folding, in either order', async () => {
    // U+FF53 FULLWIDTH LATIN SMALL LETTER S folds to "s".
    await expectRefused(rawWith({ name: 'data/ｓession.json', data: junk }), 'BUNDLE_DUPLICATE_ENTRY', {
      entry: 'data/ｓession.json',
      duplicateOf: 'data/session.json',
    });
    await expectRefused(rawZip([{ name: 'data/ﬁle.json', data: junk }, { name: 'data/FILE.json', data: junk }, ...valid().map(toRaw)]), 'BUNDLE_DUPLICATE_ENTRY', {
      entry: 'data/FILE.json',
      duplicateOf: 'data/ﬁle.json',
    });
  });
});

describe('file types, methods, encryption', () => {
  it('refuses a symbolic link', async () => {
    const zip = await yazlZip([...valid(), { name: 'data/link', data: Buffer.from('/etc/passwd'), mode: 0o120777 }]);
    await expectRefused(zip, 'BUNDLE_SYMLINK', { entry: 'data/link', reason: 'symbolic link', mode: '120777' });
  });

  it('refuses any other non-regular file (a FIFO)', async () => {
    await expectRefused(rawWith({ name: 'data/pipe', data: Buffer.alloc(0), mode: 0o10644 }), 'BUNDLE_SYMLINK', { entry: 'data/pipe', mode: '10644' });
  });

  it('refuses compression method 12 (bzip2)', async () => {
    await expectRefused(rawWith({ name: 'data/extra.json', data: junk, method: 12 }), 'BUNDLE_BAD_COMPRESSION', {
      entry: 'data/extra.json',
      expected: '0 or 8',
      actual: '12',
    });
  });

  it('refuses a deflated attachment', async () => {
    const files = valid().map((f) => (f.name.startsWith('data/attachments/') ? { ...f, compress: true } : f));
    await expectRefused(await yazlZip(files), 'BUNDLE_BAD_COMPRESSION', { entry: attachmentEntry(sha256(HELD)), expected: '0', actual: '8' });
  });

  it('refuses an entry with the encryption flag', async () => {
    await expectRefused(rawWith({ name: 'data/secret.json', data: junk, flags: 0x801 }), 'BUNDLE_ENCRYPTED_ENTRY', { entry: 'data/secret.json' });
  });

  it('refuses strong encryption', async () => {
    await expectRefused(rawWith({ name: 'data/secret.json', data: junk, method: 8, flags: 0x841 }), 'BUNDLE_ENCRYPTED_ENTRY', {
      entry: 'data/secret.json',
      reason: 'strong encryption (bit 6)',
    });
  });

  it('refuses the encryption flag with its own code even when a stored entry declares equal sizes', async () => {
    // No 12-byte encryption header counted in: a reader checking sizes first would say SIZE_MISMATCH.
    const zip = rawWith({ name: 'data/secret.json', data: junk, flags: 0x801, declaredCompressedSize: junk.length });
    await expectRefused(zip, 'BUNDLE_ENCRYPTED_ENTRY', { entry: 'data/secret.json', reason: 'encryption (bit 0)' });
  });

  it('refuses a folder entry that is a symbolic link as a symlink (§2.3)', async () => {
    await expectRefused(rawZip([{ name: 'data/', data: Buffer.alloc(0), mode: 0o120777 }, ...valid().map(toRaw)]), 'BUNDLE_SYMLINK', {
      entry: 'data/',
      reason: 'symbolic link',
    });
  });

  it('refuses a folder entry with content as a bad entry', async () => {
    await expectRefused(rawZip([{ name: 'data/', data: Buffer.from('x') }, ...valid().map(toRaw)]), 'BUNDLE_BAD_ENTRY_NAME', {
      entry: 'data/',
      reason: 'folder entry with content',
    });
  });

  it('refuses a folder other than data/ and data/attachments/', async () => {
    await expectRefused(rawWith({ name: 'docs/', data: Buffer.alloc(0) }), 'BUNDLE_FILE_NOT_IN_MANIFEST', { entry: 'docs/' });
  });
});

describe('caps and sizes', () => {
  it('refuses more entries than limits.maxEntries before reading them', async () => {
    await expectRefused(await yazlZip(valid()), 'BUNDLE_TOO_MANY_ENTRIES', { limit: 5, actual: String(valid().length) }, { maxEntries: 5 });
  });

  it('refuses a declared total over limits.maxTotalBytes', async () => {
    const total = valid().reduce((n, f) => n + f.data.length, 0);
    await expectRefused(await yazlZip(valid()), 'BUNDLE_TOO_LARGE', { limit: 1000, actual: String(total) }, { maxTotalBytes: 1000 });
  });

  it('refuses a document over limits.maxDocumentBytes', async () => {
    await expectRefused(await yazlZip(valid()), 'BUNDLE_TOO_LARGE', { entry: BAG_INFO_TXT, limit: 100 }, { maxDocumentBytes: 100 });
  });

  it('refuses a document declaring 4 GiB under the default caps', async () => {
    await expectRefused(rawWith({ name: 'data/big.json', data: junk, method: 8, declaredSize: 0xfffffff0 }), 'BUNDLE_TOO_LARGE', {
      entry: 'data/big.json',
      limit: 32 * 1024 * 1024,
    });
  });

  it('refuses a deflated entry that inflates to more than it declares', async () => {
    const files = valid().map(toRaw).map((e) => (e.name === 'data/session.json' ? { ...e, declaredSize: e.data.length - 7 } : e));
    const err = await expectRefused(rawZip(files), 'BUNDLE_SIZE_MISMATCH', { entry: 'data/session.json' });
    expect(err.details?.reason).toMatch(/too many bytes/);
  });

  it('refuses a deflated entry that inflates to less than it declares', async () => {
    const files = valid().map(toRaw).map((e) => (e.name === 'data/experts.json' ? { ...e, declaredSize: e.data.length + 100 } : e));
    await expectRefused(rawZip(files), 'BUNDLE_SIZE_MISMATCH', { entry: 'data/experts.json' });
  });

  it('refuses a stored entry whose two sizes differ', async () => {
    const files = valid().map(toRaw);
    const index = files.findIndex((e) => e.name === attachmentEntry(sha256(ATTACHMENTS[2] as Buffer)));
    const zip = patchCentral(rawZip(files), index, (cd) => cd.writeUInt32LE(cd.readUInt32LE(24) + 1, 24));
    await expectRefused(zip, 'BUNDLE_SIZE_MISMATCH', { entry: files[index]?.name as string, reason: 'stored sizes differ' });
  });

  it('refuses entries whose data overlap (the overlapping-file zip bomb)', async () => {
    const files = valid().map(toRaw);
    const zip = rawZip(files);
    let firstOffset = -1;
    patchCentral(zip, 5, (cd) => (firstOffset = cd.readUInt32LE(42)));
    const patched = patchCentral(zip, 6, (cd) => cd.writeUInt32LE(firstOffset, 42));
    await expectRefused(patched, 'BUNDLE_UNREADABLE', { reason: 'overlapping entries' });
  });
});

describe('local headers', () => {
  it('refuses an entry whose local header names another file', async () => {
    const files = valid().map(toRaw);
    const index = files.findIndex((e) => e.name === 'data/session.json');
    const zip = rawZip(files);
    let offset = -1;
    patchCentral(zip, index, (cd) => (offset = cd.readUInt32LE(42)));
    // "data/session.json" becomes "data/sessioX.json" for a tool that streams local headers.
    zip[offset + 30 + 'data/sessio'.length] = 'X'.charCodeAt(0);
    await expectRefused(zip, 'BUNDLE_UNREADABLE', { entry: 'data/session.json', reason: 'another name' });
  });
});

describe('container layout (§2.1): local headers, tiling, end records, ZIP64', () => {
  const index = (files: RawEntry[], name: string): number => files.findIndex((e) => e.name === name);

  it('refuses a local header whose extra field swallows the next entry (overlap counted with the local lengths)', async () => {
    // "data/" first, empty: its local extra length is raised so that the field takes in the next local header
    // ("PK\3\4" reads as field 0x4b50 of 1,027 bytes). The central directory alone sees nothing wrong.
    const zip = patchLocal(rawZip([{ name: 'data/', data: Buffer.alloc(0) }, ...valid().map(toRaw)]), 0, (h) => h.writeUInt16LE(4 + 0x0403, 28));
    await expectRefused(zip, 'BUNDLE_UNREADABLE', { entry: 'data/', reason: 'overlapping entries' });
  });

  it.each([
    ['another compression method', (h: Buffer) => h.writeUInt16LE(h.readUInt16LE(8) === 8 ? 0 : 8, 8)],
    ['other general-purpose flags', (h: Buffer) => h.writeUInt16LE(h.readUInt16LE(6) | 0x4, 6)],
    ['another CRC-32', (h: Buffer) => h.writeUInt32LE((h.readUInt32LE(14) ^ 1) >>> 0, 14)],
    ['other sizes', (h: Buffer) => h.writeUInt32LE(h.readUInt32LE(22) + 1, 22)],
  ])('refuses a local header that gives %s than the central directory', async (reason, edit) => {
    const files = valid().map(toRaw);
    const zip = patchLocal(rawZip(files), index(files, 'data/groups.json'), edit);
    await expectRefused(zip, 'BUNDLE_UNREADABLE', { entry: 'data/groups.json', reason });
  });

  it('accepts data descriptors (bit 3) that agree, and refuses one that does not', async () => {
    const files = valid().map((f) => ({ ...toRaw(f), dataDescriptor: true }));
    const ok = await inspectSessionBundle(await writeFile(tmp, 'dd.pdbundle', rawZip(files)));
    expect(ok.documents.size).toBe(7);
    const i = index(files, 'data/quotas.json');
    const zip = rawZip(files);
    // The descriptor follows the data: flip a bit of its CRC-32.
    let compressed = 0;
    patchCentral(zip, i, (cd) => (compressed = cd.readUInt32LE(20)));
    const at = localHeaderOffset(zip, i) + 30 + 'data/quotas.json'.length + compressed + 4;
    zip[at] = (zip[at] as number) ^ 1;
    await expectRefused(zip, 'BUNDLE_UNREADABLE', { entry: 'data/quotas.json', reason: 'the data descriptor differs' });
  });

  it('refuses bytes between two entries', async () => {
    const files = valid().map(toRaw).map((e) => (e.name === 'data/experts.json' ? { ...e, padAfter: 64 } : e));
    await expectRefused(rawZip(files), 'BUNDLE_UNREADABLE', { entry: 'data/experts.json', reason: 'bytes between entries' });
  });

  it('refuses bytes after the end record, an archive comment, and bytes before the first entry', async () => {
    const zip = await yazlZip(valid());
    await expectRefused(Buffer.concat([zip, Buffer.from('appended')]), 'BUNDLE_UNREADABLE', { reason: 'bytes follow the end of central directory record' });
    const commented = Buffer.concat([zip.subarray(0, zip.length - 2), Buffer.from([7, 0]), Buffer.from('comment')]);
    await expectRefused(commented, 'BUNDLE_UNREADABLE', { reason: 'bytes follow the end of central directory record' });
    // A prefix shifts every offset: the directory no longer points at local headers.
    const prefixed = Buffer.concat([Buffer.from('MZ-stub'), zip]);
    await expectRefused(prefixed, 'BUNDLE_UNREADABLE');
  });

  it('reads ZIP64 records, and refuses lying ZIP64 sizes', async () => {
    const files = valid().map((f) => ({ ...toRaw(f), zip64: true }));
    const ok = await inspectSessionBundle(await writeFile(tmp, 'z64.pdbundle', rawZip(files)));
    expect(ok.attachments.size).toBe(ATTACHMENTS.length);
    // A document claiming a terabyte: refused on the directory, before any data is read.
    const doc = files.map((e) => (e.name === 'data/session.json' ? { ...e, method: 8, declaredSize: 2 ** 40 } : e));
    await expectRefused(rawZip(doc), 'BUNDLE_TOO_LARGE', { entry: 'data/session.json' });
    // A stored attachment claiming 16 GiB (within the total cap): it would run over every later entry.
    const att = attachmentEntry(sha256(HELD));
    const big = files.map((e) => (e.name === att ? { ...e, declaredSize: 2 ** 34, declaredCompressedSize: 2 ** 34 } : e));
    await expectRefused(rawZip(big), 'BUNDLE_UNREADABLE', { entry: att, reason: 'overlapping entries' });
    // Beyond 2^53: not even a number a verifier can add up.
    const huge = files.map((e) => (e.name === att ? { ...e, declaredSize: 2 ** 60, declaredCompressedSize: 2 ** 60 } : e));
    await expectRefused(rawZip(huge), 'BUNDLE_UNREADABLE', { reason: 'the ZIP64 uncompressed size is too large' });
  });

  it('refuses a record that defers to a ZIP64 field it does not carry', async () => {
    const files = valid().map(toRaw);
    const zip = patchCentral(rawZip(files), index(files, 'data/groups.json'), (cd) => cd.writeUInt32LE(0xffffffff, 24));
    await expectRefused(zip, 'BUNDLE_UNREADABLE', { entry: 'data/groups.json', reason: 'a record defers to a ZIP64 field it does not carry' });
  });
});

describe('not a zip, truncated', () => {
  it('refuses a file that is not a zip at all', async () => {
    await expectRefused(Buffer.from('PanelDesk? no, a plain text file.\n'.repeat(20)), 'BUNDLE_UNREADABLE', { file: path.join(tmp, 'hostile.pdbundle') });
  });

  it('refuses an empty file', async () => {
    await expectRefused(Buffer.alloc(0), 'BUNDLE_UNREADABLE');
  });

  it('refuses a missing file', async () => {
    const err = await readSessionBundle(path.join(tmp, 'nope.pdbundle'), { dataDir }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BUNDLE_UNREADABLE', details: { reason: 'ENOENT' } });
  });

  it('refuses an archive cut in half', async () => {
    const zip = await yazlZip(valid());
    await expectRefused(zip.subarray(0, Math.floor(zip.length / 2)), 'BUNDLE_TRUNCATED');
  });

  it('refuses an archive whose central directory is cut short', async () => {
    const zip = await yazlZip(valid());
    // Keep the end record but drop 200 bytes before it: the directory now runs past the end of the file.
    const end = zip.subarray(zip.length - 22);
    const cut = Buffer.concat([zip.subarray(0, zip.length - 22 - 200), end]);
    await expectRefused(cut, 'BUNDLE_TRUNCATED', { reason: 'the central directory runs past the end of the file' });
  });
});

describe('BagIt layer', () => {
  it('refuses a data file the manifest does not list', async () => {
    const zip = await yazlZip([...valid(), { name: 'data/extra.json', data: junk }]);
    await expectRefused(zip, 'BUNDLE_FILE_NOT_IN_MANIFEST', { entry: 'data/extra.json' });
  });

  it('refuses any other top-level file', async () => {
    await expectRefused(await yazlZip([...valid(), { name: 'README.txt', data: junk }]), 'BUNDLE_FILE_NOT_IN_MANIFEST', { entry: 'README.txt' });
  });

  it('refuses a listed file that is missing, with its manifest line', async () => {
    const files = valid();
    const manifest = (files.find((f) => f.name === MANIFEST) as ZipInput).data.toString();
    const line = manifest.split('\n').findIndex((l) => l.endsWith('  data/groups.json')) + 1;
    expect(line).toBeGreaterThan(0);
    await expectRefused(await yazlZip(files.filter((f) => f.name !== 'data/groups.json')), 'BUNDLE_FILE_MISSING', { entry: 'data/groups.json', line });
  });

  it('refuses an attachment whose bytes do not match its name and the manifest', async () => {
    // The last attachment in the archive, so the ones before it were already staged when it fails.
    const target = ATTACHMENTS[2] as Buffer;
    const tampered = Buffer.from(target);
    tampered[100] = 0;
    const zip = await yazlZip(replaceData(valid(), attachmentEntry(sha256(target)), tampered));
    await expectRefused(zip, 'BUNDLE_HASH_MISMATCH', { entry: attachmentEntry(sha256(target)), expected: sha256(target), actual: sha256(tampered) });
  });

  it('refuses a document whose bytes do not match the manifest', async () => {
    const files = valid();
    const original = (files.find((f) => f.name === 'data/experts.json') as ZipInput).data;
    const changed = Buffer.from(original.toString().replace('评审', '评委'));
    await expectRefused(await yazlZip(replaceData(files, 'data/experts.json', changed)), 'BUNDLE_HASH_MISMATCH', {
      entry: 'data/experts.json',
      expected: sha256(original),
      actual: sha256(changed),
    });
  });

  it('refuses a tag file that does not match the tag manifest', async () => {
    const files = valid();
    const info = (files.find((f) => f.name === BAG_INFO_TXT) as ZipInput).data;
    const changed = Buffer.from(info.toString().replace('Bundle-Version: 3', 'Bundle-Version: 4'));
    await expectRefused(await yazlZip(replaceData(files, BAG_INFO_TXT, changed)), 'BUNDLE_HASH_MISMATCH', {
      entry: BAG_INFO_TXT,
      expected: sha256(info),
      actual: sha256(changed),
      line: 1, // the tag manifest is sorted: bag-info.txt comes first
    });
  });

  it('refuses a tag manifest that lists anything else, with the line', async () => {
    const files = valid();
    const tm = (files.find((f) => f.name === TAG_MANIFEST) as ZipInput).data;
    const extended = Buffer.concat([tm, Buffer.from(`${sha256(junk)}  data/session.json\n`)]);
    await expectRefused(await yazlZip(replaceData(files, TAG_MANIFEST, extended)), 'BUNDLE_MANIFEST_INVALID', {
      entry: TAG_MANIFEST,
      line: 4,
      actual: 'data/session.json',
    });
  });

  it('refuses a malformed manifest line', async () => {
    const files = withManifests(valid());
    const manifest = (files.find((f) => f.name === MANIFEST) as ZipInput).data;
    const broken = Buffer.from(manifest.toString().replace(/\n(\S+) {2}/, '\n$1 '));
    await expectRefused(await yazlZip(withTagManifestOnly(replaceData(files, MANIFEST, broken))), 'BUNDLE_MANIFEST_INVALID', { entry: MANIFEST, line: 2 });
  });

  it('refuses a signature whose bytes do not match their CRC-32', async () => {
    const files = valid().map(toRaw).map((e) => (e.name === SIGNATURE ? { ...e, crc32: 0x12345678 } : e));
    await expectRefused(rawZip(files), 'BUNDLE_HASH_MISMATCH', { entry: SIGNATURE, algorithm: 'crc32', expected: '12345678' });
  });

  it('refuses an unsupported format version', async () => {
    const zip = await yazlZip(bundleFiles({ bagInfo: { ...BAG_INFO, 'PanelDesk-Format-Version': '2' } }));
    await expectRefused(zip, 'BUNDLE_UNSUPPORTED_VERSION', { entry: BAG_INFO_TXT, expected: '1', actual: '2' });
  });

  it('refuses another bundle type', async () => {
    const zip = await yazlZip(bundleFiles({ bagInfo: { ...BAG_INFO, 'PanelDesk-Bundle-Type': 'result' } }));
    await expectRefused(zip, 'BUNDLE_NOT_BAGIT', { field: 'PanelDesk-Bundle-Type', expected: 'session', actual: 'result' });
  });

  it('refuses a bundle without bagit.txt', async () => {
    await expectRefused(await yazlZip(valid().filter((f) => f.name !== BAGIT_TXT)), 'BUNDLE_NOT_BAGIT', { entry: BAGIT_TXT, reason: 'missing' });
  });

  it('refuses a data file that is neither a document nor a hash-named attachment', async () => {
    const zip = await yazlZip(withManifests([...valid(), { name: 'data/attachments/scan.pdf', data: junk }]));
    await expectRefused(zip, 'BUNDLE_BAD_ENTRY_NAME', { entry: 'data/attachments/scan.pdf' });
  });

  it('refuses an attachment named by a hash other than the manifest gives', async () => {
    const other = sha256('something else');
    const files = valid().map((f) => (f.name === attachmentEntry(sha256(HELD)) ? { ...f, name: attachmentEntry(other) } : f));
    const manifest = Buffer.from(
      (files.find((f) => f.name === MANIFEST) as ZipInput).data.toString().replace(`${sha256(HELD)}  data/attachments/${sha256(HELD)}`, `${sha256(HELD)}  data/attachments/${other}`),
    );
    const zip = await yazlZip(withTagManifestOnly(replaceData(files, MANIFEST, manifest)));
    await expectRefused(zip, 'BUNDLE_MANIFEST_INVALID', { entry: MANIFEST, expected: other, actual: sha256(HELD) });
  });
});

/** Recomputes only the tag manifest, keeping a hand-edited manifest-sha256.txt. */
function withTagManifestOnly(files: ZipInput[]): ZipInput[] {
  const manifest = files.find((f) => f.name === MANIFEST) as ZipInput;
  const recomputed = withManifests(files);
  return recomputed.map((f) => (f.name === MANIFEST ? manifest : f.name === TAG_MANIFEST ? tagManifestFor(recomputed, manifest) : f));
}

function tagManifestFor(files: ZipInput[], manifest: ZipInput): ZipInput {
  const get = (n: string): Buffer => (n === MANIFEST ? manifest.data : (files.find((f) => f.name === n) as ZipInput).data);
  const text = [BAGIT_TXT, BAG_INFO_TXT, MANIFEST].map((n) => `${sha256(get(n))}  ${n}\n`).join('');
  return { name: TAG_MANIFEST, data: Buffer.from(text) };
}
