// "Killing the backend right after a score is acknowledged loses nothing": SIGKILL the process that
// acknowledged a save, reopen the data folder, and find the score.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { enrolAndSignIn, ok, openHost } from '../fixtures/demo-host';
import { tmpDir } from '../fixtures/tmp';

const TSX = path.resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
const CHILD = path.join(import.meta.dirname, 'crash', 'save-then-wait.ts');

function saveInChildThenKill(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errText = '';
    child.stderr.on('data', (d: Buffer) => (errText += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(out.trim()) : reject(new Error(`child exited without ack: ${errText}`))));
  });
}

describe('durability of acknowledged scores', () => {
  it('keeps a score saved just before the backend is killed', async () => {
    const dir = tmpDir('pd-crash-');
    const host = openHost(dir);
    const { sessionId } = await ok(host, 'openDemo', {});
    const expert = (await ok(host, 'listExperts', { sessionId })).find((e) => e.role === 'member') as { id: string };
    await enrolAndSignIn(host, sessionId, expert.id, 'crash test pass');
    const d = (await ok(host, 'listMyDossiers', { sessionId })).find((r) => r.status !== 'recused') as { dossierId: string };
    const sheet = await ok(host, 'getScoreSheet', { sessionId, dossierId: d.dossierId });
    const item = sheet.standard.items.find((it) => !it.bands?.length) as { id: string; max: number };
    host.close();

    const value = Math.min(item.max, 1234);
    const ack = JSON.parse(await saveInChildThenKill([dir, sessionId, expert.id, 'crash test pass', d.dossierId, item.id, String(value)]));
    expect(ack.ok).toBe(true);

    const again = openHost(dir);
    await ok(again, 'signIn', { sessionId, expertId: expert.id, passphrase: 'crash test pass', as: 'expert' });
    const after = await ok(again, 'getScoreSheet', { sessionId, dossierId: d.dossierId });
    expect(after.sheet.scores[item.id]).toBe(value);
    again.close();
  });
});
