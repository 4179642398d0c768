// Start-up recovery: what a killed import leaves (staged blobs, a decrypted bundle, blobs committed
// before the transaction that would have recorded them) is removed when the backend next opens the
// folder; every blob the database names is left byte-identical.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobFiles } from '../../fixtures/bundles/store-snapshot';
import { ok, openHost, RESOURCES, runImport } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';

/** A pid no process has: the kernel's maximum is far below it. */
function deadPid(): number {
  return 2 ** 22 + 12345;
}

describe('recovery of the data folder at start-up', () => {
  it('after a killed import (its lock names a dead process): removes temp files, unrecorded blobs and the lock, and keeps every recorded blob', async () => {
    const dir = tmpDir('pd-recover-');
    const host = openHost(dir);
    const { sessionId } = await ok(host, 'openDemo', {});
    host.close();
    const recorded = await blobFiles(dir);
    expect(recorded.size).toBeGreaterThan(0);

    const orphan = `ab${'0'.repeat(62)}`;
    const leftovers = [
      path.join(dir, 'blobs', 'tmp', '0123456789abcdef0123456789abcdef.tmp'),
      path.join(dir, 'tmp', 'decrypt-0123456789abcdef0123456789abcdef.tmp'),
      path.join(dir, 'blobs', 'sha256', 'ab', orphan),
      path.join(dir, 'blobs', 'sha256', 'ab', 'not-a-digest'),
      path.join(dir, 'import.lock'),
    ];
    for (const f of leftovers) {
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, 'left by a killed import');
    }
    // The lock names a process that no longer exists.
    fs.writeFileSync(path.join(dir, 'import.lock'), `${deadPid()}\n`);

    const again = openHost(dir);
    for (const f of leftovers) expect(fs.existsSync(f), f).toBe(false);
    expect(await blobFiles(dir)).toEqual(recorded);
    // The desk works as before.
    expect((await ok(again, 'getOverview', { sessionId })).counts.dossiers).toBeGreaterThan(0);
    again.close();
  });

  it('on an ordinary start (no lock left behind) removes temp files but does not walk the blob store', async () => {
    const dir = tmpDir('pd-recover-plain-');
    const host = openHost(dir);
    await ok(host, 'openDemo', {});
    host.close();
    const temp = path.join(dir, 'blobs', 'tmp', 'fedcba9876543210fedcba9876543210.tmp');
    const stray = path.join(dir, 'blobs', 'sha256', 'cd', `cd${'1'.repeat(62)}`);
    for (const f of [temp, stray]) {
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, 'x');
    }
    openHost(dir).close();
    expect(fs.existsSync(temp)).toBe(false);
    // Only an interrupted import publishes blobs without recording them; no lock, no sweep.
    expect(fs.existsSync(stray)).toBe(true);
  });
});

describe('the demo after a crash', () => {
  it('opens the demo session that was imported before the backend died, instead of refusing to import it again', async () => {
    const dir = tmpDir('pd-recover-demo-');
    const host = openHost(dir);
    // What a kill between the import's commit and the demo pref leaves: the session, no pref.
    const imported = await runImport(host, { path: path.join(RESOURCES, 'demo', 'demo-session.pdbundle') });
    if (!imported.ok) throw new Error(imported.error.code);
    const { sessionId } = await ok(host, 'openDemo', {});
    expect(sessionId).toBe(imported.report.sessionId);
    expect((await ok(host, 'listSessions', {})).length).toBe(1);
    host.close();
  });
});
