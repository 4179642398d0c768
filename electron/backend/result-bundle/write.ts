// Streams a planned result bundle into a zip (yazl, every entry stored, §9's fixed time and mode, the plan's
// order), optionally through age while it is written, into a temporary file beside the target; fsync'd and renamed
// only when complete. Attachments are read from the blob store one at a time and hashed again on the way: a blob
// that no longer matches its name stops the export (RESULT_BUNDLE_BLOB_CORRUPT), and nothing is left behind.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import yazl from 'yazl';
import { Encrypter } from 'age-encryption';
import { AppError } from '../../../shared/errors';
import { fsyncDir, removeQuietly, writeFailure } from '../blobs/fs-util';
import { installFastCrc32 } from '../bundles/fast-crc';
import { ZIP_FILE_MODE, ZIP_FIXED_DATE } from '../bundles/writer';
import type { PlannedEntry } from './plan';

/** age (§12.6): one passphrase, or one or more X25519 recipients (age1…). */
export type ResultEncryption = { passphrase: string; scryptLogN?: number } | { recipients: readonly string[] };

export interface WriteProgress {
  phase: 'writing';
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

export interface WriteOptions {
  signal?: AbortSignal;
  onProgress?: (p: WriteProgress) => void;
  encrypt?: ResultEncryption;
}

type LazyZip = yazl.ZipFile & {
  addReadStreamLazy(name: string, options: Partial<yazl.Options> & { size: number; forceDosTimestamp: boolean }, get: (cb: (err: Error | null, s?: NodeJS.ReadableStream) => void) => void): void;
};

const cancelled = () => new AppError('JOB_CANCELLED', 'the result bundle export was cancelled');

/** Checks a blob against its name while yazl reads it. */
function verifiedBlob(e: PlannedEntry & { file: string }, onBytes: (n: number) => void): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      onBytes(chunk.length);
      cb(null, chunk);
    },
    flush(cb) {
      const actual = hash.digest('hex');
      cb(actual === e.sha256 ? null : new AppError('RESULT_BUNDLE_BLOB_CORRUPT', `attachment ${e.sha256} on disk hashes to ${actual}`, { entry: e.name, file: e.file, expected: e.sha256, actual }));
    },
  });
}

async function validateRecipients(enc: ResultEncryption): Promise<Encrypter> {
  const e = new Encrypter();
  if ('passphrase' in enc) {
    e.setPassphrase(enc.passphrase);
    if (enc.scryptLogN !== undefined) e.setScryptWorkFactor(enc.scryptLogN);
    return e;
  }
  enc.recipients.forEach((r, i) => {
    try {
      e.addRecipient(r);
    } catch {
      throw new AppError('RESULT_BUNDLE_BAD_RECIPIENT', `recipient ${i + 1} is not an age X25519 recipient`, { field: 'recipients', row: i + 1, actual: r.slice(0, 80) });
    }
  });
  return e;
}

/** Refuses a bad recipient before anything is written (the export job then cannot fail on it). */
export async function checkEncryption(enc: ResultEncryption | undefined): Promise<void> {
  if (enc) await validateRecipients(enc);
}

/** Writes `entries` (in order) to `outFile` atomically. Returns the file's size and SHA-256 (of what is on disk). */
export async function writeResultZip(outFile: string, entries: readonly PlannedEntry[], opts: WriteOptions = {}): Promise<{ bytes: number; sha256: string }> {
  const { signal } = opts;
  if (signal?.aborted) throw cancelled();
  installFastCrc32();
  const zip = new yazl.ZipFile() as LazyZip;
  const mtime = new Date(ZIP_FIXED_DATE.year, ZIP_FIXED_DATE.month - 1, ZIP_FIXED_DATE.day, 0, 0, 0);
  let failure: unknown = null;
  // The blob being read when something fails is closed at once, not left to the garbage collector.
  const reading = new Set<fs.ReadStream>();
  const fail = (err: unknown) => {
    failure ??= err;
    for (const src of reading) src.destroy();
    (zip.outputStream as unknown as Readable).destroy(err instanceof Error ? err : new Error(String(err)));
  };
  zip.on('error', fail);
  const bytesTotal = entries.reduce((n, e) => n + e.size, 0);
  let bytesDone = 0;
  let filesDone = 0;
  const report = () => opts.onProgress?.({ phase: 'writing', bytesDone, bytesTotal, filesDone, filesTotal: entries.length });
  for (const e of entries) {
    const options = { mtime, mode: ZIP_FILE_MODE, compress: false, forceDosTimestamp: true };
    if ('data' in e) {
      zip.addBuffer(Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength), e.name, options);
      continue;
    }
    zip.addReadStreamLazy(e.name, { ...options, size: e.size }, (cb) => {
      const src = fs.createReadStream(e.file, { highWaterMark: 1 << 20 });
      reading.add(src);
      src.on('close', () => reading.delete(src));
      const check = verifiedBlob(e, (n) => {
        bytesDone += n;
      });
      src.on('error', fail);
      check.on('error', fail);
      check.on('end', () => {
        filesDone++;
        report();
      });
      cb(null, src.pipe(check));
    });
  }
  zip.end();

  let out: AsyncIterable<Uint8Array> = zip.outputStream as unknown as AsyncIterable<Uint8Array>;
  if (opts.encrypt) {
    const enc = await validateRecipients(opts.encrypt);
    const web = await enc.encrypt(Readable.toWeb(zip.outputStream as unknown as Readable) as unknown as ReadableStream<Uint8Array>);
    out = Readable.fromWeb(web as unknown as NodeReadableStream<Uint8Array>);
  }

  const tmp = path.join(path.dirname(outFile), `.${path.basename(outFile)}.${randomBytes(8).toString('hex')}.tmp`);
  const hash = createHash('sha256');
  let bytes = 0;
  let fh: fsp.FileHandle | null = null;
  const onAbort = () => fail(cancelled());
  signal?.addEventListener('abort', onAbort);
  try {
    try {
      fh = await fsp.open(tmp, 'wx', 0o644);
    } catch (err) {
      throw writeFailure(err, outFile);
    }
    let lastReport = 0;
    for await (const chunk of out) {
      if (signal?.aborted) throw cancelled();
      hash.update(chunk);
      bytes += chunk.length;
      try {
        await fh.write(chunk);
      } catch (err) {
        throw writeFailure(err, outFile);
      }
      if (bytes - lastReport >= 4 << 20) {
        lastReport = bytes;
        report();
      }
    }
    if (failure) throw failure;
    try {
      await fh.sync();
      await fh.close();
      fh = null;
      await fsp.rename(tmp, outFile);
    } catch (err) {
      throw writeFailure(err, outFile);
    }
  } catch (err) {
    await fh?.close().catch(() => undefined);
    await removeQuietly(tmp).catch(() => false);
    throw failure instanceof AppError ? failure : err instanceof AppError ? err : writeFailure(failure ?? err, outFile);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  await fsyncDir(path.dirname(outFile)).catch(() => undefined);
  filesDone = entries.length;
  bytesDone = bytesTotal;
  report();
  return { bytes, sha256: hash.digest('hex') };
}
