// Streaming one entry's data: CRC-32 against the central directory, cancellation, progress.
import { crc32 } from 'node:zlib';
import { AppError } from '../../../shared/errors';
import type { CheckedEntry } from './zip-entries';
import { entryDataError } from './zip-file';
import type { ZipReader } from './zip-file';
import type { ProgressTracker } from './progress';

export interface ReadContext {
  zip: ZipReader;
  progress: ProgressTracker;
  signal?: AbortSignal;
}

export function throwIfCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AppError('JOB_CANCELLED', 'reading the bundle was cancelled');
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/**
 * The entry's bytes, chunk by chunk. Throws BUNDLE_SIZE_MISMATCH / BUNDLE_UNREADABLE / BUNDLE_TRUNCATED
 * for bad data, BUNDLE_HASH_MISMATCH when the CRC-32 differs (it covers entries no manifest lists,
 * such as the signature), JOB_CANCELLED when the signal fires.
 */
export async function* entryChunks(ctx: ReadContext, entry: CheckedEntry): AsyncGenerator<Buffer> {
  throwIfCancelled(ctx.signal);
  const stream = await ctx.zip.openEntry(entry);
  let crc = 0;
  try {
    for await (const chunk of stream) {
      throwIfCancelled(ctx.signal);
      const buf = chunk as Buffer;
      crc = crc32(buf, crc);
      ctx.progress.bytes(buf.length);
      yield buf;
    }
  } catch (err) {
    throw entryDataError(err, entry.name);
  } finally {
    stream.destroy();
  }
  if (crc >>> 0 !== entry.crc32) {
    throw new AppError('BUNDLE_HASH_MISMATCH', `${entry.name} does not match its CRC-32`, {
      entry: entry.name,
      algorithm: 'crc32',
      expected: hex8(entry.crc32),
      actual: hex8(crc >>> 0),
    });
  }
}

/** The whole entry in memory; only for entries whose declared size passed maxDocumentBytes. */
export async function readWhole(ctx: ReadContext, entry: CheckedEntry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of entryChunks(ctx, entry)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
