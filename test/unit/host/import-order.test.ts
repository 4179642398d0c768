// Issue 8 item 8: an import checks everything before it writes anything; one import or update at a time
// per data folder (IMPORT_BUSY); a failed import removes only the blobs it created and nothing refers to.
import { spawn } from 'node:child_process';
import { openToken } from '../../fixtures/file-tokens';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobPath, blobsRoot, blobsTmp } from '../../../electron/backend/blobs/paths';
import { writeSessionBundle } from '../../../electron/backend/bundles/writer';
import { openDatabase } from '../../../electron/backend/db/connection';
import { unreferencedBlobs } from '../../../electron/backend/db/queries/blobs';
import { buildDemoSession, type DemoOptions } from '../../../electron/backend/demo/demo-session';
import { IMPORT_LOCK_FILE, acquireImportLock } from '../../../electron/backend/services/import-lock';
import type { BackendHost } from '../../../electron/backend/host-types';
import type { AppEvent } from '../../../shared/contract';
import { jobEnd, ok, openHost, runImport } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';

async function bundle(dir: string, name: string, opts: DemoOptions): Promise<{ file: string; blobs: string[]; sessionId: string }> {
  const demo = buildDemoSession(opts);
  const file = path.join(dir, name);
  await writeSessionBundle(file, demo.content, demo.blobs);
  return { file, blobs: [...demo.blobs.keys()], sessionId: demo.content.session.sessionId };
}

const storedBlobs = (dataDir: string): string[] =>
  fs.existsSync(blobsRoot(dataDir)) && fs.statSync(blobsRoot(dataDir)).isDirectory()
    ? fs.readdirSync(blobsRoot(dataDir), { recursive: true, encoding: 'utf8' }).filter((f) => /[0-9a-f]{64}$/.test(f)).map((f) => path.basename(f))
    : [];
const tmpFiles = (dataDir: string): string[] => (fs.existsSync(blobsTmp(dataDir)) ? fs.readdirSync(blobsTmp(dataDir)) : []);

/** A data folder whose blob store cannot be written (blobs/sha256 is a file): any write of a blob fails. */
function unwritableStore(dataDir: string): void {
  fs.mkdirSync(path.dirname(blobsRoot(dataDir)), { recursive: true });
  fs.writeFileSync(blobsRoot(dataDir), 'not a folder');
}

async function startJob(host: BackendHost, events: AppEvent[], file: string): Promise<string> {
  const r = await host.invoke('startImport', { path: openToken(host, file) });
  if (!r.ok) throw new Error(r.error.code);
  return (r.value as { jobId: string }).jobId;
}

describe('check everything first, then write', () => {
  it('refuses an unsigned bundle when a signature is required before touching the blob store', async () => {
    const dir = tmpDir('pd-order-');
    const b = await bundle(dir, 'b.pdbundle', { dossiers: 6, attachmentsPerDossier: 2 });
    const dataDir = path.join(dir, 'data');
    const host = openHost(dataDir);
    try {
      await ok(host, 'setSignatureRequired', { required: true });
      unwritableStore(dataDir);
      // Were the blobs written before the trust check, the store's failure (DATA_DIR_UNAVAILABLE) would come first.
      const r = await runImport(host, { path: b.file });
      expect(r.ok ? null : r.error.code).toBe('BUNDLE_SIGNATURE_REQUIRED');
      expect(tmpFiles(dataDir)).toEqual([]);
      expect(await ok(host, 'listSessions', {})).toEqual([]);
    } finally {
      host.close();
    }
  });

  it('refuses a version already imported before writing any blob, and leaves no temp file', async () => {
    const dir = tmpDir('pd-order-');
    const b = await bundle(dir, 'b.pdbundle', { dossiers: 6, attachmentsPerDossier: 2 });
    const dataDir = path.join(dir, 'data');
    const host = openHost(dataDir);
    try {
      expect((await runImport(host, { path: b.file })).ok).toBe(true);
      const before = storedBlobs(dataDir).sort();
      fs.rmSync(blobsRoot(dataDir), { recursive: true });
      unwritableStore(dataDir);
      const again = await runImport(host, { path: b.file });
      expect(again.ok ? null : again.error.code).toBe('BUNDLE_SAME_VERSION');
      expect(tmpFiles(dataDir)).toEqual([]);
      expect(before).toEqual([...b.blobs].sort());
    } finally {
      host.close();
    }
  });

  it('a store that cannot be written fails the import as a whole: no session, no temp file', async () => {
    const dir = tmpDir('pd-order-');
    const b = await bundle(dir, 'b.pdbundle', { dossiers: 6, attachmentsPerDossier: 2 });
    const dataDir = path.join(dir, 'data');
    const host = openHost(dataDir);
    try {
      unwritableStore(dataDir);
      const r = await runImport(host, { path: b.file });
      expect(r.ok ? null : r.error.code).toBe('DATA_DIR_UNAVAILABLE');
      expect(await ok(host, 'listSessions', {})).toEqual([]);
      expect(tmpFiles(dataDir)).toEqual([]);
    } finally {
      host.close();
    }
  });
});

describe('one import or update at a time per data folder', () => {
  it('two concurrent imports into one data folder: the second is refused with IMPORT_BUSY, the first completes whole', async () => {
    const dir = tmpDir('pd-busy-');
    const a = await bundle(dir, 'a.pdbundle', { dossiers: 40, attachmentsPerDossier: 3, seed: 1 });
    const b = await bundle(dir, 'b.pdbundle', { dossiers: 40, attachmentsPerDossier: 3, seed: 2 });
    const dataDir = path.join(dir, 'data');
    // Two hosts on one folder, as two windows or processes would be; and a second job in the same host.
    const h1 = openHost(dataDir);
    const h2 = openHost(dataDir);
    const e1: AppEvent[] = [];
    const e2: AppEvent[] = [];
    h1.onEvent((e) => e1.push(e));
    h2.onEvent((e) => e2.push(e));
    try {
      const j1 = await startJob(h1, e1, a.file);
      const j2 = await startJob(h2, e2, b.file);
      const j3 = await startJob(h1, e1, b.file);
      const [end1, end2, end3] = await Promise.all([jobEnd(e1, j1), jobEnd(e2, j2), jobEnd(e1, j3)]);
      expect(end1.type).toBe('job.done');
      for (const end of [end2, end3]) {
        expect(end.type).toBe('job.failed');
        if (end.type === 'job.failed') {
          expect(end.error.code).toBe('IMPORT_BUSY');
          expect(end.error.details?.path).toBe(dataDir);
        }
      }
      // The refused jobs deleted nothing of the first one's: every blob of a is stored, none of b.
      const stored = new Set(storedBlobs(dataDir));
      for (const sha of a.blobs) expect(stored.has(sha), sha).toBe(true);
      for (const sha of b.blobs.filter((x) => !a.blobs.includes(x))) expect(stored.has(sha), sha).toBe(false);
      expect(fs.existsSync(path.join(dataDir, IMPORT_LOCK_FILE))).toBe(false);
      // Once the first is done, the second goes through.
      const retry = await runImport(h2, { path: b.file });
      expect(retry.ok).toBe(true);
      expect((await ok(h1, 'listSessions', {})).map((s) => s.id).sort()).toEqual([a.sessionId, b.sessionId].sort());
      for (const sha of b.blobs) expect(fs.existsSync(blobPath(dataDir, sha))).toBe(true);
    } finally {
      h1.close();
      h2.close();
    }
  });

  it('the lock file keeps out another process while it runs, and a lock left by a dead process is taken over', async () => {
    const dataDir = tmpDir('pd-lock-');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(path.join(dataDir, IMPORT_LOCK_FILE), `${child.pid}\n`);
      expect(() => acquireImportLock(dataDir)).toThrow(expect.objectContaining({ code: 'IMPORT_BUSY' }));
    } finally {
      child.kill();
      await new Promise((r) => child.once('exit', r));
    }
    // The same pid, now gone: stale.
    const release = acquireImportLock(dataDir);
    expect(fs.readFileSync(path.join(dataDir, IMPORT_LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    expect(() => acquireImportLock(dataDir)).toThrow(expect.objectContaining({ code: 'IMPORT_BUSY' }));
    release();
    expect(fs.existsSync(path.join(dataDir, IMPORT_LOCK_FILE))).toBe(false);
    acquireImportLock(dataDir)();
  });
});

describe('clean-up by reference count', () => {
  it('a failed transaction removes the blobs this import created, never those the database refers to', async () => {
    const dir = tmpDir('pd-refs-');
    const a = await bundle(dir, 'a.pdbundle', { dossiers: 12, attachmentsPerDossier: 2 });
    // b shares a's first 12 dossiers' attachments and adds two dossiers of its own.
    const b = await bundle(dir, 'b.pdbundle', { dossiers: 14, attachmentsPerDossier: 2 });
    const dataDir = path.join(dir, 'data');
    const host = openHost(dataDir);
    const db = openDatabase(dataDir);
    try {
      expect((await runImport(host, { path: a.file })).ok).toBe(true);
      db.exec(`CREATE TRIGGER fail_b BEFORE INSERT ON session WHEN NEW.id = '${b.sessionId}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
      const r = await runImport(host, { path: b.file });
      expect(r.ok).toBe(false);
      const stored = new Set(storedBlobs(dataDir));
      const own = b.blobs.filter((sha) => !a.blobs.includes(sha));
      expect(own.length).toBe(4);
      for (const sha of a.blobs) expect(stored.has(sha), sha).toBe(true);
      for (const sha of own) expect(stored.has(sha), sha).toBe(false);
      expect(tmpFiles(dataDir)).toEqual([]);
      expect(unreferencedBlobs(db, [...a.blobs, ...own])).toEqual(own);
    } finally {
      db.close();
      host.close();
    }
  });
});
