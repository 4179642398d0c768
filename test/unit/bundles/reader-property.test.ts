// Property: any single-byte change or truncation of a valid bundle either reads back the very same
// content or fails with an AppError, and a failed read leaves the store exactly as it was.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { blobPath } from '../../../electron/backend/blobs/paths';
import { removeBlobs } from '../../../electron/backend/blobs/store';
import { readSessionBundle } from '../../../electron/backend/bundles/reader';
import type { VerifiedBundle } from '../../../electron/backend/bundles/reader';
import { centralDirectoryOffset, yazlZip } from '../../fixtures/bundles/make-zip';
import { ATTACHMENTS, bundleFiles, sha256 } from '../../fixtures/bundles/session-bundle';
import { blobFiles } from '../../fixtures/bundles/store-snapshot';

let tmp: string;
let dataDir: string;
let bundle: Buffer;
let reference: VerifiedBundle;
let baseline: Map<string, string>;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pd-prop-'));
  dataDir = path.join(tmp, 'data');
  bundle = await yazlZip(bundleFiles());
  const file = path.join(tmp, 'ok.pdbundle');
  await fs.writeFile(file, bundle);
  reference = await readSessionBundle(file, { dataDir: path.join(tmp, 'reference') });
  // The store already holds one of the bundle's attachments: a failed read must not remove it.
  const held = ATTACHMENTS[0] as Buffer;
  await fs.mkdir(path.dirname(blobPath(dataDir, sha256(held))), { recursive: true });
  await fs.writeFile(blobPath(dataDir, sha256(held)), held);
  baseline = await blobFiles(dataDir);
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

type Mutation = { kind: 'set'; at: number; byte: number } | { kind: 'truncate'; at: number };

function mutate(input: Buffer, m: Mutation): Buffer {
  if (m.kind === 'truncate') return input.subarray(0, m.at);
  const out = Buffer.from(input);
  out[m.at] = m.byte;
  return out;
}

function sameContent(a: VerifiedBundle, b: VerifiedBundle): void {
  const { newBlobs: _a, ...restA } = a;
  const { newBlobs: _b, ...restB } = b;
  expect(restA).toEqual(restB);
}

describe('readSessionBundle on mutated bundles', () => {
  it('reads the same content or throws an AppError, leaving the store as it was', async () => {
    const len = bundle.length;
    const cd = centralDirectoryOffset(bundle);
    const anywhere = fc.nat({ max: len - 1 });
    // Half the changes hit the central directory and end record: the metadata a reader trusts.
    const metadata = fc.integer({ min: cd, max: len - 1 });
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), at: anywhere, byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('set' as const), at: metadata, byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('truncate' as const), at: anywhere }),
    );
    const file = path.join(tmp, 'mutated.pdbundle');
    let failures = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        await fs.writeFile(file, mutate(bundle, m));
        let result: VerifiedBundle | null = null;
        try {
          result = await readSessionBundle(file, { dataDir });
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).not.toBe('INTERNAL');
          failures++;
        }
        if (result) {
          sameContent(result, reference);
          await removeBlobs(dataDir, result.newBlobs);
        }
        expect(await blobFiles(dataDir)).toEqual(baseline);
      }),
      { numRuns: 200 },
    );
    // The property is only meaningful if most changes are caught.
    expect(failures).toBeGreaterThan(60);
  }, 120_000);
});
