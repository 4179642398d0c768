// The result-bundle export onto a full disk (a real tmpfs, as test/integration/disk-full.test.ts): wherever the disk
// fills (early in the zip, near its end, while encrypting), the job fails with DISK_FULL naming the file, the target
// folder is left with nothing but the filler, and no export is audited. With space again the same bundle is written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract';
import type { AppErrorShape } from '../../shared/errors';
import { createI18n, translateError } from '../../renderer/i18n';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { enUS } from '../../renderer/i18n/en-US';
import { jobEnd, ok } from '../fixtures/demo-host';
import { MEETING_PASS, signedMeeting, type SignedMeeting } from '../fixtures/signed-meeting';
import { fillTo, mountSmallFs, tmpfsSupport } from '../fixtures/small-fs';

const support = tmpfsSupport();
const CI = process.env.CI === 'true' || process.env.CI === '1';
const skip = !support.ok && !CI;
if (skip && !support.ok) console.warn(`result-export disk-full tests SKIPPED: ${support.reason}`);

let m: SignedMeeting;
let root: string;

async function exportTo(file: string, extra: Record<string, unknown> = {}): Promise<{ ok: true; bytes: number } | { ok: false; error: AppErrorShape }> {
  const events: AppEvent[] = [];
  const off = m.host.onEvent((e) => events.push(e));
  try {
    const started = await m.host.invoke('exportResultBundle', { sessionId: m.sessionId, path: m.host.grantFile(file, 'save'), ...extra });
    if (!started.ok) return { ok: false, error: started.error };
    const end = await jobEnd(events, (started.value as { jobId: string }).jobId);
    if (end.type === 'job.failed') return { ok: false, error: end.error };
    return { ok: true, bytes: end.kind === 'resultExport' ? end.result.bytes : -1 };
  } finally {
    off();
  }
}

async function exportsAudited(): Promise<number> {
  const page = await ok(m.host, 'listAuditEvents', { sessionId: m.sessionId, kinds: ['result.exported'], limit: 500 });
  return page.total;
}

describe.skipIf(skip)('result export onto a full disk', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-rbundle-full-'));
    m = await signedMeeting(path.join(root, 'data'));
  }, 120_000);
  afterAll(() => {
    m?.host.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('fails with DISK_FULL wherever the disk fills, leaves no partial file, audits nothing; with space it succeeds', async () => {
    // Seal once on a roomy disk: the later exports reuse the seal and need no passphrase.
    const probe = await exportTo(path.join(root, 'probe.pdresult'), { chairPassphrase: MEETING_PASS, tellerPassphrase: MEETING_PASS, scrutineerPassphrase: MEETING_PASS });
    if (!probe.ok) throw new Error(JSON.stringify(probe.error));
    const size = probe.bytes;
    const mount = mountSmallFs(size * 3 + (1 << 20));
    const filler = path.join(mount, 'filler');
    const audited = await exportsAudited();
    const cases: Array<[number, Record<string, unknown>]> = [
      [0, {}],
      [0.3, {}],
      [0.9, {}],
      [0.5, { encryption: { passphrase: 'provincial upload 2026' } }],
    ];
    for (const [fraction, extra] of cases) {
      fillTo(mount, filler, Math.floor(size * fraction));
      const r = await exportTo(path.join(mount, 'out.pdresult'), extra);
      const e = r.ok ? null : r.error;
      expect(e?.code, `${fraction} × bundle free: ${JSON.stringify(e)}`).toBe('DISK_FULL');
      expect(String(e?.details?.path ?? '')).toMatch(/out\.pdresult$/);
      for (const [locale, catalog] of [['zh-CN', zhCN], ['en-US', enUS]] as const) {
        const i18n = createI18n(locale);
        expect(translateError(i18n.t.bind(i18n) as (k: string, o?: Record<string, unknown>) => string, e!)).toBe(catalog.error.DISK_FULL);
      }
      expect(fs.readdirSync(mount).sort(), `${fraction} × bundle free`).toEqual(['filler']);
    }
    expect(await exportsAudited()).toBe(audited);
    fs.rmSync(filler);
    const again = await exportTo(path.join(mount, 'out.pdresult'));
    expect(again.ok).toBe(true);
    expect(fs.readFileSync(path.join(mount, 'out.pdresult')).equals(fs.readFileSync(path.join(root, 'probe.pdresult')))).toBe(true);
  });
});
