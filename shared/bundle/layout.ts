// Entry names of a session bundle (docs/bundle-format.md §2).
export const BAGIT_TXT = 'bagit.txt';
export const BAG_INFO_TXT = 'bag-info.txt';
export const MANIFEST = 'manifest-sha256.txt';
export const TAG_MANIFEST = 'tagmanifest-sha256.txt';
export const SIGNATURE = 'signature.dsse.json';
export const ATTACHMENT_DIR = 'data/attachments/';
export const BUNDLE_TYPE_SESSION = 'session';
export const FORMAT_VERSION = 1;
/** Tag files that the tag manifest covers, in this order. */
export const TAG_FILES = [BAGIT_TXT, BAG_INFO_TXT, MANIFEST] as const;
export const BAGIT_CONTENT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
export const DSSE_PAYLOAD_TYPE_TAGMANIFEST = 'application/vnd.paneldesk.tagmanifest+text';

export function attachmentEntry(sha256: string): string {
  return `${ATTACHMENT_DIR}${sha256}`;
}

/** `<hex>  <path>` lines, sorted by path, LF-terminated. */
export function formatManifest(entries: ReadonlyArray<{ path: string; sha256: string }>): string {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => `${e.sha256}  ${e.path}\n`)
    .join('');
}

export type ManifestParse = { ok: true; entries: Map<string, string> } | { ok: false; line: number; reason: string };

export function parseManifest(text: string): ManifestParse {
  const entries = new Map<string, string>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const m = /^([0-9a-f]{64}) {2}(\S.*)$/.exec(lines[i] ?? '');
    if (!m) return { ok: false, line: i + 1, reason: 'expected "<sha256>  <path>"' };
    const [, hash, path] = m as unknown as [string, string, string];
    if (entries.has(path)) return { ok: false, line: i + 1, reason: `duplicate path ${path}` };
    entries.set(path, hash);
  }
  return { ok: true, entries };
}

/** `Key: value` lines of bag-info.txt. */
export function parseBagInfo(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) out.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  return out;
}
