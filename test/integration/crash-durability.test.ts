// "Killing the backend right after a score is acknowledged loses nothing": SIGKILL the very process that
// holds the database (node with tsx as a loader, not a wrapper), prove it is gone, reopen, find the score.
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { DB_FILE } from '../../electron/backend/db/connection';
import { isAlive, startBackend, strayNodeChildren, survivors } from '../crash/backend-process';
import { enrolAndSignIn, ok, openHost } from '../fixtures/demo-host';
import { tmpDir } from '../fixtures/tmp';

const PASS = 'crash test pass';

afterAll(() => {
  // No backend outlives the suite: neither the processes we killed nor anything they started.
  expect(survivors()).toEqual([]);
  expect(strayNodeChildren()).toEqual([]);
});

describe('durability of acknowledged scores', { timeout: 60_000 }, () => {
  it('keeps every score acknowledged before the database-owning process is SIGKILLed', async () => {
    const dir = tmpDir('pd-crash-');
    const host = openHost(dir);
    const { sessionId } = await ok(host, 'openDemo', {});
    const expert = (await ok(host, 'listExperts', { sessionId })).find((e) => e.role === 'member') as { id: string };
    await enrolAndSignIn(host, sessionId, expert.id, PASS);
    const mine = (await ok(host, 'listMyDossiers', { sessionId })).filter((r) => r.status !== 'recused').slice(0, 3);
    const items = new Map<string, { id: string; max: number }>();
    for (const d of mine) {
      const sheet = await ok(host, 'getScoreSheet', { sessionId, dossierId: d.dossierId });
      items.set(d.dossierId, sheet.standard.items.find((it) => !it.bands?.length) as { id: string; max: number });
    }
    host.close();

    for (const [round, d] of mine.entries()) {
      const item = items.get(d.dossierId) as { id: string; max: number };
      const value = Math.min(item.max, 1000 + round * 7);
      // The child starts locked, as the app does; the expert signs in with the confirmed key.
      const backend = await startBackend(dir);
      const before = await backend.call('getPrincipal', {});
      expect(before.ok && (before.value as { role: string }).role).toBe('locked');
      expect((await backend.call('signIn', { sessionId, expertId: expert.id, passphrase: PASS, as: 'expert' })).ok).toBe(true);
      const ack = await backend.call('saveScore', { sessionId, dossierId: d.dossierId, itemId: item.id, value });
      expect(ack.ok).toBe(true);
      // Killed the instant the acknowledgement arrived: no close(), no checkpoint.
      await backend.kill();
      expect(await backend.exited).toBe('SIGKILL');
      expect(isAlive(backend.pid)).toBe(false);
      let esrch = '';
      try {
        process.kill(backend.pid, 0);
      } catch (err) {
        esrch = (err as NodeJS.ErrnoException).code ?? '';
      }
      expect(esrch).toBe('ESRCH');

      // The database opens cleanly and holds the score.
      const raw = new Database(path.join(dir, DB_FILE));
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();
      const again = openHost(dir);
      await ok(again, 'signIn', { sessionId, expertId: expert.id, passphrase: PASS, as: 'expert' });
      const after = await ok(again, 'getScoreSheet', { sessionId, dossierId: d.dossierId });
      expect(after.sheet.scores[item.id]).toBe(value);
      again.close();
    }
  });
});
