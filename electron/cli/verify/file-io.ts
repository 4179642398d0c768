// The verifier's IO over a file on disk, with Node's native zlib, SHA-256 and CRC-32 (the pure-JS
// fallbacks in shared/verify are several times slower on a large bundle).
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';
import type { VerifyIO } from '../../../shared/verify/io';

export async function withFileIO<T>(file: string, run: (io: VerifyIO) => Promise<T>): Promise<T> {
  const fh = await fs.open(file, 'r');
  try {
    const { size } = await fh.stat();
    const io: VerifyIO = {
      size,
      async read(offset, length) {
        const buf = Buffer.allocUnsafe(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await fh.read(buf, done, length - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return buf.subarray(0, done);
      },
      inflateRaw: (data, maxBytes) => Promise.resolve(inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) })),
      sha256: () => {
        const h = createHash('sha256');
        return { update: (d) => void h.update(d), hex: () => h.digest('hex') };
      },
      crc32: (data, prev) => crc32(data, prev),
    };
    return await run(io);
  } finally {
    await fh.close();
  }
}
