// Layout of the content-addressed attachment store under the data folder.
import path from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256Hex(v: string): boolean {
  return SHA256_HEX.test(v);
}

export function blobsRoot(dataDir: string): string {
  return path.join(dataDir, 'blobs', 'sha256');
}

/** blobs/sha256/ab/abcdef…; throws on anything that is not a SHA-256 hex digest (no path tricks). */
export function blobPath(dataDir: string, sha256: string): string {
  if (!isSha256Hex(sha256)) throw new Error(`not a sha256 digest: ${sha256.slice(0, 80)}`);
  return path.join(blobsRoot(dataDir), sha256.slice(0, 2), sha256);
}

/** Staging folder on the same file system, so that rename is atomic. */
export function blobsTmp(dataDir: string): string {
  return path.join(dataDir, 'blobs', 'tmp');
}
