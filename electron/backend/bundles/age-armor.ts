// Streaming pieces of age (age-encryption.org/v1) that the package only offers on whole buffers: the
// ASCII armor (strict PEM subset) both ways, and a cap on the header so a hostile file cannot grow it.

export const AGE_BINARY_MAGIC = 'age-encryption.org/v1\n';
export const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
export const ARMOR_END = '-----END AGE ENCRYPTED FILE-----';
/** Largest header accepted: hundreds of X25519 recipients fit; a header that never ends does not. */
export const MAX_AGE_HEADER_BYTES = 64 * 1024;

const ARMOR_LINE = 64;
const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;
const NL = 0x0a;

/** Errors of the armor or the header: the caller reports them as BUNDLE_DECRYPT_FAILED. */
export class AgeFormatError extends Error {
  override name = 'AgeFormatError';
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0d || b === NL;
}

/** ASCII armor → binary age, line by line (64 base64 characters, LF or CRLF), as age's own decoder rules. */
export function armorDecoder(): TransformStream<Uint8Array, Uint8Array> {
  let state: 'before' | 'body' | 'after' = 'before';
  let partial = Buffer.alloc(0);
  let lastLen = ARMOR_LINE;
  let lines = 0;

  const line = (raw: Buffer, out: string[]): void => {
    const text = raw.toString('latin1').replace(/\r$/, '');
    if (state === 'before') {
      if (text.trim() === '') return;
      if (text.replace(/^[ \t]+/, '') !== ARMOR_BEGIN) throw new AgeFormatError('armor: missing BEGIN line');
      state = 'body';
      return;
    }
    if (state === 'after') {
      if (text.trim() !== '') throw new AgeFormatError('armor: data after the END line');
      return;
    }
    if (text.replace(/[ \t]+$/, '') === ARMOR_END) {
      if (lines === 0) throw new AgeFormatError('armor: no data');
      state = 'after';
      return;
    }
    // Only the last line may be short, and only it may carry padding.
    if (lastLen !== ARMOR_LINE) throw new AgeFormatError('armor: a short line before the end');
    if (text.length === 0 || text.length > ARMOR_LINE || text.length % 4 !== 0 || !BASE64_LINE.test(text)) {
      throw new AgeFormatError('armor: invalid line');
    }
    lastLen = text.endsWith('=') ? 0 : text.length;
    lines++;
    out.push(text);
  };

  const emit = (out: string[], controller: TransformStreamDefaultController<Uint8Array>): void => {
    if (out.length === 0) return;
    const b64 = out.join('');
    const bytes = Buffer.from(b64, 'base64');
    // Canonical only: Node's decoder forgives non-zero trailing bits, age's does not.
    if (bytes.toString('base64') !== b64) throw new AgeFormatError('armor: non-canonical base64');
    controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  };

  return new TransformStream({
    transform(chunk, controller) {
      const buf = partial.length > 0 ? Buffer.concat([partial, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const out: string[] = [];
      let start = 0;
      for (let nl = buf.indexOf(NL, start); nl >= 0; nl = buf.indexOf(NL, start)) {
        line(buf.subarray(start, nl), out);
        start = nl + 1;
      }
      partial = Buffer.from(buf.subarray(start));
      if (state === 'after') {
        if (!partial.every(isSpace)) throw new AgeFormatError('armor: data after the END line');
        partial = Buffer.alloc(0);
      } else if (partial.length > ARMOR_LINE + 2) {
        // No line is longer than the BEGIN line or 64 characters plus CRLF: memory stays bounded.
        throw new AgeFormatError('armor: line too long');
      }
      emit(out, controller);
    },
    flush(controller) {
      const out: string[] = [];
      if (partial.length > 0) line(partial, out);
      partial = Buffer.alloc(0);
      if (state !== 'after') throw new AgeFormatError('armor: missing END line');
      emit(out, controller);
    },
  });
}

/** Binary age → ASCII armor: 48 bytes (64 characters) a line, BEGIN and END lines, final LF. */
export function armorEncoder(): TransformStream<Uint8Array, Uint8Array> {
  let rest = Buffer.alloc(0);
  const enc = new TextEncoder();
  const lines = (buf: Buffer, all: boolean): string => {
    let s = '';
    let i = 0;
    for (; i + 48 <= buf.length; i += 48) s += `${buf.subarray(i, i + 48).toString('base64')}\n`;
    if (all && i < buf.length) {
      s += `${buf.subarray(i).toString('base64')}\n`;
      i = buf.length;
    }
    rest = Buffer.from(buf.subarray(i));
    return s;
  };
  return new TransformStream({
    start(controller) {
      controller.enqueue(enc.encode(`${ARMOR_BEGIN}\n`));
    },
    transform(chunk, controller) {
      const s = lines(Buffer.concat([rest, chunk]), false);
      if (s) controller.enqueue(enc.encode(s));
    },
    flush(controller) {
      controller.enqueue(enc.encode(`${lines(rest, true)}${ARMOR_END}\n`));
    },
  });
}

/**
 * Passes the binary age stream through unchanged, but refuses a header (up to and including the
 * `--- <mac>` line) longer than MAX_AGE_HEADER_BYTES: age's own line reader has no such cap.
 */
export function headerGuard(): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  let done = false;
  let tail = '';
  return new TransformStream({
    transform(chunk, controller) {
      if (!done) {
        const room = Math.min(chunk.length, MAX_AGE_HEADER_BYTES + 1 - seen);
        const text = tail + Buffer.from(chunk.buffer, chunk.byteOffset, room).toString('latin1');
        const mac = text.indexOf('\n--- ');
        if (mac >= 0 && text.indexOf('\n', mac + 1) >= 0) done = true;
        else {
          seen += room;
          if (seen > MAX_AGE_HEADER_BYTES) throw new AgeFormatError(`age header longer than ${MAX_AGE_HEADER_BYTES} bytes`);
          // Keep enough to find "\n--- …\n" across chunk borders; the MAC line is short.
          tail = text.slice(-128);
        }
      }
      controller.enqueue(chunk);
    },
  });
}

/** Recipient types (`scrypt`, `X25519`, …) of a binary age header held in `head`; [] if none are seen. */
export function recipientTypesOf(head: Uint8Array): string[] {
  const types = new Set<string>();
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
  for (const l of text.split('\n').slice(1)) {
    if (l.startsWith('---')) break;
    if (l.startsWith('-> ')) {
      const type = l.slice(3).split(' ')[0];
      if (type && /^[\x21-\x7e]{1,64}$/.test(type)) types.add(type);
    }
  }
  return [...types];
}
