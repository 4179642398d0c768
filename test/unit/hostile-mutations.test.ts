// fast-check mutations of valid session and expert-sheet bundles (test/fixtures/hostile/mutations.ts):
// the reader never crashes (only coded AppErrors, never INTERNAL), never hangs (each case time-boxed),
// never accepts a change of signed or hashed content (what it accepts is exactly the original), and a
// refusal writes nothing (the blob store and the temp folder stay as they were).
// CI runs 200 a kind with a fixed seed; HOSTILE_FULL=1 (npm run test:hostile) runs 5,000 a kind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { removeBlobs } from '../../electron/backend/blobs/store';
import { readSessionBundle } from '../../electron/backend/bundles/reader';
import { readExpertSheetBundle, verifySheetBag } from '../../electron/backend/bundles/sheet-bundle';
import { publicKeyOf } from '../../shared/crypto/ed25519';
import { keyIdOf } from '../../shared/crypto/keyid';
import { SHEET_EXPERT } from '../fixtures/hostile/bases';
import type { BaseKind } from '../fixtures/hostile/bases';
import { applyMutation, mutationArb, validEntries, validZip } from '../fixtures/hostile/mutations';
import type { Mutation } from '../fixtures/hostile/mutations';
import { blobFiles } from '../fixtures/bundles/store-snapshot';

const FULL = process.env.HOSTILE_FULL === '1';
const RUNS = FULL ? 5000 : 200;
const SEED = 20261202;
const TIME_BOX_MS = 5000;

let root: string;
let tmp: string;
let savedTmp: string | undefined;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-mutations-'));
  tmp = path.join(root, 'tmp');
  fs.mkdirSync(tmp);
  savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  fs.rmSync(root, { recursive: true, force: true });
});

const trusted = { keyid: keyIdOf(publicKeyOf(SHEET_EXPERT.secretKey)), publicKey: publicKeyOf(SHEET_EXPERT.secretKey) };

/** What a reader accepted, reduced to the content a signature or hash covers (comparable with toEqual). */
async function readContent(kind: BaseKind, file: string, dataDir: string): Promise<unknown> {
  if (kind === 'session') {
    const b = await readSessionBundle(file, { dataDir });
    await removeBlobs(dataDir, b.newBlobs);
    return { bagInfo: [...b.bagInfo], documents: [...b.documents].map(([n, d]) => [n, Buffer.from(d).toString('hex')]).sort(), attachments: [...b.attachments.keys()].sort(), tagManifest: Buffer.from(b.tagManifest).toString(), signature: b.signature && Buffer.from(b.signature).toString('hex') };
  }
  const b = await readExpertSheetBundle(file);
  verifySheetBag(b, trusted);
  return { bundleHash: b.bundleHash, sessionId: b.sessionId, expertId: b.expertId, keyid: b.keyid, records: b.records, tagManifest: Buffer.from(b.tagManifest).toString() };
}

function timeBox<T>(p: Promise<T>): Promise<T | 'HANG'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<'HANG'>((r) => (timer = setTimeout(() => r('HANG'), TIME_BOX_MS)))]).finally(() => clearTimeout(timer));
}

describe.each<BaseKind>(['session', 'expert-sheets'])('mutations of a valid %s bundle', (kind) => {
  it(`${RUNS} mutations: refused with a code or read back unchanged, never a crash, a hang or a write`, async () => {
    const dataDir = path.join(root, `data-${kind}`);
    fs.mkdirSync(dataDir);
    const zip = validZip(kind);
    const file = path.join(root, `${kind}.bin`);
    fs.writeFileSync(file, zip);
    const reference = await readContent(kind, file, path.join(root, `reference-${kind}`));
    const baseline = await blobFiles(dataDir);
    const counts = new Map<string, number>();
    const ops = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(mutationArb(zip.length, validEntries(kind).length), async (m: Mutation) => {
        fs.writeFileSync(file, applyMutation(kind, zip, m));
        let outcome: string;
        const result = await timeBox(readContent(kind, file, dataDir).then((content) => ({ content }), (err: unknown) => ({ err })));
        if (result === 'HANG') outcome = 'HANG';
        else if ('err' in result) {
          expect(result.err, JSON.stringify(m)).toBeInstanceOf(AppError);
          outcome = (result.err as AppError).code;
          expect(outcome, `${JSON.stringify(m)}: ${(result.err as Error).message}`).not.toBe('INTERNAL');
        } else {
          // Accepted: only if nothing that is signed or hashed changed.
          expect(result.content, JSON.stringify(m)).toEqual(reference);
          outcome = 'read back unchanged';
        }
        expect(outcome, JSON.stringify(m)).not.toBe('HANG');
        expect(await blobFiles(dataDir)).toEqual(baseline);
        expect(fs.readdirSync(tmp)).toEqual([]);
        counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
        ops.set(m.op, (ops.get(m.op) ?? 0) + 1);
      }),
      { numRuns: RUNS, seed: SEED + (kind === 'session' ? 0 : 1) },
    );
    console.log(`${kind}: ${RUNS} mutations (${JSON.stringify(Object.fromEntries(ops))}); outcomes ${JSON.stringify(Object.fromEntries([...counts].sort()))}`);
    // Most mutations must be caught, or the property says little.
    expect(counts.get('read back unchanged') ?? 0).toBeLessThan(RUNS / 2);
  }, 1_200_000);
});
