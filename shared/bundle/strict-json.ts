// I-JSON (RFC 7493) for bundle documents (docs/bundle-format.md §4.0): no byte-order mark, no duplicate
// member names (compared after unescaping), no unpaired surrogate escapes, no number that overflows a
// double, at most MAX_DEPTH levels and a bounded count of values. JSON.parse keeps the last of two
// duplicate members silently, so two readers could see two different documents: this scan refuses
// them first, over the bytes, without building anything, and bounds what JSON.parse will then build.
import { utf8Decode } from '../text';

export const MAX_JSON_DEPTH = 64;

export type StrictJsonResult = { ok: true; value: unknown; values: number } | { ok: false; reason: string; offset: number; path: string };

export interface StrictJsonLimits {
  /** Values (objects, arrays, strings, numbers, literals) in the document: bounds what parsing builds. */
  maxValues: number;
}

class JsonError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

interface Frame {
  kind: 'object' | 'array';
  keys: Set<string> | null;
  /** Current member name or element index, for the error path. */
  at: string | number;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Parses `bytes` as one I-JSON value; the error says why and where (byte offset, dot path). */
export function parseStrictJson(bytes: Uint8Array, limits: StrictJsonLimits): StrictJsonResult {
  const stack: Frame[] = [];
  let values: number;
  try {
    if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) throw new JsonError('byte-order mark', 0);
    values = scan(bytes, stack, limits.maxValues);
  } catch (err) {
    if (err instanceof JsonError) return { ok: false, reason: err.reason, offset: err.offset, path: stack.map((f) => String(f.at)).join('.') };
    throw err;
  }
  let text: string;
  try {
    text = utf8Decode(bytes);
  } catch {
    return { ok: false, reason: 'not UTF-8', offset: 0, path: '' };
  }
  return { ok: true, value: JSON.parse(text) as unknown, values };
}

function scan(b: Uint8Array, stack: Frame[], maxValues: number): number {
  let i = 0;
  let values = 0;
  const n = b.length;
  const ws = (): void => {
    while (i < n && WS.has(b[i] as number)) i++;
  };
  const expect = (c: number, what: string): void => {
    if (b[i] !== c) throw new JsonError(`expected ${what}`, i);
    i++;
  };
  const count = (): void => {
    if (++values > maxValues) throw new JsonError(`more than ${maxValues} values`, i);
  };

  /** A string starting at b[i] === '"'; returns its value only when `keep` (member names). */
  const string = (keep: boolean): string => {
    const start = i;
    i++;
    let out = '';
    let runStart = i;
    let simple = true;
    for (;;) {
      if (i >= n) throw new JsonError('unterminated string', start);
      const c = b[i] as number;
      if (c === 0x22) break;
      if (c < 0x20) throw new JsonError('control character in a string', i);
      if (c === 0x5c) {
        if (keep) out += decodeRun(b, runStart, i);
        simple = false;
        const e = b[i + 1];
        if (e === 0x75) {
          const unit = hex4(b, i + 2);
          i += 6;
          if (unit >= 0xd800 && unit <= 0xdbff) {
            // A high surrogate must be followed by an escaped low one.
            if (b[i] !== 0x5c || b[i + 1] !== 0x75) throw new JsonError('unpaired surrogate', i - 6);
            const low = hex4(b, i + 2);
            if (low < 0xdc00 || low > 0xdfff) throw new JsonError('unpaired surrogate', i - 6);
            i += 6;
            if (keep) out += String.fromCharCode(unit, low);
          } else if (unit >= 0xdc00 && unit <= 0xdfff) {
            throw new JsonError('unpaired surrogate', i - 6);
          } else if (keep) {
            out += String.fromCharCode(unit);
          }
        } else {
          const map: Record<number, string> = { 0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t' };
          const ch = e === undefined ? undefined : map[e];
          if (ch === undefined) throw new JsonError('bad escape', i);
          if (keep) out += ch;
          i += 2;
        }
        runStart = i;
        continue;
      }
      i++;
    }
    const value = keep ? (simple ? decodeRun(b, runStart, i) : out + decodeRun(b, runStart, i)) : '';
    i++;
    return value;
  };

  const number = (): void => {
    const start = i;
    if (b[i] === 0x2d) i++;
    if (b[i] === 0x30) i++;
    else if (isDigit(b[i])) while (isDigit(b[i])) i++;
    else throw new JsonError('bad number', start);
    let plain = true;
    if (b[i] === 0x2e) {
      i++;
      if (!isDigit(b[i])) throw new JsonError('bad number', start);
      while (isDigit(b[i])) i++;
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      plain = false;
      i++;
      if (b[i] === 0x2b || b[i] === 0x2d) i++;
      if (!isDigit(b[i])) throw new JsonError('bad number', start);
      while (isDigit(b[i])) i++;
    }
    // Only an exponent or a long run of digits can overflow a double.
    if (!plain || i - start > 300) {
      let text = '';
      for (let k = start; k < i; k++) text += String.fromCharCode(b[k] as number);
      if (!Number.isFinite(Number(text))) throw new JsonError('number out of range', start);
    }
  };

  const literal = (word: string): void => {
    for (let k = 0; k < word.length; k++) if (b[i + k] !== word.charCodeAt(k)) throw new JsonError('unexpected character', i);
    i += word.length;
  };

  /** One value at b[i]; containers push a frame and are closed by the loop below. */
  const value = (): boolean => {
    ws();
    count();
    const c = b[i];
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= MAX_JSON_DEPTH) throw new JsonError(`nested deeper than ${MAX_JSON_DEPTH}`, i);
      stack.push(c === 0x7b ? { kind: 'object', keys: new Set(), at: '' } : { kind: 'array', keys: null, at: 0 });
      i++;
      return true;
    }
    if (c === 0x22) string(false);
    else if (c === 0x2d || isDigit(c)) number();
    else if (c === 0x74) literal('true');
    else if (c === 0x66) literal('false');
    else if (c === 0x6e) literal('null');
    else throw new JsonError(i >= n ? 'unexpected end' : 'unexpected character', i);
    return false;
  };

  const member = (frame: Frame): void => {
    ws();
    if (b[i] !== 0x22) throw new JsonError('expected a member name', i);
    const at = i;
    const key = string(true);
    if ((frame.keys as Set<string>).has(key)) {
      frame.at = key;
      throw new JsonError(`duplicate member name ${JSON.stringify(key)}`, at);
    }
    (frame.keys as Set<string>).add(key);
    frame.at = key;
    ws();
    expect(0x3a, '":"');
  };

  // After a container opens: its first member/element, or its end.
  let opened = value();
  for (;;) {
    const frame = stack[stack.length - 1];
    if (!frame) break;
    ws();
    const close = frame.kind === 'object' ? 0x7d : 0x5d;
    if (opened) {
      opened = false;
      if (b[i] === close) {
        i++;
        stack.pop();
        continue;
      }
    } else {
      if (b[i] === close) {
        i++;
        stack.pop();
        continue;
      }
      expect(0x2c, '"," or the end of the container');
      if (frame.kind === 'array') frame.at = (frame.at as number) + 1;
    }
    if (frame.kind === 'object') member(frame);
    opened = value();
  }
  ws();
  if (i !== n) throw new JsonError('data after the JSON value', i);
  return values;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

function hex4(b: Uint8Array, at: number): number {
  let v = 0;
  for (let k = 0; k < 4; k++) {
    const c = b[at + k];
    const d = c === undefined ? -1 : c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (d < 0) throw new JsonError('bad \\u escape', at - 2);
    v = v * 16 + d;
  }
  return v;
}

/** Bytes of a member name without escapes: ASCII directly, anything else through the UTF-8 decoder. */
function decodeRun(b: Uint8Array, from: number, to: number): string {
  let ascii = true;
  for (let k = from; k < to; k++) if ((b[k] as number) >= 0x80) ascii = false;
  if (!ascii) {
    try {
      return utf8Decode(b.subarray(from, to));
    } catch {
      throw new JsonError('not UTF-8', from);
    }
  }
  let s = '';
  for (let k = from; k < to; k++) s += String.fromCharCode(b[k] as number);
  return s;
}
