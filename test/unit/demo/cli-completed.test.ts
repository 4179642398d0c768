// paneldesk demo --completed from the command line: option checks (exit 2), and a small run that completes the
// meeting, then refuses loudly to claim a result bundle this build cannot write (exit 1, no file, the folder named).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-cli-completed-'));
const kept: string[] = [];
afterAll(() => {
  for (const d of [dir, ...kept]) fs.rmSync(d, { recursive: true, force: true });
});

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, cwd: dir, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe('paneldesk demo --completed', () => {
  it.each([
    [['--breach'], '--breach does not apply to --completed'],
    [['--attachments', '2'], '--attachments does not apply to --completed'],
    [['--encrypt-passphrase', 'long enough'], '--encrypt-passphrase does not apply to --completed'],
    [['--experts', '4'], '--experts must be from 5'],
  ])('refuses %j with a usage error', async (extra, message) => {
    const io = captureIo();
    expect(await main(['demo', '--completed', '--out', 'x.pdresult', ...extra], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain(message);
  });

  it('refuses the training options without --completed', async () => {
    const io = captureIo();
    expect(await main(['demo', '--out', 'x.pdbundle', '--skew-expert'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('--skew-expert and --wrong-total need --completed');
  });

  it('runs the meeting, then exits 1 with DEMO_RESULT_BUNDLE_UNAVAILABLE, writing nothing and naming the folder', { timeout: 300_000 }, async () => {
    const io = captureIo();
    const code = await main(['demo', '--completed', '--out', 'out/meeting.pdresult', '--dossiers', '15', '--experts', '9', '--seed', '5'], io);
    const err = io.stderr.join('\n');
    expect(code).toBe(1);
    expect(err).toContain('[DEMO_RESULT_BUNDLE_UNAVAILABLE]');
    expect(fs.existsSync(path.join(dir, 'out/meeting.pdresult'))).toBe(false);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/round 2 \(paper re-vote of d\d+\)/);
    expect(out).toContain('results signed by the chair');
    expect(out).toMatch(/completed meeting of session .+: 15 dossiers, \d+ passed/);
    // The completed meeting is kept where the message says.
    const folder = /completed in (\S+)/.exec(err)?.[1] ?? '';
    kept.push(path.dirname(folder));
    expect(fs.existsSync(path.join(folder, 'paneldesk.sqlite'))).toBe(true);
  });
});
