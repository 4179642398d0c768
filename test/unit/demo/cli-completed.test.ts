// paneldesk demo --completed from the command line: option checks (exit 2), and a small run that completes the
// meeting and writes its signed result bundle.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { checkResultBundle } from '../../fixtures/result-bundle-check';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-cli-completed-'));
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
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

  it('refuses a session too small for the scripted quota tie with DEMO_TOO_SMALL, leaving nothing behind', async () => {
    const io = captureIo();
    const before = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('paneldesk-completed-'));
    expect(await main(['demo', '--completed', '--out', 'small.pdresult', '--dossiers', '4'], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/at least 3 网络营销 dossiers.*\[DEMO_TOO_SMALL\]/);
    expect(fs.existsSync(path.join(dir, 'small.pdresult'))).toBe(false);
    expect(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('paneldesk-completed-'))).toEqual(before);
  });

  it('runs the meeting and writes its signed result bundle (exit 0), leaving no temporary folder', { timeout: 300_000 }, async () => {
    const io = captureIo();
    const before = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('paneldesk-completed-'));
    const code = await main(['demo', '--completed', '--out', 'out/meeting.pdresult', '--dossiers', '15', '--experts', '9', '--seed', '5'], io);
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/round 2 \(paper re-vote of d\d+\)/);
    expect(out).toContain('results signed by the chair');
    expect(out).toMatch(/completed meeting of session .+: 15 dossiers, \d+ passed/);
    const bytes = fs.readFileSync(path.join(dir, 'out/meeting.pdresult'));
    const checked = await checkResultBundle(bytes);
    expect(out).toContain(`bundle hash ${checked.bundleHash}`);
    // Anyone holding the bundle: `paneldesk verify` recomputes the meeting and says it is valid (exit 0).
    const v = captureIo();
    expect(await main(['verify', 'out/meeting.pdresult', '--json'], v)).toBe(0);
    const report = JSON.parse(v.stdout.join('\n')) as { valid: boolean; steps: Array<{ id: string; status: string; failures: unknown[] }> };
    expect(report.valid).toBe(true);
    for (const s of report.steps) expect(['passed', 'not-applicable'], `${s.id}: ${JSON.stringify(s.failures)}`).toContain(s.status);
    expect(report.steps.find((s) => s.id === 'quotas-ties')?.status).toBe('passed');
    expect(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('paneldesk-completed-'))).toEqual(before);
  });
});
