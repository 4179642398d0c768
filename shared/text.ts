// UTF-8 through the runtime's TextEncoder/TextDecoder (Node, Electron and browsers all have them);
// shared/ is compiled without DOM or Node types, so they are typed here.
interface Codecs {
  TextEncoder: new () => { encode(s: string): Uint8Array };
  TextDecoder: new (label: string, opts: { fatal: boolean }) => { decode(b: Uint8Array): string };
}
const g = globalThis as unknown as Codecs;

export function utf8Encode(s: string): Uint8Array {
  return new g.TextEncoder().encode(s);
}

/** Throws on invalid UTF-8 when `fatal` (the default). */
export function utf8Decode(b: Uint8Array, fatal = true): string {
  return new g.TextDecoder('utf-8', { fatal }).decode(b);
}
