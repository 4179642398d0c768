// The BagIt layer of a session bundle: which entries may exist, the tag files, the two manifests.
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { ErrorCode } from '../../../shared/errors';
import {
  ATTACHMENT_DIR,
  BAG_INFO_TXT,
  BAGIT_TXT,
  BUNDLE_TYPE_SESSION,
  FORMAT_VERSION,
  MANIFEST,
  SIGNATURE,
  TAG_FILES,
  TAG_MANIFEST,
  parseBagInfo,
  parseManifest,
} from '../../../shared/bundle/layout';
import { Id, SESSION_DOCUMENTS } from '../../../shared/bundle/schema';
import type { CheckedEntry } from './zip-entries';

export interface BundleLayout {
  /** bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt */
  tagFiles: Map<string, CheckedEntry>;
  signature: CheckedEntry | null;
  /** Every file under data/. */
  data: CheckedEntry[];
}

/** A data/ entry with the manifest's hash for it. */
export interface ListedEntry {
  entry: CheckedEntry;
  sha256: string;
  line: number;
}

const REQUIRED_TAG_FILES = [...TAG_FILES, TAG_MANIFEST];
const TOP_LEVEL_FILES = new Set<string>([...REQUIRED_TAG_FILES, SIGNATURE]);
const FOLDERS = new Set(['data/', ATTACHMENT_DIR]);
/** Which kind of bag is expected: its PanelDesk-Bundle-Type and the documents allowed under data/. */
export interface BundleKind {
  type: string;
  documents: ReadonlySet<string>;
}

export const SESSION_KIND: BundleKind = { type: BUNDLE_TYPE_SESSION, documents: new Set(Object.keys(SESSION_DOCUMENTS)) };
const ATTACHMENT_NAME = /^data\/attachments\/[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Sorts entries into tag files, signature and data; anything else is refused. */
export function layoutOf(entries: readonly CheckedEntry[]): BundleLayout {
  const layout: BundleLayout = { tagFiles: new Map(), signature: null, data: [] };
  for (const e of entries) {
    if (e.isFolder) {
      if (!FOLDERS.has(e.name)) throw notListed(e.name, 'unexpected folder');
    } else if (e.name.startsWith('data/')) {
      layout.data.push(e);
    } else if (!TOP_LEVEL_FILES.has(e.name)) {
      throw notListed(e.name, 'not a file of the bundle format');
    } else if (e.name === SIGNATURE) {
      layout.signature = e;
    } else {
      layout.tagFiles.set(e.name, e);
    }
  }
  for (const name of REQUIRED_TAG_FILES) {
    if (!layout.tagFiles.has(name)) throw new AppError('BUNDLE_NOT_BAGIT', `not a PanelDesk bundle: ${name} is missing`, { entry: name, reason: 'missing' });
  }
  return layout;
}

function notListed(entry: string, reason: string): AppError {
  return new AppError('BUNDLE_FILE_NOT_IN_MANIFEST', `${entry} is not part of the bundle (${reason})`, { entry, reason });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array, entry: string, code: ErrorCode): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new AppError(code, `${entry} is not UTF-8 text`, { entry, reason: 'not UTF-8' });
  }
}

export function checkBagit(bytes: Uint8Array): void {
  const fields = parseBagInfo(decode(bytes, BAGIT_TXT, 'BUNDLE_NOT_BAGIT'));
  const version = fields.get('BagIt-Version') ?? '';
  if (!/^\d+\.\d+$/.test(version)) {
    throw new AppError('BUNDLE_NOT_BAGIT', 'bagit.txt has no BagIt-Version', { entry: BAGIT_TXT, field: 'BagIt-Version', actual: version });
  }
  const encoding = fields.get('Tag-File-Character-Encoding') ?? '';
  if (encoding.toUpperCase() !== 'UTF-8') {
    throw new AppError('BUNDLE_NOT_BAGIT', 'tag files must be UTF-8', {
      entry: BAGIT_TXT,
      field: 'Tag-File-Character-Encoding',
      expected: 'UTF-8',
      actual: encoding,
    });
  }
}

export interface BagInfo {
  fields: Map<string, string>;
  sessionId: string;
  bundleVersion: number;
}

export function checkBagInfo(bytes: Uint8Array, kind: BundleKind = SESSION_KIND): BagInfo {
  const fields = parseBagInfo(decode(bytes, BAG_INFO_TXT, 'BUNDLE_NOT_BAGIT'));
  const type = fields.get('PanelDesk-Bundle-Type');
  if (type !== kind.type) {
    throw new AppError('BUNDLE_NOT_BAGIT', `not a ${kind.type} bundle (PanelDesk-Bundle-Type: ${type ?? 'missing'})`, {
      entry: BAG_INFO_TXT,
      field: 'PanelDesk-Bundle-Type',
      expected: kind.type,
      actual: type ?? '',
    });
  }
  const version = fields.get('PanelDesk-Format-Version') ?? '';
  if (version !== String(FORMAT_VERSION)) {
    throw new AppError('BUNDLE_UNSUPPORTED_VERSION', `bundle format version ${version || 'missing'} is not supported`, {
      entry: BAG_INFO_TXT,
      field: 'PanelDesk-Format-Version',
      expected: String(FORMAT_VERSION),
      actual: version,
    });
  }
  const sessionId = fields.get('Session-Id') ?? '';
  if (!Id.safeParse(sessionId).success) {
    throw new AppError('BUNDLE_MANIFEST_INVALID', 'bag-info.txt has no valid Session-Id', { entry: BAG_INFO_TXT, field: 'Session-Id', actual: sessionId.slice(0, 80) });
  }
  const bundleVersion = fields.get('Bundle-Version') ?? '';
  if (!/^[1-9][0-9]{0,8}$/.test(bundleVersion)) {
    throw new AppError('BUNDLE_MANIFEST_INVALID', 'bag-info.txt has no valid Bundle-Version', {
      entry: BAG_INFO_TXT,
      field: 'Bundle-Version',
      actual: bundleVersion.slice(0, 80),
    });
  }
  return { fields, sessionId, bundleVersion: Number(bundleVersion) };
}

/** Parses a manifest; the map keeps the file's order, so line = position + 1. */
function parseListing(bytes: Uint8Array, entry: string): Map<string, string> {
  const parsed = parseManifest(decode(bytes, entry, 'BUNDLE_MANIFEST_INVALID'));
  if (!parsed.ok) {
    throw new AppError('BUNDLE_MANIFEST_INVALID', `${entry} line ${parsed.line}: ${parsed.reason}`, { entry, line: parsed.line, reason: parsed.reason });
  }
  return parsed.entries;
}

/** The tag manifest lists exactly bagit.txt, bag-info.txt and manifest-sha256.txt, with their hashes. */
export function checkTagManifest(bytes: Uint8Array, tagBytes: ReadonlyMap<string, Uint8Array>): void {
  const listed = parseListing(bytes, TAG_MANIFEST);
  let line = 0;
  const lines = new Map<string, number>();
  for (const path of listed.keys()) {
    line++;
    if (!(TAG_FILES as readonly string[]).includes(path)) {
      throw new AppError('BUNDLE_MANIFEST_INVALID', `${TAG_MANIFEST} line ${line} lists ${path}, which is not a tag file`, { entry: TAG_MANIFEST, line, actual: path });
    }
    lines.set(path, line);
  }
  for (const name of TAG_FILES) {
    const expected = listed.get(name);
    if (expected === undefined) {
      throw new AppError('BUNDLE_MANIFEST_INVALID', `${TAG_MANIFEST} does not list ${name}`, { entry: TAG_MANIFEST, expected: name, reason: 'missing' });
    }
    const actual = sha256Hex(tagBytes.get(name) ?? new Uint8Array());
    if (actual !== expected) {
      throw new AppError('BUNDLE_HASH_MISMATCH', `${name} does not match ${TAG_MANIFEST}`, { entry: name, manifest: TAG_MANIFEST, line: lines.get(name), expected, actual });
    }
  }
}

/**
 * The data/ entries must be exactly the manifest's files; each is a session document or an attachment
 * named by its own hash. Returns the entries with the manifest's hashes.
 */
export function checkManifest(
  bytes: Uint8Array,
  data: readonly CheckedEntry[],
  kind: BundleKind = SESSION_KIND,
): { documents: ListedEntry[]; attachments: ListedEntry[] } {
  const listed = parseListing(bytes, MANIFEST);
  const lines = new Map<string, number>();
  let line = 0;
  for (const path of listed.keys()) {
    line++;
    if (!path.startsWith('data/')) {
      throw new AppError('BUNDLE_MANIFEST_INVALID', `${MANIFEST} line ${line} lists ${path}, outside data/`, { entry: MANIFEST, line, actual: path });
    }
    lines.set(path, line);
  }
  const present = new Set(data.map((e) => e.name));
  for (const e of data) {
    if (!listed.has(e.name)) throw new AppError('BUNDLE_FILE_NOT_IN_MANIFEST', `${e.name} is not listed in ${MANIFEST}`, { entry: e.name });
  }
  for (const [path, at] of lines) {
    if (!present.has(path)) throw new AppError('BUNDLE_FILE_MISSING', `${path} is listed in ${MANIFEST} but not in the bundle`, { entry: path, line: at });
  }
  const documents: ListedEntry[] = [];
  const attachments: ListedEntry[] = [];
  for (const entry of data) {
    const sha256 = listed.get(entry.name) as string;
    const at = lines.get(entry.name) as number;
    if (kind.documents.has(entry.name)) {
      documents.push({ entry, sha256, line: at });
    } else if (ATTACHMENT_NAME.test(entry.name)) {
      const named = entry.name.slice(ATTACHMENT_DIR.length);
      if (sha256 !== named) {
        throw new AppError('BUNDLE_MANIFEST_INVALID', `${MANIFEST} line ${at} gives ${entry.name} another hash than its name`, {
          entry: MANIFEST,
          line: at,
          expected: named,
          actual: sha256,
        });
      }
      attachments.push({ entry, sha256, line: at });
    } else {
      throw new AppError('BUNDLE_BAD_ENTRY_NAME', `${entry.name} is neither a session document nor data/attachments/<sha256>`, {
        entry: entry.name,
        reason: 'unknown data file',
      });
    }
  }
  return { documents, attachments };
}
