// The zip container of every PanelDesk bundle (docs/bundle-format.md §2, steps V1–V8), checked over an
// injected VerifyIO so that it runs anywhere. Same rules and reasons as the importer's reader
// (electron/backend/bundles/zip-*.ts); every problem is thrown as an AppError with the entry it concerns.
import { AppError, type ErrorCode } from '../errors';
import { ATTACHMENT_DIR } from '../bundle/layout';
import { utf8Decode } from '../text';
import { crc32Of, sha256Of, type VerifyIO } from './io';

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxDocumentBytes: number;
  maxDocumentsTotalBytes: number;
  maxDocumentRatio: number;
}
/** PanelDesk's defaults (§2.6, electron/backend/bundles/limits.ts). */
export const ZIP_LIMITS: ZipLimits = { maxEntries: 200_000, maxTotalBytes: 64 * 1024 ** 3, maxDocumentBytes: 32 * 1024 ** 2, maxDocumentsTotalBytes: 48 * 1024 ** 2, maxDocumentRatio: 100 };
const RATIO_FLOOR = 1024 * 1024;
const MAX_CD = 64 * 1024 * 1024;
const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_Z64_END = 0x06064b50;
const SIG_Z64_LOC = 0x07064b50;
const SIG_DD = 0x08074b50;
const EXTRA_Z64 = 0x0001;
const EXTRA_UPATH = 0x7075;
const CHUNK = 1024 * 1024;
/** Streamed, never held in memory, always stored: a session's attachments, a result bundle's embedded ones and prints (§2.4, §12.1). */
const STREAMED_DIRS = [ATTACHMENT_DIR, 'data/session/attachments/', 'data/prints/'];
export const isStreamedEntry = (name: string): boolean => STREAMED_DIRS.some((d) => name.startsWith(d) && name.length > d.length);

export interface ZipEntry {
  name: string;
  isFolder: boolean;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  offset: number;
  zip64: boolean;
  /** Where the next entry (or the central directory) begins: this entry must end exactly there. */
  end: number;
}

const u16 = (b: Uint8Array, at: number): number => (b[at] as number) | ((b[at + 1] as number) << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;
function u64(b: Uint8Array, at: number, what: string): number {
  const hi = u32(b, at + 4);
  if (hi > 0x1fffff) throw unreadable(`${what} is too large`);
  return hi * 0x100000000 + u32(b, at);
}
const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);

function err(code: ErrorCode, message: string, details: Record<string, string | number>): AppError {
  return new AppError(code, message, details);
}
function unreadable(reason: string, details: Record<string, string | number> = {}): AppError {
  return err('BUNDLE_UNREADABLE', `the zip structure is malformed: ${reason}`, { ...details, reason });
}
function truncated(reason: string, details: Record<string, string | number> = {}): AppError {
  return err('BUNDLE_TRUNCATED', `the bundle is truncated: ${reason}`, { ...details, reason });
}

function extras(b: Uint8Array, entry: string): Array<{ id: number; data: Uint8Array }> {
  const out: Array<{ id: number; data: Uint8Array }> = [];
  for (let at = 0; at < b.length; ) {
    if (at + 4 > b.length || at + 4 + u16(b, at + 2) > b.length) throw unreadable('malformed extra field', { entry });
    out.push({ id: u16(b, at), data: b.subarray(at + 4, at + 4 + u16(b, at + 2)) });
    at += 4 + u16(b, at + 2);
  }
  return out;
}

/** V1: the end records, the file's last bytes; the central directory must end where they begin. */
async function readEnd(io: VerifyIO): Promise<{ count: number; cdOffset: number; cdSize: number }> {
  const tailLen = Math.min(io.size, 22 + 20 + 56 + 0xffff);
  const tail = await io.read(io.size - tailLen, tailLen);
  const tailStart = io.size - tailLen;
  const endAt = tail.length - 22;
  if (endAt < 0 || u32(tail, endAt) !== SIG_END) {
    for (let i = Math.max(0, endAt - 1); endAt >= 0 && i >= 0; i--) {
      if (u32(tail, i) === SIG_END) throw unreadable('bytes follow the end of central directory record', { offset: tailStart + i, actual: String(io.size - (tailStart + i) - 22) });
    }
    const head = await io.read(0, Math.min(4, io.size));
    if (head.length === 4 && u32(head, 0) === SIG_LOCAL) throw truncated('its end of central directory record is missing');
    throw err('BUNDLE_UNREADABLE', 'the file is not a zip archive', { reason: 'no end of central directory record' });
  }
  const end = tail.subarray(endAt);
  if (u16(end, 20) !== 0) throw unreadable('the archive has a comment (it must end with the end record)', { actual: String(u16(end, 20)) });
  let disk = u16(end, 4);
  let cdDisk = u16(end, 6);
  let onDisk = u16(end, 8);
  let count = u16(end, 10);
  let cdSize = u32(end, 12);
  let cdOffset = u32(end, 16);
  let directoryEnd = tailStart + endAt;
  const deferred = [disk, cdDisk, onDisk, count].includes(0xffff) || cdSize === 0xffffffff || cdOffset === 0xffffffff;
  const locAt = endAt - 20;
  const hasLoc = locAt >= 0 && u32(tail, locAt) === SIG_Z64_LOC;
  if (deferred && !hasLoc) throw unreadable('the end record defers to ZIP64 records that are missing');
  if (hasLoc) {
    if (u32(tail, locAt + 4) !== 0 || u32(tail, locAt + 16) !== 1) throw unreadable('the archive spans several disks');
    const z64End = u64(tail, locAt + 8, 'the ZIP64 end record offset');
    const at = z64End - tailStart;
    if (at < 0 || at + 56 > locAt || u32(tail, at) !== SIG_Z64_END) throw unreadable('the ZIP64 end record is not where its locator says');
    if (u64(tail, at + 4, 'the ZIP64 end record size') + 12 !== locAt - at) throw unreadable('the ZIP64 end record does not end at its locator');
    disk = u32(tail, at + 16);
    cdDisk = u32(tail, at + 20);
    onDisk = u64(tail, at + 24, 'the entry count');
    count = u64(tail, at + 32, 'the entry count');
    cdSize = u64(tail, at + 40, 'the central directory size');
    cdOffset = u64(tail, at + 48, 'the central directory offset');
    directoryEnd = z64End;
  }
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) throw unreadable('the archive spans several disks');
  if (cdOffset + cdSize > directoryEnd) throw truncated('the central directory runs past the end of the file', { expected: String(cdOffset + cdSize), actual: String(directoryEnd) });
  if (cdOffset + cdSize !== directoryEnd) throw unreadable('bytes lie between the central directory and the end record', { actual: String(directoryEnd - cdOffset - cdSize) });
  return { count, cdOffset, cdSize };
}

function nameProblem(raw: Uint8Array): string | null {
  if (raw.length === 0) return 'empty name';
  for (const b of raw) {
    if (b < 0x20 || b === 0x7f) return 'control character';
    if (b > 0x7f) return 'non-ASCII character';
  }
  const name = latin1(raw);
  if (name.includes('\\')) return 'backslash';
  if (name.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'drive letter';
  for (const s of (name.endsWith('/') ? name.slice(0, -1) : name).split('/')) {
    if (s === '') return 'empty path segment';
    if (s === '..') return 'parent-folder segment';
    if (s === '.') return 'current-folder segment';
  }
  return null;
}

function decodeName(raw: Uint8Array, flags: number): string {
  return flags & 0x800 ? utf8Decode(raw, false) : latin1(raw);
}

interface RawRecord {
  raw: Uint8Array;
  flags: number;
  method: number;
  crc32: number;
  csize: number;
  usize: number;
  attrs: number;
  offset: number;
  extra: Array<{ id: number; data: Uint8Array }>;
}

/** V3: every record of the directory, ZIP64 values substituted. */
function parseDirectory(cd: Uint8Array, count: number): RawRecord[] {
  const out: RawRecord[] = [];
  let at = 0;
  for (let index = 0; index < count; index++) {
    if (at + 46 > cd.length || u32(cd, at) !== SIG_CENTRAL) throw unreadable('malformed central directory record', { index });
    const n = u16(cd, at + 28);
    const m = u16(cd, at + 30);
    const next = at + 46 + n + m + u16(cd, at + 32);
    if (next > cd.length) throw unreadable('malformed central directory record', { index });
    const raw = cd.subarray(at + 46, at + 46 + n);
    const entry = latin1(raw);
    const extra = extras(cd.subarray(at + 46 + n, at + 46 + n + m), entry);
    let usize = u32(cd, at + 24);
    let csize = u32(cd, at + 20);
    let offset = u32(cd, at + 42);
    let diskStart = u16(cd, at + 34);
    const z = extra.find((f) => f.id === EXTRA_Z64);
    if (z) {
      let p = 0;
      const take = (what: string): number => {
        if (p + 8 > z.data.length) throw unreadable(`the ZIP64 field lacks the ${what}`, { entry });
        p += 8;
        return u64(z.data, p - 8, `the ZIP64 ${what}`);
      };
      if (usize === 0xffffffff) usize = take('uncompressed size');
      if (csize === 0xffffffff) csize = take('compressed size');
      if (offset === 0xffffffff) offset = take('local header offset');
      if (diskStart === 0xffff) {
        if (p + 4 > z.data.length) throw unreadable('the ZIP64 field lacks the disk number', { entry });
        diskStart = u32(z.data, p);
      }
    } else if (usize === 0xffffffff || csize === 0xffffffff || offset === 0xffffffff) {
      throw unreadable('a record defers to a ZIP64 field it does not carry', { entry });
    }
    if (diskStart !== 0) throw unreadable('the archive spans several disks', { entry });
    out.push({ raw, flags: u16(cd, at + 8), method: u16(cd, at + 10), crc32: u32(cd, at + 16), csize, usize, attrs: u32(cd, at + 38), offset, extra });
    at = next;
  }
  if (at !== cd.length) throw unreadable('the central directory is longer than its records', { actual: String(cd.length - at) });
  return out;
}

/** V5: one record's name, type, encryption, compression and declared sizes. */
function checkRecord(e: RawRecord, limits: ZipLimits): Omit<ZipEntry, 'end'> {
  const problem = nameProblem(e.raw);
  const shown = decodeName(e.raw, e.flags);
  if (problem) throw err('BUNDLE_BAD_ENTRY_NAME', `unsafe entry name: ${problem}`, { entry: shown, reason: problem });
  const name = latin1(e.raw);
  if (e.extra.some((f) => f.id === EXTRA_UPATH)) throw err('BUNDLE_BAD_ENTRY_NAME', 'unsafe entry name', { entry: name, reason: 'carries a second (Unicode path) name' });
  const isFolder = name.endsWith('/');
  const mode = (e.attrs >>> 16) & 0xffff;
  const type = mode & 0o170000;
  const typeProblem =
    type === 0o120000
      ? 'symbolic link'
      : type !== 0 && type !== (isFolder ? 0o040000 : 0o100000)
        ? `not a regular file (mode ${mode.toString(8)})`
        : !isFolder && e.attrs & 0x18
          ? 'not a regular file (DOS attributes)'
          : null;
  if (typeProblem) throw err('BUNDLE_SYMLINK', `${name} is a ${typeProblem}`, { entry: name, mode: mode.toString(8), reason: typeProblem });
  if (isFolder && (e.usize !== 0 || e.csize > 2)) throw err('BUNDLE_BAD_ENTRY_NAME', 'folder entry with content', { entry: name, reason: 'folder entry with content' });
  if (e.flags & 0x41) throw err('BUNDLE_ENCRYPTED_ENTRY', `${name} is encrypted`, { entry: name, reason: e.flags & 0x40 ? 'strong encryption (bit 6)' : 'encryption (bit 0)' });
  if (e.method !== 0 && e.method !== 8) throw err('BUNDLE_BAD_COMPRESSION', `${name}: compression method ${e.method}`, { entry: name, expected: '0 or 8', actual: String(e.method) });
  const isAttachment = !isFolder && isStreamedEntry(name);
  if (isAttachment && e.method !== 0) throw err('BUNDLE_BAD_COMPRESSION', `${name}: attachments must be stored`, { entry: name, expected: '0', actual: String(e.method) });
  if (e.method === 0 && e.csize !== e.usize) {
    throw err('BUNDLE_SIZE_MISMATCH', `${name}: stored sizes differ`, { entry: name, expected: String(e.usize), actual: String(e.csize), reason: 'stored sizes differ' });
  }
  const isDocument = !isFolder && !isAttachment;
  if (isDocument && e.usize > limits.maxDocumentBytes) throw err('BUNDLE_TOO_LARGE', `${name} is too large`, { entry: name, limit: limits.maxDocumentBytes, actual: String(e.usize) });
  if (isDocument && e.method === 8 && e.usize > RATIO_FLOOR && e.usize > limits.maxDocumentRatio * e.csize) {
    throw err('BUNDLE_TOO_LARGE', `${name}: compression ratio`, { entry: name, limit: limits.maxDocumentRatio, actual: String(e.usize), reason: 'compression ratio' });
  }
  return { name, isFolder, flags: e.flags, method: e.method, crc32: e.crc32, compressedSize: e.csize, uncompressedSize: e.usize, offset: e.offset, zip64: e.extra.some((f) => f.id === EXTRA_Z64) };
}

/** V6: declared totals, then entries tiling the file up to the directory (lower bound here, exact on read). */
function tile(entries: Array<Omit<ZipEntry, 'end'>>, cdOffset: number, limits: ZipLimits): ZipEntry[] {
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (total > limits.maxTotalBytes) throw err('BUNDLE_TOO_LARGE', 'the bundle declares too many bytes', { limit: limits.maxTotalBytes, actual: String(total) });
  const docs = entries.filter((e) => !e.isFolder && !isStreamedEntry(e.name)).reduce((s, e) => s + e.uncompressedSize, 0);
  if (docs > limits.maxDocumentsTotalBytes) throw err('BUNDLE_TOO_LARGE', 'documents in total', { limit: limits.maxDocumentsTotalBytes, actual: String(docs), reason: 'documents in total' });
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  const first = sorted[0];
  if (first && first.offset !== 0) throw unreadable('bytes before the first entry', { entry: first.name, actual: String(first.offset) });
  const ends = new Map<string, number>();
  sorted.forEach((cur, i) => {
    const next = sorted[i + 1];
    const end = next ? next.offset : cdOffset;
    if (cur.offset + 30 + cur.name.length + cur.compressedSize > end) throw unreadable('overlapping entries', { entry: cur.name, actual: next ? next.name : 'central directory' });
    ends.set(cur.name, end);
  });
  return entries.map((e) => ({ ...e, end: ends.get(e.name) as number }));
}

/** V1–V6: the archive's directory, every record checked, before any entry's data is read. */
export async function openZip(io: VerifyIO, limits: ZipLimits = ZIP_LIMITS): Promise<ZipEntry[]> {
  const { count, cdOffset, cdSize } = await readEnd(io);
  if (count > limits.maxEntries) throw err('BUNDLE_TOO_MANY_ENTRIES', `the bundle has ${count} entries`, { limit: limits.maxEntries, actual: String(count) });
  if (cdSize > MAX_CD) throw err('BUNDLE_TOO_LARGE', 'central directory', { limit: MAX_CD, actual: String(cdSize), reason: 'central directory' });
  const records = parseDirectory(await io.read(cdOffset, cdSize), count);
  const seen = new Map<string, string>();
  for (const r of records) {
    const shown = decodeName(r.raw, r.flags);
    const key = shown.replace(/\/+$/, '').normalize('NFKC').toLowerCase().normalize('NFKC');
    const first = seen.get(key);
    if (first !== undefined) throw err('BUNDLE_DUPLICATE_ENTRY', `${shown} duplicates ${first}`, { entry: shown, duplicateOf: first });
    seen.set(key, shown);
  }
  return tile(
    records.map((r) => checkRecord(r, limits)),
    cdOffset,
    limits,
  );
}

function localError(entry: string, reason: string): AppError {
  return unreadable(reason, { entry });
}

/** The local header agrees with the directory, and the entry ends exactly where the next begins (§2.1). */
async function checkLocal(io: VerifyIO, e: ZipEntry): Promise<number> {
  if (e.offset + 30 > io.size) throw localError(e.name, 'no local header at its offset');
  const h = await io.read(e.offset, 30);
  if (u32(h, 0) !== SIG_LOCAL) throw localError(e.name, 'no local header at its offset');
  const n = u16(h, 26);
  const m = u16(h, 28);
  if (e.offset + 30 + n + m > io.size) throw localError(e.name, 'local header cut short');
  const rest = await io.read(e.offset + 30, n + m);
  if (latin1(rest.subarray(0, n)) !== e.name) throw localError(e.name, 'another name');
  const flags = u16(h, 6);
  if (flags !== e.flags) throw localError(e.name, 'other general-purpose flags');
  if (u16(h, 8) !== e.method) throw localError(e.name, 'another compression method');
  const ex = extras(rest.subarray(n), e.name);
  if (ex.some((f) => f.id === EXTRA_UPATH)) throw localError(e.name, 'a Unicode path field');
  let csize = u32(h, 18);
  let usize = u32(h, 22);
  const z = ex.find((f) => f.id === EXTRA_Z64);
  if (csize === 0xffffffff || usize === 0xffffffff) {
    if (!z || z.data.length < 16) throw localError(e.name, 'ZIP64 sizes without a ZIP64 field');
    usize = u64(z.data, 0, 'the local ZIP64 uncompressed size');
    csize = u64(z.data, 8, 'the local ZIP64 compressed size');
  }
  const deferred = (flags & 0x8) !== 0;
  const agrees = (local: number, central: number): boolean => local === central || (deferred && local === 0);
  if (!agrees(u32(h, 14), e.crc32)) throw localError(e.name, 'another CRC-32');
  if (!agrees(csize, e.compressedSize) || !agrees(usize, e.uncompressedSize)) throw localError(e.name, 'other sizes');
  const dataStart = e.offset + 30 + n + m;
  let end = dataStart + e.compressedSize;
  if (deferred) {
    const wide = e.zip64 || z !== undefined;
    const len = wide ? 24 : 16;
    const dd = end + len <= io.size ? await io.read(end, len) : new Uint8Array(0);
    if (dd.length < len || u32(dd, 0) !== SIG_DD) throw localError(e.name, 'no data descriptor after the data');
    const dcs = wide ? u64(dd, 8, 'the descriptor size') : u32(dd, 8);
    const dus = wide ? u64(dd, 16, 'the descriptor size') : u32(dd, 12);
    if (u32(dd, 4) !== e.crc32 || dcs !== e.compressedSize || dus !== e.uncompressedSize) throw localError(e.name, 'the data descriptor differs');
    end += len;
  }
  if (end > e.end) throw unreadable('overlapping entries', { entry: e.name, expected: String(e.end), actual: String(end) });
  if (end < e.end) throw unreadable('bytes between entries', { entry: e.name, expected: String(e.end), actual: String(end) });
  return dataStart;
}

/** V8/V12 for a document: the whole entry in memory, inflated, size and CRC-32 checked. */
export async function readEntry(io: VerifyIO, e: ZipEntry): Promise<Uint8Array> {
  const start = await checkLocal(io, e);
  const raw = await io.read(start, e.compressedSize);
  let data: Uint8Array;
  if (e.method === 8) {
    try {
      data = await io.inflateRaw(raw, e.uncompressedSize + 1);
    } catch {
      throw unreadable('invalid deflate data', { entry: e.name });
    }
  } else data = raw;
  if (data.length !== e.uncompressedSize) {
    throw err('BUNDLE_SIZE_MISMATCH', `${e.name} holds ${data.length} bytes, not ${e.uncompressedSize}`, { entry: e.name, expected: String(e.uncompressedSize), actual: String(data.length) });
  }
  const crc = crc32Of(io, data, 0);
  if (crc !== e.crc32) throw err('BUNDLE_HASH_MISMATCH', `${e.name}: CRC-32 differs`, { entry: e.name, algorithm: 'crc32', expected: e.crc32.toString(16), actual: crc.toString(16) });
  return data;
}

/** V12 for a stored entry (attachments): streamed in chunks; returns its SHA-256 and first bytes. */
export async function hashStoredEntry(io: VerifyIO, e: ZipEntry, headBytes: number): Promise<{ sha256: string; head: Uint8Array }> {
  if (e.method !== 0) {
    const data = await readEntry(io, e);
    const h = sha256Of(io);
    h.update(data);
    return { sha256: h.hex(), head: data.subarray(0, headBytes) };
  }
  const start = await checkLocal(io, e);
  const h = sha256Of(io);
  let crc = 0;
  let head = new Uint8Array(0);
  for (let at = 0; at < e.compressedSize; at += CHUNK) {
    const chunk = await io.read(start + at, Math.min(CHUNK, e.compressedSize - at));
    if (at === 0) head = chunk.slice(0, headBytes);
    h.update(chunk);
    crc = crc32Of(io, chunk, crc);
  }
  if (crc !== e.crc32) throw err('BUNDLE_HASH_MISMATCH', `${e.name}: CRC-32 differs`, { entry: e.name, algorithm: 'crc32', expected: e.crc32.toString(16), actual: crc.toString(16) });
  return { sha256: h.hex(), head };
}
