// yauzl 3.4, narrowed to what the bundle reader uses (@types/yauzl describes v2: no raw names, no low-level
// API). Names are read undecoded (decodeStrings: false): zip-entries.ts checks the raw bytes itself, so an
// Info-ZIP Unicode Path field can never substitute a name, and a bad name is reported by name instead of
// stopping yauzl's walk with a bare message.
import type { EventEmitter } from 'node:events';
import fs from 'node:fs/promises';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AppError } from '../../../shared/errors';

/** One central-directory record, as yauzl parsed it. */
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
}

/** What it takes to open an entry's data. */
export interface EntryLocation {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  offset: number;
}

type Callback<T> = (err: Error | null, value?: T) => void;

interface LocalHeader {
  fileDataStart: number;
  generalPurposeBitFlag: number;
  compressionMethod: number;
  fileName: Buffer;
}

interface YauzlZip extends EventEmitter {
  entryCount: number;
  readEntry(): void;
  close(): void;
  readLocalFileHeader(entry: { relativeOffsetOfLocalHeader: number; compressedSize: number }, opts: { minimal: false }, cb: Callback<LocalHeader>): void;
  openReadStreamLowLevel(
    fileDataStart: number,
    compressedSize: number,
    relativeStart: number,
    relativeEnd: number,
    decompress: boolean,
    uncompressedSize: number,
    cb: Callback<Readable>,
  ): void;
}

interface YauzlOptions {
  lazyEntries: boolean;
  autoClose: boolean;
  decodeStrings: boolean;
  strictFileNames: boolean;
  validateEntrySizes: boolean;
}

const openRaw = yauzl.open as unknown as (file: string, opts: YauzlOptions, cb: Callback<YauzlZip>) => void;

const OPTIONS: YauzlOptions = { lazyEntries: true, autoClose: false, decodeStrings: false, strictFileNames: true, validateEntrySizes: true };

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A file that starts like a zip but has no end record was cut short; anything else is not a zip. */
async function startsLikeZip(file: string): Promise<boolean> {
  try {
    const fh = await fs.open(file, 'r');
    try {
      const head = Buffer.alloc(4);
      const { bytesRead } = await fh.read(head, 0, 4, 0);
      return bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50;
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
}

export class ZipReader {
  private failure: Error | null = null;

  private constructor(private readonly zip: YauzlZip) {
    // yauzl also reports a failed close here; without a listener that would be an uncaught 'error'.
    zip.on('error', (err: Error) => {
      this.failure ??= err;
    });
  }

  static async open(file: string): Promise<ZipReader> {
    let zip: YauzlZip;
    try {
      zip = await new Promise<YauzlZip>((resolve, reject) => openRaw(file, OPTIONS, (err, z) => (err || !z ? reject(err) : resolve(z))));
    } catch (err) {
      const message = messageOf(err);
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== undefined) throw new AppError('BUNDLE_UNREADABLE', `cannot open ${file}: ${message}`, { file, reason: code });
      if (/unexpected EOF/.test(message) || (/signature not found/.test(message) && (await startsLikeZip(file)))) {
        throw new AppError('BUNDLE_TRUNCATED', 'the bundle is truncated: its zip directory is missing or cut short', { file, reason: message });
      }
      throw new AppError('BUNDLE_UNREADABLE', 'the file is not a zip archive', { file, reason: message });
    }
    return new ZipReader(zip);
  }

  get entryCount(): number {
    return this.zip.entryCount;
  }

  /** Reads every central-directory record, calling `each` in order. */
  async walk(each: (entry: RawCentralEntry, index: number) => void): Promise<void> {
    for (let index = 0; ; index++) {
      const entry = await this.next();
      if (!entry) return;
      each(entry, index);
    }
  }

  private next(): Promise<RawCentralEntry | null> {
    const zip = this.zip;
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(walkError(this.failure, zip));
      const done = (): void => {
        zip.off('entry', onEntry);
        zip.off('end', onEnd);
        zip.off('error', onError);
      };
      const onEntry = (e: RawCentralEntry): void => (done(), resolve(e));
      const onEnd = (): void => (done(), resolve(null));
      const onError = (err: Error): void => (done(), reject(walkError(err, zip)));
      zip.on('entry', onEntry);
      zip.on('end', onEnd);
      zip.on('error', onError);
      zip.readEntry();
    });
  }

  /** The entry's (inflated) data; yauzl checks the byte count against the declared size while it streams. */
  async openEntry(loc: EntryLocation): Promise<Readable> {
    let local: LocalHeader;
    try {
      local = await new Promise<LocalHeader>((resolve, reject) =>
        this.zip.readLocalFileHeader(
          { relativeOffsetOfLocalHeader: loc.offset, compressedSize: loc.compressedSize },
          { minimal: false },
          (err, h) => (err || !h ? reject(err) : resolve(h)),
        ),
      );
    } catch (err) {
      throw entryDataError(err, loc.name);
    }
    // Tools that stream a zip trust the local header: it must say what the central directory says.
    if (!local.fileName.equals(Buffer.from(loc.name, 'latin1')) || local.compressionMethod !== loc.method || local.generalPurposeBitFlag & 0x41) {
      throw new AppError('BUNDLE_UNREADABLE', `${loc.name}: its local header disagrees with the central directory`, {
        entry: loc.name,
        reason: 'local header differs',
      });
    }
    try {
      return await new Promise<Readable>((resolve, reject) =>
        this.zip.openReadStreamLowLevel(local.fileDataStart, loc.compressedSize, 0, loc.compressedSize, loc.method === 8, loc.uncompressedSize, (err, s) =>
          err || !s ? reject(err) : resolve(s),
        ),
      );
    } catch (err) {
      throw entryDataError(err, loc.name);
    }
  }

  close(): void {
    this.zip.close();
  }
}

/** Errors yauzl raises while walking the central directory (index: the record that failed, 0-based). */
function walkError(err: Error, zip: YauzlZip & { entriesRead?: number }): AppError {
  const message = err.message;
  const read = zip.entriesRead ?? 0;
  if (/strong encryption/.test(message)) {
    return new AppError('BUNDLE_ENCRYPTED_ENTRY', 'an entry uses strong encryption', { index: read, reason: message });
  }
  if (/size mismatch for stored file/.test(message)) {
    // yauzl counts the record before it checks the sizes.
    return new AppError('BUNDLE_SIZE_MISMATCH', 'a stored entry declares different compressed and uncompressed sizes', { index: read - 1, reason: message });
  }
  if (/unexpected EOF/.test(message)) {
    return new AppError('BUNDLE_TRUNCATED', 'the zip directory runs past the end of the file', { index: read, reason: message });
  }
  return new AppError('BUNDLE_UNREADABLE', 'the zip directory is malformed', { index: read, reason: message });
}

/** Errors of reading one entry's data: lying sizes, bad deflate data, data outside the file. */
export function entryDataError(err: unknown, entry: string): AppError {
  if (err instanceof AppError) return err;
  const message = messageOf(err);
  if (/bytes in the stream/.test(message)) {
    return new AppError('BUNDLE_SIZE_MISMATCH', `${entry}: the data does not match its declared size`, { entry, reason: message });
  }
  if (/overflows file bounds|unexpected EOF/.test(message)) {
    return new AppError('BUNDLE_TRUNCATED', `${entry}: the data runs past the end of the file`, { entry, reason: message });
  }
  return new AppError('BUNDLE_UNREADABLE', `${entry}: cannot read the data: ${message}`, { entry, reason: message });
}
