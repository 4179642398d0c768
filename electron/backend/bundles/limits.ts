// Caps on what a bundle may declare, checked on the central directory before any data is read
// (docs/bundle-format.md §2.6). Documents are held in memory and parsed, so they are capped each, in
// total and by compression ratio; attachments are streamed and only count towards the total.
export interface BundleLimits {
  /** Central-directory records, folders included. */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Each tag file, signature and data/*.json document: these are held in memory. */
  maxDocumentBytes: number;
  /** Sum of the declared uncompressed sizes of every file that is not an attachment. */
  maxDocumentsTotalBytes: number;
  /** A deflated document over RATIO_FLOOR_BYTES may inflate to at most this many times its compressed size. */
  maxDocumentRatio: number;
}

/** Below this declared size a document's compression ratio is not checked (`[]` deflates to 2 bytes). */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

export const DEFAULT_BUNDLE_LIMITS: Readonly<BundleLimits> = {
  maxEntries: 200_000,
  maxTotalBytes: 64 * 1024 ** 3,
  // dossiers.json takes about 1.5 KB a dossier: 32 MiB holds some 20,000, the largest session the format serves.
  maxDocumentBytes: 32 * 1024 ** 2,
  maxDocumentsTotalBytes: 48 * 1024 ** 2,
  maxDocumentRatio: 100,
};

export function resolveLimits(limits: Partial<BundleLimits> = {}): BundleLimits {
  const out = { ...DEFAULT_BUNDLE_LIMITS };
  for (const key of Object.keys(out) as Array<keyof BundleLimits>) {
    const v = limits[key];
    if (v !== undefined) {
      if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`limit ${key} must be a non-negative integer`);
      out[key] = v;
    }
  }
  return out;
}
