// Reads a whole zip with yauzl 3.4 for assertions: every entry's header fields and uncompressed bytes.
import yauzl from 'yauzl';

export interface ReadEntry {
  name: string;
  method: number;
  flags: number;
  mode: number;
  dosDate: number;
  dosTime: number;
  extraFieldIds: number[];
  data: Buffer;
}

export function readZip(buf: Buffer): Promise<ReadEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const out: ReadEntry[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (e: yauzl.Entry) => {
        zip.openReadStream(e, (err2, stream) => {
          if (err2 || !stream) return reject(err2 ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            out.push({
              name: e.fileName,
              method: e.compressionMethod,
              flags: e.generalPurposeBitFlag,
              mode: e.externalFileAttributes >>> 16,
              dosDate: e.lastModFileDate,
              dosTime: e.lastModFileTime,
              extraFieldIds: e.extraFields.map((f) => f.id),
              data: Buffer.concat(chunks),
            });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** DOS date of 2026-01-01 and time 00:00:00. */
export const DOS_2026_01_01 = ((2026 - 1980) << 9) | (1 << 5) | 1;
