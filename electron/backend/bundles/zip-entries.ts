// Checks of the whole central directory, done before any entry's data is read (docs/bundle-format.md §2):
// names, duplicates (also case- and NFKC-folded), file types, encryption, compression, declared sizes.
import { AppError } from '../../../shared/errors';
import { ATTACHMENT_DIR } from '../../../shared/bundle/layout';
import { RATIO_FLOOR_BYTES } from './limits';
import type { BundleLimits } from './limits';
import type { EntryLocation, RawCentralEntry } from './zip-file';

/** An entry that passed every check; its name is printable ASCII. */
export interface CheckedEntry extends EntryLocation {
  isFolder: boolean;
  crc32: number;
}

const FLAG_ENCRYPTED = 0x1;
const FLAG_STRONG_ENCRYPTION = 0x40;
const FLAG_UTF8 = 0x800;
const EXTRA_UNICODE_PATH = 0x7075;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const DOS_DIRECTORY = 0x10;
const DOS_VOLUME_LABEL = 0x08;
/** A local file header's fixed part: with its name, the least an entry can take before its data. */
const LOCAL_HEADER_MIN = 30;

/** The name as a reader of the spec would decode it, control characters escaped: for messages only. */
export function displayName(raw: Buffer, flags: number): string {
  const text = flags & FLAG_UTF8 ? raw.toString('utf8') : raw.toString('latin1');
  let out = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    out += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? `\\x${code.toString(16).padStart(2, '0')}` : c;
  }
  return out;
}

/** Key under which two names would land on the same file on a case-insensitive, normalizing file system. */
function foldKey(raw: Buffer, flags: number): string {
  const text = flags & FLAG_UTF8 ? raw.toString('utf8') : raw.toString('latin1');
  return text.replace(/\/+$/, '').normalize('NFKC').toLowerCase().normalize('NFKC');
}

function badName(entry: string, reason: string): AppError {
  return new AppError('BUNDLE_BAD_ENTRY_NAME', `unsafe entry name ${JSON.stringify(entry)}: ${reason}`, { entry, reason });
}

/** Why a raw entry name is unsafe, or null. Only printable ASCII, relative, no `.`/`..`/empty segments. */
export function nameProblem(raw: Buffer): string | null {
  if (raw.length === 0) return 'empty name';
  for (const b of raw) {
    if (b < 0x20 || b === 0x7f) return 'control character';
    if (b > 0x7f) return 'non-ASCII character';
  }
  const name = raw.toString('latin1');
  if (name.includes('\\')) return 'backslash';
  if (name.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'drive letter';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  for (const s of segments) {
    if (s === '') return 'empty path segment';
    if (s === '..') return 'parent-folder segment';
    if (s === '.') return 'current-folder segment';
  }
  return null;
}

function fileTypeProblem(e: RawCentralEntry, isFolder: boolean): string | null {
  const attrs = e.externalFileAttributes >>> 0;
  const type = (attrs >>> 16) & S_IFMT;
  if (type === S_IFLNK) return 'symbolic link';
  if (type !== 0 && type !== (isFolder ? S_IFDIR : S_IFREG)) return `not a regular file (mode ${(attrs >>> 16).toString(8)})`;
  if (!isFolder && attrs & (DOS_DIRECTORY | DOS_VOLUME_LABEL)) return 'not a regular file (DOS attributes)';
  return null;
}

function checkEntry(e: RawCentralEntry, limits: BundleLimits): Omit<CheckedEntry, 'end'> {
  const problem = nameProblem(e.fileNameRaw);
  if (problem) throw badName(displayName(e.fileNameRaw, e.generalPurposeBitFlag), problem);
  const name = e.fileNameRaw.toString('latin1');
  // Other readers would take the name from this field instead: refuse the ambiguity.
  if (e.extraFields.some((f) => f.id === EXTRA_UNICODE_PATH)) throw badName(name, 'carries a second (Unicode path) name');
  const isFolder = name.endsWith('/');
  const typeProblem = fileTypeProblem(e, isFolder);
  if (typeProblem) {
    throw new AppError('BUNDLE_SYMLINK', `${name} is a ${typeProblem}; only regular files are allowed`, {
      entry: name,
      mode: ((e.externalFileAttributes >>> 16) & 0xffff).toString(8),
      reason: typeProblem,
    });
  }
  // An empty deflate stream takes 2 bytes.
  if (isFolder && (e.uncompressedSize !== 0 || e.compressedSize > 2)) throw badName(name, 'folder entry with content');
  // Before any size check: an encrypted entry's sizes include its encryption header.
  if (e.generalPurposeBitFlag & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) {
    const reason = e.generalPurposeBitFlag & FLAG_STRONG_ENCRYPTION ? 'strong encryption (bit 6)' : 'encryption (bit 0)';
    throw new AppError('BUNDLE_ENCRYPTED_ENTRY', `${name} is encrypted`, { entry: name, reason });
  }
  const method = e.compressionMethod;
  if (method !== 0 && method !== 8) {
    throw new AppError('BUNDLE_BAD_COMPRESSION', `${name} uses compression method ${method}; only 0 (stored) and 8 (deflate) are allowed`, {
      entry: name,
      expected: '0 or 8',
      actual: String(method),
    });
  }
  const isAttachment = !isFolder && name.startsWith(ATTACHMENT_DIR);
  if (isAttachment && method !== 0) {
    throw new AppError('BUNDLE_BAD_COMPRESSION', `${name}: attachments must be stored uncompressed`, { entry: name, expected: '0', actual: String(method) });
  }
  if (method === 0 && e.compressedSize !== e.uncompressedSize) {
    throw new AppError('BUNDLE_SIZE_MISMATCH', `${name} is stored but declares ${e.compressedSize} compressed and ${e.uncompressedSize} uncompressed bytes`, {
      entry: name,
      expected: String(e.uncompressedSize),
      actual: String(e.compressedSize),
      reason: 'stored sizes differ',
    });
  }
  if (!isFolder && !isAttachment && e.uncompressedSize > limits.maxDocumentBytes) {
    throw new AppError('BUNDLE_TOO_LARGE', `${name} declares ${e.uncompressedSize} bytes; documents may have at most ${limits.maxDocumentBytes}`, {
      entry: name,
      limit: limits.maxDocumentBytes,
      actual: String(e.uncompressedSize),
    });
  }
  // A small deflate stream can claim a large document: refuse what no real document compresses to.
  if (!isFolder && !isAttachment && method === 8 && e.uncompressedSize > RATIO_FLOOR_BYTES && e.uncompressedSize > limits.maxDocumentRatio * e.compressedSize) {
    throw new AppError('BUNDLE_TOO_LARGE', `${name} would inflate ${e.compressedSize} bytes to ${e.uncompressedSize}; at most ${limits.maxDocumentRatio} times is allowed`, {
      entry: name,
      limit: limits.maxDocumentRatio,
      actual: String(e.uncompressedSize),
      reason: 'compression ratio',
    });
  }
  return {
    name,
    isFolder,
    method,
    flags: e.generalPurposeBitFlag,
    crc32: e.crc32 >>> 0,
    compressedSize: e.compressedSize,
    uncompressedSize: e.uncompressedSize,
    offset: e.relativeOffsetOfLocalHeader,
    zip64: e.zip64,
  };
}

function checkDuplicates(records: readonly RawCentralEntry[]): void {
  const seen = new Map<string, string>();
  for (const e of records) {
    const key = foldKey(e.fileNameRaw, e.generalPurposeBitFlag);
    const name = displayName(e.fileNameRaw, e.generalPurposeBitFlag);
    const first = seen.get(key);
    if (first !== undefined) {
      throw new AppError('BUNDLE_DUPLICATE_ENTRY', `${JSON.stringify(name)} duplicates ${JSON.stringify(first)}`, { entry: name, duplicateOf: first });
    }
    seen.set(key, name);
  }
}

/**
 * The entries must tile the archive up to the central directory: the first at offset 0, each one
 * ending where the next begins. Here, with the central directory's name length, every local header
 * at least 30 + name bytes long; the exact end (local extra field, data descriptor) is checked when
 * the entry is read (ZipReader.checkLocal). Sets each entry's `end`.
 */
function checkTiling(entries: Array<Omit<CheckedEntry, 'end'>>, cdOffset: number): CheckedEntry[] {
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  const first = byOffset[0];
  if (first && first.offset !== 0) {
    throw new AppError('BUNDLE_UNREADABLE', `${first.name} does not start the archive: ${first.offset} bytes come before it`, {
      entry: first.name,
      reason: 'bytes before the first entry',
      actual: String(first.offset),
    });
  }
  const ends = new Map<string, number>();
  for (let i = 0; i < byOffset.length; i++) {
    const cur = byOffset[i] as Omit<CheckedEntry, 'end'>;
    const next = byOffset[i + 1];
    const end = next ? next.offset : cdOffset;
    if (cur.offset + LOCAL_HEADER_MIN + cur.name.length + cur.compressedSize > end) {
      const what = next ? `overlaps ${next.name}` : 'overlaps the central directory';
      throw new AppError('BUNDLE_UNREADABLE', `${cur.name} ${what} in the archive`, { entry: cur.name, reason: 'overlapping entries', actual: next ? next.name : 'central directory' });
    }
    ends.set(cur.name, end);
  }
  return entries.map((e) => ({ ...e, end: ends.get(e.name) as number }));
}

/**
 * Checks every record; throws the first problem as an AppError. Duplicates are looked for first, over
 * every record, so that a folded duplicate is reported as such whatever order the records come in.
 */
export function checkCentralDirectory(records: readonly RawCentralEntry[], limits: BundleLimits, cdOffset: number): CheckedEntry[] {
  checkDuplicates(records);
  const entries = records.map((e) => checkEntry(e, limits));
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > limits.maxTotalBytes) {
    throw new AppError('BUNDLE_TOO_LARGE', `the bundle declares ${total} bytes; at most ${limits.maxTotalBytes} are allowed`, {
      limit: limits.maxTotalBytes,
      actual: String(total),
    });
  }
  const documents = entries.filter((e) => !e.isFolder && !e.name.startsWith(ATTACHMENT_DIR)).reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (documents > limits.maxDocumentsTotalBytes) {
    throw new AppError('BUNDLE_TOO_LARGE', `the bundle's documents declare ${documents} bytes; at most ${limits.maxDocumentsTotalBytes} are allowed in all`, {
      limit: limits.maxDocumentsTotalBytes,
      actual: String(documents),
      reason: 'documents in total',
    });
  }
  return checkTiling(entries, cdOffset);
}
