// Disk full, on a real small file system (a tmpfs mounted for the test): importing into a data folder,
// exporting an expert package and a sheet bundle onto a full disk. Each fails with DISK_FULL (translated
// in both languages), and the data folder and the database stay exactly as they were; the export
// folder is left with no partial file. The free space is stepped, so the disk fills at different points
// of each operation (staging blobs, the database transaction, the plain zip, its encryption).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeDemoBundle } from '../../electron/backend/demo/write-demo';
import { encryptBundleFile } from '../../electron/backend/bundles/age';
import type { BackendHost } from '../../electron/backend/host-types';
import type { AppErrorShape } from '../../shared/errors';
import { createI18n, translateError } from '../../renderer/i18n';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { enUS } from '../../renderer/i18n/en-US';
import { enrolAndSignIn, ok, openHost, runImport } from '../fixtures/demo-host';
import { saveToken } from '../fixtures/file-tokens';
import { fillTo, folderSnapshot, mountSmallFs, tmpfsSupport } from '../fixtures/small-fs';
import { tmpDir } from '../fixtures/tmp';

const support = tmpfsSupport();
const CI = process.env.CI === 'true' || process.env.CI === '1';
// Only a developer's machine without root may skip, and it says why. In CI a failed mount fails.
const skip = !support.ok && !CI;
if (skip && !support.ok) console.warn(`disk-full tests SKIPPED: ${support.reason}`);

const PASS = 'disk full expert pass';
const MB = 1024 * 1024;

function expectDiskFull(e: AppErrorShape): void {
  expect(e.code, `${e.code}: ${e.message}`).toBe('DISK_FULL');
  // And where: the file being written, or the database.
  expect(String(e.details?.path ?? e.details?.file ?? ''), JSON.stringify(e)).toMatch(/(paneldesk\.sqlite|[\\/][^\\/]+)$/);
  // The user reads it in their language, never the raw code or an English system message.
  for (const [locale, catalog] of [['zh-CN', zhCN], ['en-US', enUS]] as const) {
    const i18n = createI18n(locale);
    const text = translateError(i18n.t.bind(i18n) as (k: string, o?: Record<string, unknown>) => string, e);
    expect(text).toBe(catalog.error.DISK_FULL);
  }
}

/** Files in `dir` except the filler: a failed export must leave none there. */
function filesBeside(dir: string, filler: string): string[] {
  return fs.readdirSync(dir).filter((n) => path.join(dir, n) !== filler);
}

describe.skipIf(skip)('disk full', { timeout: 120_000 }, () => {
  beforeAll(() => {
    if (!support.ok) throw new Error(`CI must run the disk-full tests, but: ${support.reason}`);
  });

  it('an import into a data folder on a full disk fails with DISK_FULL and changes nothing, wherever the disk fills', async () => {
    const mount = mountSmallFs(12 * MB);
    const dataDir = path.join(mount, 'data');
    const filler = path.join(mount, 'filler');
    const src = tmpDir('pd-df-src-');
    const plainFile = path.join(src, 'big.pdbundle');
    await writeDemoBundle(plainFile, { dossiers: 120, experts: 15, attachmentsPerDossier: 3, seed: 11 });
    // Another session, age-encrypted: its import first decrypts into <dataDir>/tmp.
    const other = path.join(src, 'other.pdbundle');
    await writeDemoBundle(other, { dossiers: 120, experts: 15, attachmentsPerDossier: 3, seed: 14 });
    const encFile = `${other}.age`;
    await encryptBundleFile(other, encFile, { passphrase: 'disk full bundle pass', scryptLogN: 10 });
    const bundleBytes = fs.statSync(plainFile).size;

    const host = openHost(dataDir);
    try {
      await ok(host, 'openDemo', {});
      let sessions = 1;
      for (const [kind, input] of [
        ['encrypted', { path: encFile, passphrase: 'disk full bundle pass' }],
        ['plain', { path: plainFile }],
      ] as const) {
        let failures = 0;
        let imported = false;
        for (const fraction of [0, 0.02, 0.1, 0.3, 0.6, 0.9, 1, 1.1, 1.3, 1.6, 2, 2.5, 3, 4]) {
          fillTo(mount, filler, Math.floor(bundleBytes * fraction));
          const before = folderSnapshot(dataDir);
          const r = await runImport(host, input);
          if (r.ok) {
            imported = true;
            break;
          }
          expectDiskFull(r.error);
          failures++;
          expect(folderSnapshot(dataDir), `${kind}: after DISK_FULL with ${fraction} × bundle free`).toEqual(before);
          // The desk still works on the same connection.
          expect((await ok(host, 'listSessions', {})).length).toBe(sessions);
        }
        expect(failures, kind).toBeGreaterThanOrEqual(3);
        fs.rmSync(filler, { force: true });
        // Space again: the same bundle imports whole; nothing of the failed attempts is in the way.
        if (!imported) expect((await runImport(host, input)).ok).toBe(true);
        sessions++;
        expect((await ok(host, 'listSessions', {})).length).toBe(sessions);
      }
    } finally {
      host.close();
    }
  });

  it('a plain bundle import hits the full disk in the database transaction too, and rolls back whole', async () => {
    const mount = mountSmallFs(12 * MB);
    const dataDir = path.join(mount, 'data');
    const filler = path.join(mount, 'filler');
    const src = tmpDir('pd-df-src2-');
    const file = path.join(src, 'many.pdbundle');
    // Many dossiers and no attachments: the blobs fit, the rows do not.
    await writeDemoBundle(file, { dossiers: 3000, experts: 40, attachmentsPerDossier: 0, seed: 12 });
    const host = openHost(dataDir);
    try {
      await ok(host, 'openDemo', {});
      let failures = 0;
      for (const free of [64 * 1024, 256 * 1024, 512 * 1024, 1 * MB, 2 * MB]) {
        fillTo(mount, filler, free);
        const before = folderSnapshot(dataDir);
        const r = await runImport(host, { path: file });
        if (r.ok) break;
        expectDiskFull(r.error);
        failures++;
        expect(folderSnapshot(dataDir)).toEqual(before);
      }
      expect(failures).toBeGreaterThanOrEqual(1);
      fs.rmSync(filler, { force: true });
    } finally {
      host.close();
    }
  });

  describe('exports onto a full disk', () => {
    let work: string;
    let host: BackendHost;
    let sessionId: string;
    let expertId: string;

    async function setUp(): Promise<void> {
      work = tmpDir('pd-df-exp-');
      host = openHost(path.join(work, 'data'));
      const big = path.join(work, 'big.pdbundle');
      await writeDemoBundle(big, { dossiers: 60, experts: 6, attachmentsPerDossier: 4, seed: 13 });
      const r = await runImport(host, { path: big });
      if (!r.ok) throw new Error(r.error.code);
      sessionId = r.report.sessionId;
      const experts = await ok(host, 'listExperts', { sessionId });
      expertId = (experts.find((e) => e.role === 'member') ?? experts[0])?.id as string;
    }

    it('an expert package fails with DISK_FULL, leaves no partial file, and records nothing', async () => {
      await setUp();
      try {
        const mount = mountSmallFs(4 * MB);
        const filler = path.join(mount, 'filler');
        const out = path.join(mount, 'package.pdbundle.age');
        // Find the package's size on a roomy disk first (then remove it).
        const probe = await ok(host, 'exportExpertPackage', { sessionId, expertId, path: saveToken(host, out), passphrase: PASS });
        fs.rmSync(out);
        let failures = 0;
        for (const fraction of [0, 0.1, 0.5, 0.9, 1.1, 1.5, 1.9, 2.2]) {
          fillTo(mount, filler, Math.floor(probe.bytes * fraction));
          const before = folderSnapshot(path.join(work, 'data'));
          // A fresh save token each time, as each attempt would follow its own save dialog.
          const r = await host.invoke('exportExpertPackage', { sessionId, expertId, path: saveToken(host, out), passphrase: PASS });
          if (r.ok) break;
          expectDiskFull(r.error);
          failures++;
          expect(filesBeside(mount, filler), `with ${fraction} × package free`).toEqual([]);
          expect(folderSnapshot(path.join(work, 'data'))).toEqual(before);
        }
        // The plain zip and its encryption are both written beside the output: full at either stage fails.
        expect(failures).toBeGreaterThanOrEqual(3);
      } finally {
        host.close();
      }
    });

    it('an expert’s sheet bundle fails with DISK_FULL, leaves no partial file, and records nothing', async () => {
      await setUp();
      try {
        await enrolAndSignIn(host, sessionId, expertId, PASS);
        const d = (await ok(host, 'listMyDossiers', { sessionId })).find((x) => x.status !== 'recused') as { dossierId: string };
        const sheet = await ok(host, 'getScoreSheet', { sessionId, dossierId: d.dossierId });
        for (const it of sheet.standard.items) await ok(host, 'saveScore', { sessionId, dossierId: d.dossierId, itemId: it.id, value: it.bands?.[0]?.score ?? 0 });
        await ok(host, 'submitSheet', { sessionId, dossierId: d.dossierId, passphrase: PASS });

        const mount = mountSmallFs(1 * MB);
        const filler = path.join(mount, 'filler');
        const out = path.join(mount, 'sheets.pdsheets');
        let failures = 0;
        for (const free of [0, 1024]) {
          fillTo(mount, filler, free);
          const before = folderSnapshot(path.join(work, 'data'));
          const r = await host.invoke('exportSheetBundle', { sessionId, path: saveToken(host, out), passphrase: PASS });
          if (r.ok) throw new Error(`exported onto a disk with ${free} bytes free`);
          expectDiskFull(r.error);
          failures++;
          expect(filesBeside(mount, filler)).toEqual([]);
          expect(folderSnapshot(path.join(work, 'data'))).toEqual(before);
        }
        expect(failures).toBe(2);
        // With room again it works, and then it is recorded.
        fs.rmSync(filler);
        expect((await ok(host, 'exportSheetBundle', { sessionId, path: saveToken(host, out), passphrase: PASS })).sheets).toBe(1);
      } finally {
        host.close();
      }
    });
  });
});
