// The streaming writer on its own: a cancelled export and a damaged blob both leave nothing beside the target;
// the same entries give the same bytes; attachments are re-hashed on the way out.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { PlannedEntry } from '../../../electron/backend/result-bundle/plan';
import { writeResultZip } from '../../../electron/backend/result-bundle/write';
import { tmpDir } from '../../fixtures/tmp';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Three 2 MiB "attachments" as files, and one document in memory. */
function entriesIn(dir: string): PlannedEntry[] {
  const doc = Buffer.from('{"a":1}\n');
  const out: PlannedEntry[] = [{ name: 'data/doc.json', data: doc, size: doc.length, sha256: sha(doc) }];
  for (let i = 0; i < 3; i++) {
    const bytes = Buffer.alloc(2 << 20, i + 1);
    const file = path.join(dir, `blob${i}`);
    fs.writeFileSync(file, bytes);
    out.push({ name: `data/session/attachments/${sha(bytes)}`, file, size: bytes.length, sha256: sha(bytes) });
  }
  return out;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
}

describe('writeResultZip', () => {
  it('gives byte-identical zips for the same entries', async () => {
    const src = tmpDir();
    const out = tmpDir();
    const entries = entriesIn(src);
    const a = await writeResultZip(path.join(out, 'a.pdresult'), entries);
    const b = await writeResultZip(path.join(out, 'b.pdresult'), entries);
    expect(a.sha256).toBe(b.sha256);
    expect(fs.readFileSync(path.join(out, 'a.pdresult')).equals(fs.readFileSync(path.join(out, 'b.pdresult')))).toBe(true);
  });

  it('cancelled midway: JOB_CANCELLED, and neither the file nor a temporary one is left', async () => {
    const src = tmpDir();
    const out = tmpDir();
    const ctl = new AbortController();
    const progress: number[] = [];
    const code = await codeOf(
      writeResultZip(path.join(out, 'c.pdresult'), entriesIn(src), {
        signal: ctl.signal,
        onProgress: (p) => {
          progress.push(p.filesDone);
          // Cancel as soon as the first attachment is through: the zip is half written at that moment.
          if (p.filesDone >= 1) ctl.abort();
        },
      }),
    );
    expect(code).toBe('JOB_CANCELLED');
    expect(progress.length).toBeGreaterThan(0);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('a blob that no longer matches its hash stops the export with RESULT_BUNDLE_BLOB_CORRUPT and leaves nothing', async () => {
    const src = tmpDir();
    const out = tmpDir();
    const entries = entriesIn(src);
    const victim = entries[2] as PlannedEntry & { file: string };
    const fd = fs.openSync(victim.file, 'r+');
    fs.writeSync(fd, Buffer.from([0]), 0, 1, 1000);
    fs.closeSync(fd);
    let error: unknown = null;
    await writeResultZip(path.join(out, 'd.pdresult'), entries).catch((e: unknown) => {
      error = e;
    });
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('RESULT_BUNDLE_BLOB_CORRUPT');
    expect((error as AppError).details).toMatchObject({ entry: victim.name, expected: victim.sha256 });
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
