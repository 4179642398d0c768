// Reading a bundle's zip: the central directory in one read (zip-directory.ts), then each entry's local
// header checked against it (docs/bundle-format.md §2.1) before its data is streamed and inflated.
// Our own reader rather than yauzl's walk: one pass over the directory instead of one event per record,
// and every structural problem gets its own code (an encrypted stored entry is not a size mismatch).
import fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../../../shared/errors';
import { EXTRA_ZIP64, MAX_CENTRAL_DIRECTORY_BYTES, SIG_LOCAL, parseCentralDirectory, parseEnd, parseExtra, readU64, tailLength } from './zip-directory';
import type { RawCentralEntry, ZipDirectory } from './zip-directory';

export type { RawCentralEntry } from './zip-directory';

/** What it takes to open an entry's data. */
export interface EntryLocation {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  offset: number;
  /** Where the next entry's local header (or the central directory) starts: this entry must end there. */
  end: number;
  zip64: boolean;
}

const FLAG_DATA_DESCRIPTOR = 0x8;
const SIG_DATA_DESCRIPTOR = 0x08074b50;
const EXTRA_UNICODE_PATH = 0x7075;

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function localError(entry: string, reason: string): AppError {
  return new AppError('BUNDLE_UNREADABLE', `${entry}: its local header disagrees with the central directory (${reason})`, { entry, reason });
}

export class ZipReader {
  private constructor(
    private readonly fh: FileHandle,
    readonly directory: ZipDirectory,
  ) {}

  static async open(file: string): Promise<ZipReader> {
    let fh: FileHandle;
    try {
      fh = await fs.open(file, 'r');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
      throw new AppError('BUNDLE_UNREADABLE', `cannot open ${file}: ${messageOf(err)}`, { file, reason: code });
    }
    try {
      const { size } = await fh.stat();
      const tail = await readAt(fh, size - tailLength(size), tailLength(size));
      const head = await readAt(fh, 0, Math.min(4, size));
      const startsLikeZip = head.length === 4 && head.readUInt32LE(0) === SIG_LOCAL;
      const directory = parseEnd(tail, size, startsLikeZip);
      return new ZipReader(fh, directory);
    } catch (err) {
      await fh.close();
      if (err instanceof AppError) throw new AppError(err.code, err.message, { file, ...err.details });
      throw err;
    }
  }

  get entryCount(): number {
    return this.directory.entryCount;
  }

  /** Every central-directory record, from a single read of the directory. */
  async readDirectory(): Promise<RawCentralEntry[]> {
    const { cdOffset, cdSize } = this.directory;
    if (cdSize > MAX_CENTRAL_DIRECTORY_BYTES) {
      throw new AppError('BUNDLE_TOO_LARGE', `the central directory is ${cdSize} bytes; at most ${MAX_CENTRAL_DIRECTORY_BYTES} are allowed`, {
        limit: MAX_CENTRAL_DIRECTORY_BYTES,
        actual: String(cdSize),
        reason: 'central directory',
      });
    }
    return parseCentralDirectory(await readAt(this.fh, cdOffset, cdSize), this.directory);
  }

  /**
   * Checks the entry's local header (and data descriptor) against the central directory, and that the
   * entry ends exactly where the next one begins; returns where its data starts.
   */
  async checkLocal(loc: EntryLocation): Promise<number> {
    const name = loc.name;
    const header = await readAt(this.fh, loc.offset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== SIG_LOCAL) throw localError(name, 'no local header at its offset');
    const flags = header.readUInt16LE(6);
    const method = header.readUInt16LE(8);
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    const rest = await readAt(this.fh, loc.offset + 30, nameLength + extraLength);
    if (rest.length < nameLength + extraLength) throw localError(name, 'local header cut short');
    if (!rest.subarray(0, nameLength).equals(Buffer.from(name, 'latin1'))) throw localError(name, 'another name');
    if (flags !== loc.flags) throw localError(name, 'other general-purpose flags');
    if (method !== loc.method) throw localError(name, 'another compression method');
    const extra = parseExtra(rest.subarray(nameLength), name);
    if (extra.some((f) => f.id === EXTRA_UNICODE_PATH)) throw localError(name, 'a Unicode path field');
    let crc = header.readUInt32LE(14);
    let csize = header.readUInt32LE(18);
    let usize = header.readUInt32LE(22);
    const z64 = extra.find((f) => f.id === EXTRA_ZIP64);
    if (csize === 0xffffffff || usize === 0xffffffff) {
      // A local ZIP64 field carries both sizes (APPNOTE 4.5.3).
      if (!z64 || z64.data.length < 16) throw localError(name, 'ZIP64 sizes without a ZIP64 field');
      usize = readU64(z64.data, 0, 'the local ZIP64 uncompressed size');
      csize = readU64(z64.data, 8, 'the local ZIP64 compressed size');
    }
    const deferred = (flags & FLAG_DATA_DESCRIPTOR) !== 0;
    const agrees = (local: number, central: number): boolean => local === central || (deferred && local === 0);
    if (!agrees(crc >>> 0, loc.crc32)) throw localError(name, 'another CRC-32');
    if (!agrees(csize, loc.compressedSize) || !agrees(usize, loc.uncompressedSize)) throw localError(name, 'other sizes');
    const dataStart = loc.offset + 30 + nameLength + extraLength;
    let end = dataStart + loc.compressedSize;
    if (deferred) {
      // The descriptor follows the data: signature, CRC-32, then both sizes (8 bytes each for ZIP64).
      const wide = loc.zip64 || z64 !== undefined;
      const dd = await readAt(this.fh, end, wide ? 24 : 16);
      if (dd.length < (wide ? 24 : 16) || dd.readUInt32LE(0) !== SIG_DATA_DESCRIPTOR) throw localError(name, 'no data descriptor after the data');
      crc = dd.readUInt32LE(4);
      csize = wide ? readU64(dd, 8, 'the descriptor size') : dd.readUInt32LE(8);
      usize = wide ? readU64(dd, 16, 'the descriptor size') : dd.readUInt32LE(12);
      if (crc >>> 0 !== loc.crc32 || csize !== loc.compressedSize || usize !== loc.uncompressedSize) throw localError(name, 'the data descriptor differs');
      end += dd.length;
    }
    if (end > loc.end) {
      throw new AppError('BUNDLE_UNREADABLE', `${name} overlaps the next entry in the archive`, { entry: name, reason: 'overlapping entries', expected: String(loc.end), actual: String(end) });
    }
    if (end < loc.end) {
      throw new AppError('BUNDLE_UNREADABLE', `${name} is followed by ${loc.end - end} bytes that belong to no entry`, {
        entry: name,
        reason: 'bytes between entries',
        expected: String(loc.end),
        actual: String(end),
      });
    }
    return dataStart;
  }

  /** The entry's data, inflated when deflated; exactly `uncompressedSize` bytes or an error. */
  async openEntry(loc: EntryLocation): Promise<Readable> {
    const dataStart = await this.checkLocal(loc);
    const raw = Readable.from(rangeChunks(this.fh, dataStart, loc.compressedSize), { objectMode: false });
    const counted = new SizeCheck(loc.uncompressedSize);
    const fail = (err: Error): void => {
      counted.destroy(err);
    };
    raw.on('error', fail);
    if (loc.method !== 8) {
      counted.on('close', () => raw.destroy());
      return raw.pipe(counted);
    }
    const inflate = createInflateRaw();
    inflate.on('error', fail);
    counted.on('close', () => {
      raw.destroy();
      inflate.destroy();
    });
    return raw.pipe(inflate).pipe(counted);
  }

  async close(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}

/** Passes bytes through, failing as soon as more arrive than declared, or at the end if fewer did. */
class SizeCheck extends Transform {
  private seen = 0;
  constructor(private readonly declared: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.declared) return cb(new Error(`too many bytes in the stream: more than the declared ${this.declared}`));
    cb(null, chunk);
  }
  override _flush(cb: TransformCallback): void {
    if (this.seen !== this.declared) return cb(new Error(`not enough bytes in the stream: ${this.seen} of the declared ${this.declared}`));
    cb();
  }
}

const CHUNK = 256 * 1024;

/** A byte range of the file, by positional reads (FileHandle.createReadStream closes the handle when destroyed). */
async function* rangeChunks(fh: FileHandle, start: number, length: number): AsyncGenerator<Buffer> {
  let done = 0;
  while (done < length) {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, length - done));
    const { bytesRead } = await fh.read(buf, 0, buf.length, start + done);
    if (bytesRead === 0) throw new Error('unexpected end of file');
    done += bytesRead;
    yield bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
  }
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buf : buf.subarray(0, done);
}

/** Errors of reading one entry's data: lying sizes, bad deflate data. */
export function entryDataError(err: unknown, entry: string): AppError {
  if (err instanceof AppError) return err;
  const message = messageOf(err);
  if (/bytes in the stream/.test(message)) {
    return new AppError('BUNDLE_SIZE_MISMATCH', `${entry}: the data does not match its declared size`, { entry, reason: message });
  }
  return new AppError('BUNDLE_UNREADABLE', `${entry}: cannot read the data: ${message}`, { entry, reason: message });
}
