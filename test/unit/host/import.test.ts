// startImport through the host: a bundle written from the fixture documents, job events, all-or-nothing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import type { ImportReport, SessionOverview, SessionSummary } from '../../../shared/types';
import { blobPath } from '../../../electron/backend/blobs/paths';
import { writeSessionBundle } from '../../../electron/backend/bundles/writer';
import { openHost } from '../../fixtures/demo-host';
import type { BackendHost } from '../../../electron/backend/host-types';
import { ATTACHMENT_BYTES, SESSION_ID, sessionContent, sha256Hex } from '../../fixtures/session-docs';
import { tmpDir } from '../../fixtures/tmp';
import { jobEnd, type JobEnd } from '../../fixtures/demo-host';
import { openToken } from '../../fixtures/file-tokens';

type Terminal = JobEnd;

interface Harness {
  host: BackendHost;
  dataDir: string;
  events: AppEvent[];
  /** Starts an import and resolves with its job.done or job.failed event. */
  importFile(file: string): Promise<Terminal>;
}

async function writeFixtureBundle(dir: string): Promise<string> {
  const file = path.join(dir, 'session.pdbundle');
  const blobs = new Map(Object.values(ATTACHMENT_BYTES).map((b) => [sha256Hex(b), b] as const));
  await writeSessionBundle(file, sessionContent(), blobs);
  return file;
}

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}


async function withHarness(fn: (h: Harness) => Promise<void>): Promise<void> {
  const dataDir = path.join(tmpDir(), 'data');
  const host = openHost(dataDir, { resourcesDir: tmpDir() });
  const events: AppEvent[] = [];
  const off = host.onEvent((e) => events.push(e));
  const importFile = async (file: string): Promise<Terminal> => {
    const { jobId } = value<{ jobId: string }>(await host.invoke('startImport', { path: openToken(host, file) }));
    return jobEnd(events, jobId);
  };
  try {
    await fn({ host, dataDir, events, importFile });
  } finally {
    off();
    host.close();
  }
}

describe('startImport', () => {
  it('imports a valid bundle: progress events, then job.done with the report; the session and its blobs are there', async () => {
    const bundle = await writeFixtureBundle(tmpDir());
    await withHarness(async ({ host, dataDir, events, importFile }) => {
      const done = await importFile(bundle);
      expect(done.type, JSON.stringify(done)).toBe('job.done');
      const report = (done as Extract<AppEvent, { type: 'job.done' }>).result;
      expect(report).toEqual<ImportReport>({
        sessionId: SESSION_ID,
        name: sessionContent().session.name,
        bundleVersion: 1,
        dossiers: 4,
        applied: true,
        update: null,
        experts: 5,
        attachments: 3,
        bytes: expect.any(Number) as number,
        signedBy: null,
      });
      expect(events.some((e) => e.type === 'job.progress' && e.jobId === done.jobId)).toBe(true);

      const sessions = value<SessionSummary[]>(await host.invoke('listSessions', {}));
      expect(sessions.map((s) => [s.id, s.dossierCount])).toEqual([[SESSION_ID, 4]]);
      const o = value<SessionOverview>(await host.invoke('getOverview', { sessionId: SESSION_ID }));
      expect(o.counts).toMatchObject({ dossiers: 4, attachments: 3, eligibilityNotMet: 1, conflicts: 1 });
      for (const bytes of Object.values(ATTACHMENT_BYTES)) {
        expect(fs.readFileSync(blobPath(dataDir, sha256Hex(bytes)))).toEqual(Buffer.from(bytes));
      }
    });
  });

  it('refuses the same session version a second time, leaving the first import intact', async () => {
    const bundle = await writeFixtureBundle(tmpDir());
    await withHarness(async ({ host, importFile }) => {
      expect((await importFile(bundle)).type).toBe('job.done');
      const again = await importFile(bundle);
      expect(again).toMatchObject({ type: 'job.failed', error: { code: 'BUNDLE_SAME_VERSION' } });
      expect(value<SessionSummary[]>(await host.invoke('listSessions', {}))).toHaveLength(1);
    });
  });

  it('a missing file fails the job with BUNDLE_UNREADABLE; nothing is imported', async () => {
    await withHarness(async ({ host, importFile }) => {
      const failed = await importFile(path.join(tmpDir(), 'missing.pdbundle'));
      expect(failed).toMatchObject({ type: 'job.failed', error: { code: 'BUNDLE_UNREADABLE' } });
      expect(value<SessionSummary[]>(await host.invoke('listSessions', {}))).toEqual([]);
    });
  });

  it('cancelJob right after the start ends the job with JOB_CANCELLED and imports nothing', async () => {
    const bundle = await writeFixtureBundle(tmpDir());
    await withHarness(async ({ host, dataDir, events }) => {
      const { jobId } = value<{ jobId: string }>(await host.invoke('startImport', { path: openToken(host, bundle) }));
      expect(value(await host.invoke('cancelJob', { jobId }))).toEqual({ cancelled: true });
      const end = await jobEnd(events, jobId);
      expect(end).toMatchObject({ type: 'job.failed', error: { code: 'JOB_CANCELLED' } });
      expect(value<SessionSummary[]>(await host.invoke('listSessions', {}))).toEqual([]);
      for (const bytes of Object.values(ATTACHMENT_BYTES)) expect(fs.existsSync(blobPath(dataDir, sha256Hex(bytes)))).toBe(false);
      // The job is gone once it has ended.
      const r = await host.invoke('cancelJob', { jobId });
      expect(r).toMatchObject({ ok: false, error: { code: 'JOB_NOT_FOUND' } });
    });
  });
});
