// Caps on what a bundle may declare, checked on the central directory before any data is read.
export interface BundleLimits {
  /** Central-directory records, folders included. */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Each tag file, signature and data/*.json document: these are held in memory. */
  maxDocumentBytes: number;
}

export const DEFAULT_BUNDLE_LIMITS: Readonly<BundleLimits> = {
  maxEntries: 200_000,
  maxTotalBytes: 64 * 1024 ** 3,
  maxDocumentBytes: 256 * 1024 ** 2,
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
