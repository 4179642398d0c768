// Where verified attachment bytes go: staged into the blob store (import), or nowhere (inspect).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { commitStagedAll, discardStaged, hasBlob, removeBlobs, stageBlob } from '../blobs/store';
import type { StagedBlob } from '../blobs/store';

export interface AttachmentSink {
  /** Consumes every chunk; returns the SHA-256 of what it consumed. Nothing is visible in the store yet. */
  accept(sha256: string, chunks: AsyncIterable<Buffer>, signal?: AbortSignal): Promise<string>;
  /** Makes every accepted attachment visible. */
  commit(): Promise<void>;
  /** Undoes everything: temp files and the blobs this sink created. */
  rollback(): Promise<void>;
}

async function hashOnly(chunks: AsyncIterable<Buffer>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}

export const hashOnlySink: AttachmentSink = {
  accept: (_sha256, chunks) => hashOnly(chunks),
  commit: async () => undefined,
  rollback: async () => undefined,
};

export class StoreSink implements AttachmentSink {
  private readonly staged: StagedBlob[] = [];
  /** Blobs that commit() added to the store. */
  readonly created: string[] = [];

  constructor(private readonly dataDir: string) {}

  async accept(sha256: string, chunks: AsyncIterable<Buffer>, signal?: AbortSignal): Promise<string> {
    // Already stored: the bytes must still be verified, but need not be written again.
    if (await hasBlob(this.dataDir, sha256)) return hashOnly(chunks);
    const staged = await stageBlob(this.dataDir, Readable.from(chunks), undefined, { deferSync: true, ...(signal ? { signal } : {}) });
    this.staged.push(staged);
    return staged.sha256;
  }

  async commit(): Promise<void> {
    // On failure commitStagedAll has already removed what it created.
    this.created.push(...(await commitStagedAll(this.dataDir, this.staged)));
  }

  async rollback(): Promise<void> {
    await Promise.all(this.staged.map((s) => discardStaged(s).catch(() => undefined)));
    await removeBlobs(this.dataDir, this.created).catch(() => undefined);
    this.created.length = 0;
  }
}
