// What the verifier needs from its host: random access to the file's bytes and a raw inflater. Injected,
// so the same checks run in Node (a file handle, zlib, native hashes) and in the renderer (a Blob,
// DecompressionStream). Hashes default to @noble/hashes; a host may supply faster native ones.
import { sha256 } from '@noble/hashes/sha2.js';
import { crc32 as crc32Fallback } from './crc32';

export interface IncrementalHash {
  update(data: Uint8Array): void;
  /** Lower-case hex digest. */
  hex(): string;
}

export interface VerifyIO {
  /** Size of the (decrypted) bundle in bytes. */
  readonly size: number;
  /** Exactly `length` bytes at `offset` (the verifier never asks past `size`). */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Inflates a raw deflate stream; throws on an invalid one. `maxBytes` bounds the output. */
  inflateRaw(data: Uint8Array, maxBytes: number): Promise<Uint8Array>;
  /** Optional native SHA-256. */
  sha256?: () => IncrementalHash;
  /** Optional native CRC-32, continuing from `prev`. */
  crc32?: (data: Uint8Array, prev: number) => number;
}

export function sha256Of(io: VerifyIO): IncrementalHash {
  if (io.sha256) return io.sha256();
  const h = sha256.create();
  return {
    update: (d) => void h.update(d),
    hex: () => Array.from(h.digest(), (b) => b.toString(16).padStart(2, '0')).join(''),
  };
}

export function crc32Of(io: VerifyIO, data: Uint8Array, prev: number): number {
  return io.crc32 ? io.crc32(data, prev) : crc32Fallback(data, prev);
}

/** A VerifyIO over bytes already in memory (tests, the renderer given a small file). */
export function bytesIO(bytes: Uint8Array, inflateRaw: VerifyIO['inflateRaw']): VerifyIO {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
    inflateRaw,
  };
}
