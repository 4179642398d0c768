// The end records and the whole central directory, parsed from one read of the directory's bytes
// (docs/bundle-format.md §2.1). Nothing here trusts a size before checking it against the file.
import { AppError } from '../../../shared/errors';

/** One central-directory record, ZIP64 values already substituted. */
export interface RawCentralEntry {
  versionMadeBy: number;
  generalPurposeBitFlag: number;
  compressionMethod: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  externalFileAttributes: number;
  relativeOffsetOfLocalHeader: number;
  fileNameRaw: Buffer;
  extraFields: Array<{ id: number; data: Buffer }>;
  /** The record carried a ZIP64 extended-information field. */
  zip64: boolean;
}

export interface ZipDirectory {
  fileSize: number;
  entryCount: number;
  /** Where the central directory starts: the last entry's data (or descriptor) ends exactly here. */
  cdOffset: number;
  cdSize: number;
}

export const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_ZIP64_END = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const END_SIZE = 22;
const LOCATOR_SIZE = 20;
const ZIP64_END_MIN = 56;
const MAX_COMMENT = 0xffff;
export const EXTRA_ZIP64 = 0x0001;
/** The central directory is read in one piece: it may be at most this long. */
export const MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024 * 1024;

function unreadable(reason: string, details: Record<string, string | number> = {}): AppError {
  return new AppError('BUNDLE_UNREADABLE', `the zip structure is malformed: ${reason}`, { ...details, reason });
}

function truncated(reason: string, details: Record<string, string | number> = {}): AppError {
  return new AppError('BUNDLE_TRUNCATED', `the bundle is truncated: ${reason}`, { ...details, reason });
}

/** A 64-bit little-endian value that must be a safe integer (lying ZIP64 sizes beyond 2^53 are refused). */
export function readU64(buf: Buffer, at: number, what: string): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw unreadable(`${what} is too large`, { actual: v.toString() });
  return Number(v);
}

/** Extra fields as (id, data) pairs; they must exactly fill their space. */
export function parseExtra(buf: Buffer, entry: string): Array<{ id: number; data: Buffer }> {
  const out: Array<{ id: number; data: Buffer }> = [];
  let at = 0;
  while (at < buf.length) {
    if (at + 4 > buf.length) throw unreadable('malformed extra field', { entry });
    const id = buf.readUInt16LE(at);
    const size = buf.readUInt16LE(at + 2);
    if (at + 4 + size > buf.length) throw unreadable('malformed extra field', { entry });
    out.push({ id, data: buf.subarray(at + 4, at + 4 + size) });
    at += 4 + size;
  }
  return out;
}

/**
 * Locates the end record (the file's last 22 bytes: no archive comment, nothing after it), the ZIP64
 * records when the end record defers to them, and checks that the directory ends where they begin.
 */
export function parseEnd(tail: Buffer, fileSize: number, startsLikeZip: boolean): ZipDirectory {
  const tailStart = fileSize - tail.length;
  const endAt = tail.length - END_SIZE;
  if (endAt < 0 || tail.readUInt32LE(endAt) !== SIG_END) {
    // An end record earlier in the tail means bytes were appended (or a comment added): refused, not guessed.
    for (let i = Math.max(0, endAt - 1); i >= 0 && endAt >= 0; i--) {
      if (tail.readUInt32LE(i) === SIG_END) {
        throw unreadable('bytes follow the end of central directory record', { offset: tailStart + i, actual: String(fileSize - (tailStart + i) - END_SIZE) });
      }
    }
    if (startsLikeZip) throw truncated('its end of central directory record is missing');
    throw new AppError('BUNDLE_UNREADABLE', 'the file is not a zip archive', { reason: 'no end of central directory record' });
  }
  const end = tail.subarray(endAt);
  const commentLength = end.readUInt16LE(20);
  if (commentLength !== 0) throw unreadable('the archive has a comment (it must end with the end record)', { actual: String(commentLength) });
  const endOffset = tailStart + endAt;
  let disk = end.readUInt16LE(4);
  let cdDisk = end.readUInt16LE(6);
  let onDisk = end.readUInt16LE(8);
  let entryCount = end.readUInt16LE(10);
  let cdSize = end.readUInt32LE(12);
  let cdOffset = end.readUInt32LE(16);
  let directoryEnd = endOffset;

  const deferred = disk === 0xffff || cdDisk === 0xffff || onDisk === 0xffff || entryCount === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff;
  const locatorAt = endAt - LOCATOR_SIZE;
  const hasLocator = locatorAt >= 0 && tail.readUInt32LE(locatorAt) === SIG_ZIP64_LOCATOR;
  if (deferred && !hasLocator) throw unreadable('the end record defers to ZIP64 records that are missing');
  if (hasLocator) {
    const locator = tail.subarray(locatorAt, endAt);
    if (locator.readUInt32LE(4) !== 0 || locator.readUInt32LE(16) !== 1) throw unreadable('the archive spans several disks');
    const zip64EndOffset = readU64(locator, 8, 'the ZIP64 end record offset');
    const at = zip64EndOffset - tailStart;
    if (at < 0 || at + ZIP64_END_MIN > locatorAt) throw unreadable('the ZIP64 end record is not where its locator says');
    const z = tail.subarray(at, locatorAt);
    if (z.readUInt32LE(0) !== SIG_ZIP64_END) throw unreadable('the ZIP64 end record is not where its locator says');
    // Its size field counts the bytes after itself: the record must end exactly at the locator.
    if (readU64(z, 4, 'the ZIP64 end record size') + 12 !== z.length) throw unreadable('the ZIP64 end record does not end at its locator');
    disk = z.readUInt32LE(16);
    cdDisk = z.readUInt32LE(20);
    onDisk = readU64(z, 24, 'the entry count');
    entryCount = readU64(z, 32, 'the entry count');
    cdSize = readU64(z, 40, 'the central directory size');
    cdOffset = readU64(z, 48, 'the central directory offset');
    directoryEnd = zip64EndOffset;
  }
  if (disk !== 0 || cdDisk !== 0 || onDisk !== entryCount) throw unreadable('the archive spans several disks');
  if (cdOffset + cdSize > directoryEnd) {
    throw truncated('the central directory runs past the end of the file', { expected: String(cdOffset + cdSize), actual: String(directoryEnd) });
  }
  if (cdOffset + cdSize !== directoryEnd) throw unreadable('bytes lie between the central directory and the end record', { actual: String(directoryEnd - cdOffset - cdSize) });
  return { fileSize, entryCount, cdOffset, cdSize };
}

/** How many bytes of the file's end to read to find the end records. */
export function tailLength(fileSize: number): number {
  return Math.min(fileSize, END_SIZE + LOCATOR_SIZE + ZIP64_END_MIN + MAX_COMMENT);
}

/** Every record of the central directory, from its bytes in one buffer. */
export function parseCentralDirectory(cd: Buffer, dir: ZipDirectory): RawCentralEntry[] {
  const records: RawCentralEntry[] = [];
  let at = 0;
  for (let index = 0; index < dir.entryCount; index++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== SIG_CENTRAL) throw unreadable('malformed central directory record', { index });
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > cd.length) throw unreadable('malformed central directory record', { index });
    const fileNameRaw = cd.subarray(at + 46, at + 46 + nameLength);
    const entryName = fileNameRaw.toString('latin1');
    const extraFields = parseExtra(cd.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entryName);
    let uncompressedSize = cd.readUInt32LE(at + 24);
    let compressedSize = cd.readUInt32LE(at + 20);
    let offset = cd.readUInt32LE(at + 42);
    let diskStart = cd.readUInt16LE(at + 34);
    const z64 = extraFields.find((f) => f.id === EXTRA_ZIP64);
    // APPNOTE 4.5.3: the ZIP64 field holds, in this order, only the values the record marks as 0xFFFFFFFF.
    if (z64) {
      let p = 0;
      const take = (what: string): number => {
        if (p + 8 > z64.data.length) throw unreadable(`the ZIP64 field lacks the ${what}`, { entry: entryName });
        const v = readU64(z64.data, p, `the ZIP64 ${what}`);
        p += 8;
        return v;
      };
      if (uncompressedSize === 0xffffffff) uncompressedSize = take('uncompressed size');
      if (compressedSize === 0xffffffff) compressedSize = take('compressed size');
      if (offset === 0xffffffff) offset = take('local header offset');
      if (diskStart === 0xffff) {
        if (p + 4 > z64.data.length) throw unreadable('the ZIP64 field lacks the disk number', { entry: entryName });
        diskStart = z64.data.readUInt32LE(p);
      }
    } else if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || offset === 0xffffffff) {
      throw unreadable('a record defers to a ZIP64 field it does not carry', { entry: entryName });
    }
    if (diskStart !== 0) throw unreadable('the archive spans several disks', { entry: entryName });
    records.push({
      versionMadeBy: cd.readUInt16LE(at + 4),
      generalPurposeBitFlag: cd.readUInt16LE(at + 8),
      compressionMethod: cd.readUInt16LE(at + 10),
      crc32: cd.readUInt32LE(at + 16),
      compressedSize,
      uncompressedSize,
      externalFileAttributes: cd.readUInt32LE(at + 38),
      relativeOffsetOfLocalHeader: offset,
      fileNameRaw,
      extraFields,
      zip64: z64 !== undefined,
    });
    at = next;
  }
  if (at !== cd.length) throw unreadable('the central directory is longer than its records', { actual: String(cd.length - at) });
  return records;
}
