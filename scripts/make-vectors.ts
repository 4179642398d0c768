// Writes the verification test vectors of docs/vectors/ (docs/verify-report.md): a small valid session
// bundle and expert sheet bundle, invalid variants of them, and the report `paneldesk verify` gives for
// each. Deterministic: fixed keys (derived from fixed seeds), fixed zip times, Ed25519's deterministic
// signatures. The one exception is the age-encrypted copy (age picks a random file key): it is written
// only when missing or when it no longer decrypts to the valid bundle.
//   npx tsx scripts/make-vectors.ts [OUT_DIR]     (default docs/vectors)
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';
import canonicalize from 'canonicalize';
import { bytesToHex } from '@noble/hashes/utils.js';
import { bagEntries, sessionBundleEntries, writeZipAtomic, type ZipEntry } from '../electron/backend/bundles/writer';
import { encryptBundleFile } from '../electron/backend/bundles/age';
import { verifyFile } from '../electron/cli/commands/verify';
import { BUNDLE_TYPE_EXPERT_SHEETS, SHEET_PAYLOAD_TYPE } from '../shared/bundle/sheets';
import type { SessionBundleContent } from '../shared/bundle/schema';
import { signDsse } from '../shared/crypto/dsse';
import { publicKeyOf } from '../shared/crypto/ed25519';
import { keyIdOf } from '../shared/crypto/keyid';
import { bytesIO } from '../shared/verify/io';
import { trustedKeyOf } from '../shared/verify/session';
import type { SessionContext } from '../shared/verify/expert-sheets';
import { openZip } from '../shared/verify/zip';
import { ATTACHMENT_BYTES, sessionContent } from '../test/fixtures/session-docs';

export interface VectorCase {
  name: string;
  file: string;
  /** What was done to it. */
  what: string;
  trust?: string;
  session?: string;
  passphraseFile?: string;
  valid: boolean;
}

const seed = (label: string): Uint8Array => createHash('sha256').update(`paneldesk vectors ${label}`).digest();
const KEYS = { issuer: seed('issuer'), expert: seed('expert E01'), fresh: seed('fresh key'), other: seed('another expert') };
const hex = (k: Uint8Array): string => bytesToHex(publicKeyOf(k));
const enc = (v: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(v, null, 2)}\n`);
const EXPERT = 'E01';
const PASSPHRASE = 'paneldesk-vectors';
const WRONG_PASSPHRASE = 'not-the-passphrase';

function blobsOf(): Map<string, Uint8Array> {
  return new Map(Object.values(ATTACHMENT_BYTES).map((b) => [createHash('sha256').update(b).digest('hex'), b]));
}

/** One signed sheet per dossier of the expert's groups (none they are recused from), scores that fit the standard. */
function sheetRecords(c: SessionBundleContent, sessionId: string, key: Uint8Array, edit?: (p: Record<string, unknown>) => void): unknown[] {
  const groups = new Set(c.groups.filter((g) => g.members.includes(EXPERT)).map((g) => g.id));
  const recused = new Set(c.conflicts.filter((x) => x.expertId === EXPERT).map((x) => x.dossierId));
  return c.dossiers
    .filter((d) => groups.has(d.groupId) && !recused.has(d.id))
    .map((d, i) => {
      const std = c.standards.find((s) => s.id === d.standardId);
      if (!std) throw new Error(`no standard ${d.standardId}`);
      const scores = std.items.map((it) => ({ itemId: it.id, value: it.bands?.[0]?.score ?? Math.floor(it.max / 2) }));
      const payload: Record<string, unknown> = {
        type: 'paneldesk.scoresheet/v1',
        sessionId,
        dossierId: d.id,
        dossierContentHash: createHash('sha256').update(canonicalize(d) ?? '').digest('hex'),
        standardId: std.id,
        standardVersion: std.version,
        expertId: EXPERT,
        keyid: keyIdOf(publicKeyOf(key)),
        version: 1,
        scores,
        total: scores.reduce((s, x) => s + x.value, 0),
        opinion: '材料齐全，业绩突出。',
        recommendation: 'agree',
        auditHead: 'a'.repeat(64),
        auditCount: 10 + i,
        signedAt: `2026-06-15T0${2 + i}:00:00.000Z`,
      };
      if (i === 0) edit?.(payload);
      const body = new TextEncoder().encode(canonicalize(payload) ?? '');
      return { dossierId: d.id, version: 1, submittedAt: `2026-06-15T0${2 + i}:00:01.000Z`, unlockReason: null, envelope: signDsse(SHEET_PAYLOAD_TYPE, body, key) };
    });
}

function sheetEntries(c: SessionBundleContent, opts: { sessionId?: string; bagKey?: Uint8Array; sheetKey?: Uint8Array; edit?: (p: Record<string, unknown>) => void } = {}): ZipEntry[] {
  const sessionId = opts.sessionId ?? c.session.sessionId;
  const bagKey = opts.bagKey ?? KEYS.expert;
  const keyid = keyIdOf(publicKeyOf(bagKey));
  const header = { formatVersion: 1, sessionId, expertId: EXPERT, keyid, publicKey: hex(bagKey), exportedAt: '2026-06-15T06:00:00.000Z' };
  return bagEntries(
    BUNDLE_TYPE_EXPERT_SHEETS,
    { sessionId, bundleVersion: c.session.bundleVersion, extra: { 'Expert-Id': EXPERT, 'Key-Id': keyid } },
    [
      { name: 'data/expert.json', data: enc(header), compress: false },
      { name: 'data/sheets.json', data: enc(sheetRecords(c, sessionId, opts.sheetKey ?? bagKey, opts.edit)), compress: false },
    ],
    { compress: false, signer: bagKey },
  );
}

/** Flips one byte of `entry`'s data at the first occurrence of `needle` in it; with `fixCrc`, as a forger would, recomputes both CRC-32s. */
async function flipped(zip: Buffer, entry: string, needle: string, fixCrc: boolean): Promise<Buffer> {
  const out = Buffer.from(zip);
  const e = (await openZip(bytesIO(out, () => Promise.reject(new Error('stored only'))))).find((x) => x.name === entry);
  if (!e) throw new Error(`no entry ${entry}`);
  const start = e.offset + 30 + out.readUInt16LE(e.offset + 26) + out.readUInt16LE(e.offset + 28);
  const at = out.indexOf(Buffer.from(needle), start);
  if (at < 0 || at >= start + e.compressedSize) throw new Error(`${needle} not in ${entry}`);
  out[at] = (out[at] as number) ^ 0x01;
  if (fixCrc) {
    const crc = crc32(out.subarray(start, start + e.compressedSize));
    out.writeUInt32LE(crc, e.offset + 14);
    // The central record: found by its name after the local entries.
    const cd = out.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02])]), start + e.compressedSize);
    for (let p = cd; p >= 0 && p < out.length; p = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) {
      const n = out.readUInt16LE(p + 28);
      if (out.subarray(p + 46, p + 46 + n).toString('latin1') === entry) out.writeUInt32LE(crc, p + 16);
    }
  }
  return out;
}

async function zipBytes(dir: string, name: string, entries: ZipEntry[]): Promise<Buffer> {
  const file = path.join(dir, name);
  await writeZipAtomic(file, entries);
  return fs.readFile(file);
}

/** Writes every vector, its expected report, keys and index into `outDir`; returns the cases. */
export async function makeVectors(outDir: string): Promise<VectorCase[]> {
  await fs.mkdir(path.join(outDir, 'keys'), { recursive: true });
  const write = (name: string, data: Uint8Array | string): Promise<void> => fs.writeFile(path.join(outDir, name), data);
  await write('keys/issuer.pub', `${hex(KEYS.issuer)}\n`);
  await write('keys/expert-E01.pub', `${hex(KEYS.expert)}\n`);
  await write('keys/age-passphrase.txt', `${PASSPHRASE}\n`);
  await write('keys/wrong-age-passphrase.txt', `${WRONG_PASSPHRASE}\n`);

  const c = sessionContent();
  const blobs = blobsOf();
  const sessionEntries = sessionBundleEntries(c, blobs, { compressDocuments: false, issuer: { secretKey: KEYS.issuer } });
  const valid = await zipBytes(outDir, 'session-valid.pdbundle', sessionEntries);
  await zipBytes(outDir, 'sheets-valid.pdsheets', sheetEntries(c));

  const cases: VectorCase[] = [];
  const add = (v: Omit<VectorCase, 'valid'> & { valid?: boolean }): void => void cases.push({ valid: false, ...v });
  const issuer = { trust: 'keys/issuer.pub' };
  const sheets = { trust: 'keys/expert-E01.pub', session: 'session-valid.pdbundle' };
  add({ name: 'session-valid', file: 'session-valid.pdbundle', what: 'a valid session bundle signed by the issuer', ...issuer, valid: true });
  add({ name: 'sheets-valid', file: 'sheets-valid.pdsheets', what: 'a valid expert sheet bundle of expert E01, checked against the session and the roster key', ...sheets, valid: true });

  await zipBytes(outDir, 'session-reordered.pdbundle', [...sessionEntries].reverse());
  add({ name: 'session-reordered', file: 'session-reordered.pdbundle', what: 're-zipped with the entries in reverse order: valid (§3.1), same bundle hash', ...issuer, valid: true });

  await write('session-truncated.pdbundle', valid.subarray(0, valid.length - 100));
  add({ name: 'session-truncated', file: 'session-truncated.pdbundle', what: 'the last 100 bytes cut off', ...issuer });
  await write('session-padded.pdbundle', Buffer.concat([valid, Buffer.alloc(16)]));
  add({ name: 'session-padded', file: 'session-padded.pdbundle', what: '16 zero bytes appended after the end record', ...issuer });

  // The entries re-zipped in another order, but the old central directory kept: its offsets now point into other entries.
  const reordered = await fs.readFile(path.join(outDir, 'session-reordered.pdbundle'));
  const cdStart = (await openZip(bytesIO(valid, () => Promise.reject(new Error('stored only'))))).reduce((m, e) => Math.max(m, e.end), 0);
  await write('session-stale-directory.pdbundle', Buffer.concat([reordered.subarray(0, cdStart), valid.subarray(cdStart)]));
  add({ name: 'session-stale-directory', file: 'session-stale-directory.pdbundle', what: 'entries re-zipped in another order under the original central directory', ...issuer });

  await write('session-flipped-crc.pdbundle', await flipped(valid, 'data/dossiers.json', '"packetNo"', false));
  add({ name: 'session-flipped-crc', file: 'session-flipped-crc.pdbundle', what: 'one bit flipped in data/dossiers.json (the zip CRC-32 catches it)', ...issuer });
  await write('session-flipped-signed.pdbundle', await flipped(valid, 'data/dossiers.json', '"packetNo"', true));
  add({ name: 'session-flipped-signed', file: 'session-flipped-signed.pdbundle', what: 'one bit flipped in data/dossiers.json, CRC-32 recomputed: the manifest hash catches it', ...issuer });

  // A dossier's content changed and both manifests recomputed, the issuer's signature kept.
  const edited = structuredClone(c);
  (edited.dossiers[0] as { employer: string }).employer = '另一家单位';
  const recomputed = sessionBundleEntries(edited, blobs, { compressDocuments: false });
  const sig = sessionEntries.find((e) => e.name === 'signature.dsse.json') as ZipEntry;
  await zipBytes(outDir, 'session-manifests-recomputed.pdbundle', [...recomputed.slice(0, 4), sig, ...recomputed.slice(4)]);
  add({ name: 'session-manifests-recomputed', file: 'session-manifests-recomputed.pdbundle', what: 'a dossier edited and both manifests recomputed; the issuer signature kept', ...issuer });

  await zipBytes(outDir, 'session-resigned.pdbundle', sessionBundleEntries(c, blobs, { compressDocuments: false, issuer: { secretKey: KEYS.fresh } }));
  add({ name: 'session-resigned', file: 'session-resigned.pdbundle', what: 're-signed with a fresh key that is not the trusted issuer', ...issuer });

  await zipBytes(outDir, 'sheets-other-session.pdsheets', sheetEntries(c, { sessionId: 'S2026-ENG-99' }));
  add({ name: 'sheets-other-session', file: 'sheets-other-session.pdsheets', what: 'a genuine sheet bundle of the same expert from another session', ...sheets });
  await zipBytes(outDir, 'sheets-foreign-key.pdsheets', sheetEntries(c, { sheetKey: KEYS.other }));
  add({ name: 'sheets-foreign-key', file: 'sheets-foreign-key.pdsheets', what: 'the bag signed with the roster key, the sheets by a key not on the roster', ...sheets });
  await zipBytes(outDir, 'sheets-resigned.pdsheets', sheetEntries(c, { bagKey: KEYS.fresh }));
  add({ name: 'sheets-resigned', file: 'sheets-resigned.pdsheets', what: 'everything re-signed with a fresh key (consistent in itself, not the roster key)', ...sheets });
  await zipBytes(outDir, 'sheets-total-edited.pdsheets', sheetEntries(c, { edit: (p) => void (p.total = (p.total as number) + 100) }));
  add({ name: 'sheets-total-edited', file: 'sheets-total-edited.pdsheets', what: 'a signed sheet whose total is not the sum of its scores', ...sheets });

  // age: a fresh random file key each time, so the file is kept while it still decrypts to the valid bundle.
  const ageFile = path.join(outDir, 'session-valid.pdbundle.age');
  const current = await verifyFile(ageFile, {}, { passphrase: PASSPHRASE }).catch(() => null);
  const validHash = (await verifyFile(path.join(outDir, 'session-valid.pdbundle'), {})).report.bundleHash;
  if (!current || current.report.bundleHash !== validHash) await encryptBundleFile(path.join(outDir, 'session-valid.pdbundle'), ageFile, { passphrase: PASSPHRASE, scryptLogN: 15 });
  add({ name: 'session-age', file: 'session-valid.pdbundle.age', what: 'the valid bundle, age-encrypted to a passphrase', ...issuer, passphraseFile: 'keys/age-passphrase.txt', valid: true });
  add({ name: 'session-age-wrong-key', file: 'session-valid.pdbundle.age', what: 'the encrypted bundle with the wrong passphrase', ...issuer, passphraseFile: 'keys/wrong-age-passphrase.txt' });

  for (const v of cases) {
    const report = await verifyCase(outDir, v);
    await write(`${v.name}.report.json`, `${JSON.stringify(report, null, 2)}\n`);
  }
  await write('vectors.json', `${JSON.stringify(cases, null, 2)}\n`);
  return cases;
}

/** What `paneldesk verify FILE --trust … [--session …] [--passphrase-file …] --json` reports for a case. */
export async function verifyCase(dir: string, v: VectorCase): Promise<unknown> {
  const trust = v.trust ? [trustedKeyOf((await fs.readFile(path.join(dir, v.trust), 'utf8')).trim())] : [];
  const key = v.passphraseFile ? { passphrase: (await fs.readFile(path.join(dir, v.passphraseFile), 'utf8')).trim() } : undefined;
  let session: SessionContext | null = null;
  if (v.session) session = (await verifyFile(path.join(dir, v.session), {})).session;
  return (await verifyFile(path.join(dir, v.file), { trust, session }, key)).report;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = path.resolve(process.argv[2] ?? 'docs/vectors');
  const cases = await makeVectors(out);
  for (const c of cases) console.log(`${c.valid ? 'valid  ' : 'invalid'}  ${c.name}`);
}
