// age-encrypted bundles (docs/bundle-format.md §7): detected by their first bytes, decrypted as a stream
// to a temp file under <dataDir>/tmp, and read as a plain bundle only once every chunk has authenticated.
// The temp file is removed whatever happens. Also the writer side, for `paneldesk demo` and tests.
import { createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Decrypter, Encrypter, type Identity, type Stanza } from 'age-encryption';
import { AppError } from '../../../shared/errors';
import { removeQuietly, writeFailure } from '../blobs/fs-util';
import { AGE_BINARY_MAGIC, ARMOR_BEGIN, AgeFormatError, MAX_AGE_HEADER_BYTES, armorDecoder, armorEncoder, headerGuard, recipientTypesOf } from './age-armor';

export type AgeFormat = 'binary' | 'armored';

/** What the secretary gave to open an encrypted bundle: a passphrase, an `AGE-SECRET-KEY-1…` identity, or both. */
export interface AgeKey {
  passphrase?: string | undefined;
  identity?: string | undefined;
}

export interface DecryptProgress {
  phase: 'decrypting';
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

/** Highest scrypt work factor accepted (age's own cap): 2^20 × 1 KiB = 1 GiB of scrypt memory at most. */
export const MAX_SCRYPT_LOG_N = 20;
const SCRYPT_LABEL = 'age-encryption.org/v1/scrypt';
const CHUNK = 64 * 1024;
// Decrypted bundles, and the plain expert packages staged before encryption (services/offline.ts).
const TMP_NAME = /^(?:decrypt-[0-9a-f]{32}\.tmp|package-[0-9a-f]{32}\.plain\.tmp(?:\.tmp-[0-9a-f]{16})?)$/;
/** Temp files older than this are left-overs of a crash; a live import touches its file far sooner. */
const STALE_MS = 60 * 60 * 1000;

export function decryptTmpDir(dataDir: string): string {
  return path.join(dataDir, 'tmp');
}

/** 'binary', 'armored', or null for anything else (including an unreadable file: the zip reader reports it). */
export async function detectAgeFormat(file: string): Promise<AgeFormat | null> {
  let head: Buffer;
  try {
    const fh = await fsp.open(file, 'r');
    try {
      const buf = Buffer.alloc(1024);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch {
    return null;
  }
  const text = head.toString('latin1');
  if (text.startsWith(AGE_BINARY_MAGIC)) return 'binary';
  if (text.replace(/^[ \t\r\n]+/, '').startsWith(ARMOR_BEGIN)) return 'armored';
  return null;
}

/** Unwraps age's scrypt stanza with Node's scrypt: off the event loop, and with a bounded work factor. */
class PassphraseIdentity implements Identity {
  constructor(private readonly passphrase: string) {}

  async unwrapFileKey(stanzas: Stanza[]): Promise<Uint8Array | null> {
    const s = stanzas.find((x) => x.args[0] === 'scrypt');
    if (!s) return null;
    // A passphrase-encrypted file has exactly one recipient (age spec, scrypt recipient type).
    if (stanzas.length !== 1) throw new AgeFormatError('scrypt stanza is not the only one');
    const [, saltText, logNText] = s.args;
    if (s.args.length !== 3 || saltText === undefined || logNText === undefined || !/^[1-9][0-9]?$/.test(logNText)) {
      throw new AgeFormatError('invalid scrypt stanza');
    }
    const salt = Buffer.from(saltText, 'base64');
    if (salt.length !== 16 || salt.toString('base64').replace(/=+$/, '') !== saltText || s.body.length !== 32) {
      throw new AgeFormatError('invalid scrypt stanza');
    }
    const logN = Number(logNText);
    if (logN > MAX_SCRYPT_LOG_N) throw new AgeFormatError(`scrypt work factor 2^${logN} is too high`);
    const N = 2 ** logN;
    const key = await new Promise<Buffer>((resolve, reject) =>
      scrypt(this.passphrase, Buffer.concat([Buffer.from(SCRYPT_LABEL), salt]), 32, { N, r: 8, p: 1, maxmem: 128 * 8 * N + (1 << 20) }, (err, k) =>
        err ? reject(err) : resolve(k),
      ),
    );
    try {
      const d = createDecipheriv('chacha20-poly1305', key, Buffer.alloc(12), { authTagLength: 16 });
      d.setAuthTag(s.body.subarray(16));
      return new Uint8Array(Buffer.concat([d.update(s.body.subarray(0, 16)), d.final()]));
    } catch {
      return null; // another passphrase
    }
  }
}

function decryptFailed(file: string, stage: 'header' | 'payload', err: unknown): AppError {
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError('BUNDLE_DECRYPT_FAILED', `cannot decrypt ${file}: ${reason}`, { file, stage, reason });
}

function cancelled(): AppError {
  return new AppError('JOB_CANCELLED', 'decrypting the bundle was cancelled');
}

/** The ciphertext of `file` as a binary age stream (armor removed), with its byte count reported. */
function ageSource(file: string, format: AgeFormat, onBytes?: (n: number) => void): { node: fs.ReadStream; stream: ReadableStream<Uint8Array> } {
  const node = fs.createReadStream(file, { highWaterMark: CHUNK });
  let stream = (Readable.toWeb(node) as unknown as ReadableStream<Uint8Array>).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        onBytes?.(chunk.length);
        controller.enqueue(chunk);
      },
    }),
  );
  if (format === 'armored') stream = stream.pipeThrough(armorDecoder());
  return { node, stream: stream.pipeThrough(headerGuard()) };
}

/** Recipient types named in the file's header (`scrypt`, `X25519`…), so the UI asks for the right thing. */
export async function ageRecipientTypes(file: string, format: AgeFormat): Promise<string[]> {
  const { node, stream } = ageSource(file, format);
  const reader = stream.getReader();
  const parts: Buffer[] = [];
  let size = 0;
  try {
    while (size < MAX_AGE_HEADER_BYTES) {
      const r = await reader.read();
      if (r.done) break;
      parts.push(Buffer.from(r.value));
      size += r.value.length;
      if (Buffer.concat(parts).includes('\n---')) break;
    }
    return recipientTypesOf(Buffer.concat(parts));
  } catch {
    return [];
  } finally {
    await reader.cancel().catch(() => undefined);
    node.destroy();
  }
}

async function writeAll(fh: fsp.FileHandle, data: Uint8Array, p: string): Promise<void> {
  let off = 0;
  while (off < data.length) {
    try {
      const { bytesWritten } = await fh.write(data, off, data.length - off);
      off += bytesWritten;
    } catch (err) {
      throw writeFailure(err, p);
    }
  }
}

/**
 * Decrypts `file` into the new file `outFile` (mode 0600), fsync'd. Throws BUNDLE_DECRYPT_FAILED (wrong
 * key, tampered or truncated ciphertext, bad armor), BUNDLE_UNREADABLE, DISK_FULL, JOB_CANCELLED. The
 * caller removes `outFile` on failure.
 */
export async function decryptAgeFile(
  file: string,
  format: AgeFormat,
  outFile: string,
  key: AgeKey,
  opts: { signal?: AbortSignal | undefined; onBytes?: (done: number, total: number) => void } = {},
): Promise<void> {
  const { signal } = opts;
  if (signal?.aborted) throw cancelled();
  const total = (await fsp.stat(file)).size;
  let done = 0;
  const { node, stream } = ageSource(file, format, (n) => {
    done += n;
    opts.onBytes?.(done, total);
  });
  const onAbort = (): void => {
    node.destroy();
  };
  signal?.addEventListener('abort', onAbort);
  let fh: fsp.FileHandle | null = null;
  try {
    const d = new Decrypter();
    let plain: ReadableStream<Uint8Array>;
    try {
      if (key.passphrase) d.addIdentity(new PassphraseIdentity(key.passphrase));
      if (key.identity) d.addIdentity(key.identity.trim());
      plain = await d.decrypt(stream);
    } catch (err) {
      if (signal?.aborted) throw cancelled();
      throw decryptFailed(file, 'header', err);
    }
    try {
      fh = await fsp.open(outFile, 'wx', 0o600);
    } catch (err) {
      throw writeFailure(err, outFile);
    }
    const reader = plain.getReader();
    for (;;) {
      let r: Awaited<ReturnType<typeof reader.read>>;
      try {
        r = await reader.read();
      } catch (err) {
        if (signal?.aborted) throw cancelled();
        const code = (err as { code?: unknown } | null)?.code;
        if (typeof code === 'string' && !(err instanceof AgeFormatError)) {
          throw new AppError('BUNDLE_UNREADABLE', `cannot read ${file}: ${(err as Error).message}`, { file, reason: code });
        }
        throw decryptFailed(file, 'payload', err);
      }
      if (r.done) break;
      if (signal?.aborted) throw cancelled();
      await writeAll(fh, r.value, outFile);
    }
    if (signal?.aborted) throw cancelled();
    try {
      await fh.sync();
    } catch (err) {
      throw writeFailure(err, outFile);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await fh?.close().catch(() => undefined);
    node.destroy();
  }
}

async function sweepStale(dir: string): Promise<void> {
  const now = Date.now();
  for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
    if (!TMP_NAME.test(name)) continue;
    const p = path.join(dir, name);
    const st = await fsp.stat(p).catch(() => null);
    if (st && now - st.mtimeMs > STALE_MS) await removeQuietly(p).catch(() => undefined);
  }
}

/** An error about the temp file names the file the secretary chose instead. */
function aboutOriginal(err: unknown, tmp: string, file: string): unknown {
  if (!(err instanceof AppError) || err.details?.file !== tmp) return err;
  return new AppError(err.code, err.message.split(tmp).join(file), { ...err.details, file });
}

/**
 * Runs `run` on a plain bundle: `file` itself, or, when it is age-encrypted, its decryption in
 * <dataDir>/tmp, which is removed afterwards on success, failure and cancel alike.
 * Throws BUNDLE_ENCRYPTED_NEEDS_KEY (details.recipients: the header's recipient types) without a key.
 */
export async function withPlainBundle<T>(
  dataDir: string,
  file: string,
  opts: { key?: AgeKey | undefined; signal?: AbortSignal | undefined; onProgress?: ((p: DecryptProgress) => void) | undefined },
  run: (plainFile: string) => Promise<T>,
): Promise<T> {
  const format = await detectAgeFormat(file);
  if (!format) return run(file);
  if (!opts.key?.passphrase && !opts.key?.identity) {
    const recipients = await ageRecipientTypes(file, format);
    throw new AppError('BUNDLE_ENCRYPTED_NEEDS_KEY', `${file} is age-encrypted: a passphrase or identity is needed`, {
      file,
      recipients: recipients.join(','),
    });
  }
  const dir = decryptTmpDir(dataDir);
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw writeFailure(err, dir);
  }
  await sweepStale(dir);
  const tmp = path.join(dir, `decrypt-${randomBytes(16).toString('hex')}.tmp`);
  try {
    opts.onProgress?.({ phase: 'decrypting', bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0 });
    try {
      await decryptAgeFile(file, format, tmp, opts.key, {
        signal: opts.signal,
        onBytes: (bytesDone, bytesTotal) => opts.onProgress?.({ phase: 'decrypting', bytesDone, bytesTotal, filesDone: 0, filesTotal: 0 }),
      });
    } catch (err) {
      // Say which kind of key the file wants, so the retry asks for the right one.
      if (!(err instanceof AppError) || err.code !== 'BUNDLE_DECRYPT_FAILED') throw err;
      throw new AppError(err.code, err.message, { ...err.details, recipients: (await ageRecipientTypes(file, format)).join(',') });
    }
    try {
      return await run(tmp);
    } catch (err) {
      throw aboutOriginal(err, tmp, file);
    }
  } finally {
    await removeQuietly(tmp).catch(() => undefined);
  }
}

export type AgeRecipient = { passphrase: string; scryptLogN?: number } | { recipient: string };

/**
 * Encrypts `inFile` (a bundle) to `outFile` with age, streaming: for a passphrase (scrypt, work factor
 * 2^18 unless given) or an X25519 recipient (`age1…`); `armor` writes the ASCII armor. Written to a
 * temp file beside `outFile`, fsync'd and renamed.
 */
export async function encryptBundleFile(inFile: string, outFile: string, to: AgeRecipient, opts: { armor?: boolean } = {}): Promise<{ bytes: number }> {
  const e = new Encrypter();
  if ('passphrase' in to) {
    e.setPassphrase(to.passphrase);
    if (to.scryptLogN !== undefined) e.setScryptWorkFactor(to.scryptLogN);
  } else {
    e.addRecipient(to.recipient);
  }
  const node = fs.createReadStream(inFile, { highWaterMark: CHUNK });
  let out: ReadableStream<Uint8Array> = await e.encrypt(Readable.toWeb(node) as unknown as ReadableStream<Uint8Array>);
  if (opts.armor) out = out.pipeThrough(armorEncoder());
  const tmp = `${outFile}.${randomBytes(8).toString('hex')}.tmp`;
  let bytes = 0;
  try {
    const fh = await fsp.open(tmp, 'wx');
    try {
      const reader = out.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        await writeAll(fh, r.value, tmp);
        bytes += r.value.length;
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, outFile);
  } catch (err) {
    await removeQuietly(tmp).catch(() => undefined);
    throw err;
  } finally {
    node.destroy();
  }
  return { bytes };
}
