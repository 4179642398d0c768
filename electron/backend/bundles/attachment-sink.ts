// Where verified attachment bytes go: staged into the blob store (import), or nowhere (inspect).
import { AsyncLocalStorage } from 'node:async_hooks';
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

/**
 * Attachments verified and staged (durable temp files) but not yet in the store: an import holds them
 * until its trust, version and schema checks have passed, then publishes them right before its one
 * transaction, or discards them. Check everything first, then write.
 */
export class StagedAttachments {
  private readonly sinks: StoreSink[] = [];
  /** Blobs that publish() added to the store (not those it already held): the job's own, for clean-up. */
  readonly created: string[] = [];

  constructor(readonly dataDir: string) {}

  /** Called by a StoreSink's commit() inside collectStaged(). */
  adopt(sink: StoreSink): void {
    this.sinks.push(sink);
  }

  /** Syncs and renames every staged blob into the store; on failure nothing this call created remains, nor any temp file. */
  async publish(): Promise<string[]> {
    while (this.sinks.length > 0) {
      const blobs = (this.sinks.shift() as StoreSink).takeStaged();
      try {
        this.created.push(...(await commitStagedAll(this.dataDir, blobs)));
      } catch (err) {
        // commitStagedAll undid its own renames; the temp files it did not reach are ours to remove.
        await Promise.all(blobs.map((b) => discardStaged(b).catch(() => undefined)));
        throw err;
      }
    }
    return this.created;
  }

  /** Removes the temp files of everything not published. */
  async discard(): Promise<void> {
    await Promise.all(this.sinks.splice(0).map((sink) => sink.rollback()));
  }
}

const collecting = new AsyncLocalStorage<StagedAttachments>();

/**
 * Runs `read` (a bundles/reader call) so that the StoreSinks it makes hand their staged blobs to `into`
 * at commit() instead of publishing them. The reader stays unaware: it still calls commit() once every
 * hash has passed, and rollback() on any failure.
 */
export function collectStaged<T>(into: StagedAttachments, read: () => Promise<T>): Promise<T> {
  return collecting.run(into, read);
}

export class StoreSink implements AttachmentSink {
  private staged: StagedBlob[] = [];
  /** Blobs that commit() added to the store. */
  readonly created: string[] = [];
  private readonly deferTo = collecting.getStore();

  constructor(private readonly dataDir: string) {}

  /** The staged blobs, handed over once (StagedAttachments.publish). */
  takeStaged(): StagedBlob[] {
    const out = this.staged;
    this.staged = [];
    return out;
  }

  async accept(sha256: string, chunks: AsyncIterable<Buffer>, signal?: AbortSignal): Promise<string> {
    // Already stored: the bytes must still be verified, but need not be written again.
    if (await hasBlob(this.dataDir, sha256)) return hashOnly(chunks);
    const staged = await stageBlob(this.dataDir, Readable.from(chunks), undefined, { deferSync: true, ...(signal ? { signal } : {}) });
    this.staged.push(staged);
    return staged.sha256;
  }

  async commit(): Promise<void> {
    if (this.deferTo) {
      this.deferTo.adopt(this);
      return;
    }
    // On failure commitStagedAll has already removed what it created.
    this.created.push(...(await commitStagedAll(this.dataDir, this.staged)));
  }

  async rollback(): Promise<void> {
    await Promise.all(this.takeStaged().map((s) => discardStaged(s).catch(() => undefined)));
    await removeBlobs(this.dataDir, this.created).catch(() => undefined);
    this.created.length = 0;
  }
}
