// pdf.js asks by file name for CMaps (CJK text in PDFs without embedded fonts), standard fonts
// (Symbol and Dingbats; others come from the system) and its image decoders. They ship in the
// renderer build under hashed names, so this factory maps each name to its bundled file.

type Kind = 'cMapUrl' | 'standardFontDataUrl' | 'wasmUrl';

const FILES = import.meta.glob(
  [
    '../../../node_modules/pdfjs-dist/cmaps/*.bcmap',
    '../../../node_modules/pdfjs-dist/standard_fonts/*.pfb',
    '../../../node_modules/pdfjs-dist/standard_fonts/*.ttf',
    '../../../node_modules/pdfjs-dist/wasm/*.wasm',
  ],
  // no-inline: a small file inlined as a data: URL could not be fetched under connect-src 'self'.
  { query: '?url&no-inline', import: 'default', eager: true },
) as Record<string, string>;

const FOLDER: Record<Kind, string> = { cMapUrl: 'cmaps', standardFontDataUrl: 'standard_fonts', wasmUrl: 'wasm' };

const byName = new Map<string, string>();
for (const [key, url] of Object.entries(FILES)) {
  const parts = key.split('/');
  byName.set(`${parts.at(-2)}/${parts.at(-1)}`, url);
}

/** The bundled URL of a file pdf.js asks for, or null if we do not ship it. */
export function bundledDataUrl(kind: string, filename: string): string | null {
  if (!Object.hasOwn(FOLDER, kind) || !/^[\w.-]+$/.test(filename)) return null;
  return byName.get(`${FOLDER[kind as Kind]}/${filename}`) ?? null;
}

/** Passed to getDocument as `BinaryDataFactory`; pdf.js constructs it and calls fetch(). */
export class BundledBinaryData {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url = bundledDataUrl(kind, filename);
    if (!url) throw new Error(`no bundled ${kind} file ${filename}`);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${res.status} for bundled ${filename}`);
    return new Uint8Array(await res.arrayBuffer());
  }
}
