// Writes a demo bundle that is byte-identical on every machine: nothing in it passes through zlib's
// compressor (documents stored, PNG scans built of stored blocks), whose output may vary by CPU and build.
import { writeSessionBundle, type WriteBundleOptions, type WrittenFile } from '../bundles/writer';
import { buildDemoSession, type DemoOptions, type DemoSession } from './demo-session';

/** How every demo bundle is written (docs/bundle-format.md §9). */
export const DEMO_WRITE_OPTIONS: Readonly<WriteBundleOptions> = { compressDocuments: false };

export async function writeDemoBundle(outFile: string, opts: DemoOptions = {}): Promise<{ demo: DemoSession; written: WrittenFile }> {
  const demo = buildDemoSession(opts);
  const written = await writeSessionBundle(outFile, demo.content, demo.blobs, DEMO_WRITE_OPTIONS);
  return { demo, written };
}
