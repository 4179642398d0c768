// paneldesk verify: exit 0 valid, 1 invalid, 2 usage; --json prints the report; human output follows LANG.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import { reportRows } from '../../../shared/verify/rows';
import type { VerifyReport } from '../../../shared/verify/report';

const V = path.resolve('docs/vectors');
const savedLang = process.env.LANG;
const savedAll = process.env.LC_ALL;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['verify', ...args], { out: (l) => out.push(l), err: (l) => err.push(l), cwd: V });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

afterEach(() => {
  process.env.LANG = savedLang;
  if (savedAll === undefined) delete process.env.LC_ALL;
  else process.env.LC_ALL = savedAll;
});

describe('paneldesk verify', () => {
  it('exits 0 on a valid session bundle and prints the report as JSON', async () => {
    const r = await run(['session-valid.pdbundle', '--trust', 'keys/issuer.pub', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as VerifyReport;
    expect(report).toMatchObject({ kind: 'session', valid: true, sessionId: 'S2026-ENG-01' });
    expect(report.bundleHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exits 1 on an invalid bundle, and on a signed one whose issuer is not trusted', async () => {
    expect((await run(['session-padded.pdbundle', '--trust', 'keys/issuer.pub'])).code).toBe(1);
    const untrusted = JSON.parse((await run(['session-valid.pdbundle', '--json'])).out) as VerifyReport;
    expect(untrusted.steps.find((s) => s.id === 'issuer')?.failures[0]?.code).toBe('BUNDLE_UNTRUSTED_ISSUER');
  });

  it('checks a sheet bundle against --session and the roster key from --trust', async () => {
    expect((await run(['sheets-valid.pdsheets', '--session', 'session-valid.pdbundle', '--trust', 'keys/expert-E01.pub'])).code).toBe(0);
    // Without the roster key nothing vouches for the key the bundle carries.
    const bare = JSON.parse((await run(['sheets-valid.pdsheets', '--json'])).out) as VerifyReport;
    expect(bare.valid).toBe(false);
    expect(bare.steps.find((s) => s.id === 'roster')?.failures[0]?.code).toBe('BUNDLE_UNTRUSTED_ISSUER');
  });

  it('decrypts an age file with --passphrase-file, and reports BUNDLE_ENCRYPTED_NEEDS_KEY without one', async () => {
    expect((await run(['session-valid.pdbundle.age', '--trust', 'keys/issuer.pub', '--passphrase-file', 'keys/age-passphrase.txt'])).code).toBe(0);
    const r = await run(['session-valid.pdbundle.age', '--json']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.out) as VerifyReport).steps[0]?.failures[0]).toMatchObject({ code: 'BUNDLE_ENCRYPTED_NEEDS_KEY', path: '', details: { recipients: 'scrypt' } });
  });

  it('exits 2 on usage errors: no file, a missing file, a bad key, both decryption options', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['no-such-file.pdbundle'])).code).toBe(2);
    expect((await run(['session-valid.pdbundle', '--trust', 'not-a-key'])).code).toBe(2);
    expect((await run(['session-valid.pdbundle', '--identity', 'a', '--passphrase-file', 'b'])).code).toBe(2);
  });

  it('prints steps and failures in Chinese under LANG=zh_CN.UTF-8 and in English otherwise', async () => {
    delete process.env.LC_ALL;
    process.env.LANG = 'zh_CN.UTF-8';
    const zh = await run(['session-flipped-signed.pdbundle', '--trust', 'keys/issuer.pub']);
    expect(zh.out).toContain('校验未通过');
    expect(zh.out).toContain('BUNDLE_HASH_MISMATCH: 内容与摘要不符（已被改动） — data/dossiers.json');
    process.env.LANG = 'en_US.UTF-8';
    const en = await run(['session-flipped-signed.pdbundle', '--trust', 'keys/issuer.pub']);
    expect(en.out).toContain('INVALID');
    expect(en.out).toContain('2. [failed] Manifests and hashes');
  });
});

describe('reportRows', () => {
  it('gives one row per step and one per failure, with their i18n keys', () => {
    const report: VerifyReport = {
      reportVersion: 1,
      kind: 'session',
      bundleHash: null,
      sessionId: 'S',
      valid: false,
      steps: [
        { n: 1, id: 'container', status: 'passed', checked: 3, failures: [] },
        { n: 2, id: 'manifests', status: 'failed', checked: 0, failures: [{ code: 'BUNDLE_HASH_MISMATCH', path: 'data/x.json', details: { line: 4, expected: 'a' } }] },
      ],
    };
    expect(reportRows(report)).toEqual([
      { kind: 'step', n: 1, textKey: 'verify.step.container', status: 'passed', checked: 3 },
      { kind: 'step', n: 2, textKey: 'verify.step.manifests', status: 'failed', checked: 0 },
      { kind: 'failure', n: 2, textKey: 'verify.code.BUNDLE_HASH_MISMATCH', status: 'failed', code: 'BUNDLE_HASH_MISMATCH', path: 'data/x.json', details: 'line=4 expected=a' },
    ]);
  });
});

describe('verify texts', () => {
  it('have the same step, status and code keys in zh-CN and en-US, and a text for every code the vectors report', async () => {
    const { VERIFY_TEXTS } = await import('../../../shared/verify/texts');
    const zh = VERIFY_TEXTS['zh-CN'];
    const en = VERIFY_TEXTS['en-US'];
    for (const group of ['step', 'status', 'code', 'kind'] as const) expect(Object.keys(zh[group]).sort()).toEqual(Object.keys(en[group]).sort());
    const fs = await import('node:fs/promises');
    for (const f of (await fs.readdir(V)).filter((n) => n.endsWith('.report.json'))) {
      const r = JSON.parse(await fs.readFile(path.join(V, f), 'utf8')) as VerifyReport;
      for (const s of r.steps) {
        expect(Object.keys(en.step), f).toContain(s.id);
        for (const x of s.failures) expect(Object.keys(en.code), f).toContain(x.code);
      }
    }
  });
});
