import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ImportReport } from '../../../shared/types';
import { toAppError } from '../../../electron/backend/errors';
import { Jobs, type JobProgress } from '../../../electron/backend/jobs';

const REPORT: ImportReport = { sessionId: 'S1', name: 'n', bundleVersion: 1, dossiers: 0, experts: 0, attachments: 0, bytes: 0, signedBy: null, applied: true, update: null };
const p = (bytesDone: number, bytesTotal = 100): JobProgress => ({ phase: 'read', bytesDone, bytesTotal, filesDone: 0, filesTotal: 1 });

function setup(): { jobs: Jobs; events: AppEvent[] } {
  const events: AppEvent[] = [];
  return { jobs: new Jobs((e) => events.push(e)), events };
}

/** A job that waits until it is aborted, then fails as a cancelled import does. */
function untilAborted(signal: AbortSignal): Promise<ImportReport> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(new AppError('JOB_CANCELLED', 'cancelled')));
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Jobs', () => {
  it('emits job.done with the result, then forgets the job', async () => {
    const { jobs, events } = setup();
    const jobId = jobs.start('import', async () => REPORT);
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    await jobs.idle();
    expect(events).toEqual([{ type: 'job.done', jobId, kind: 'import', result: REPORT }]);
    expect(() => jobs.cancel(jobId)).toThrow(expect.objectContaining({ code: 'JOB_NOT_FOUND' }));
  });

  it('gives each job its own id', async () => {
    const { jobs } = setup();
    const a = jobs.start('import', async () => REPORT);
    const b = jobs.start('import', async () => REPORT);
    expect(a).not.toBe(b);
    await jobs.idle();
  });

  it('emits job.failed with the coded error; anything else is INTERNAL', async () => {
    const { jobs, events } = setup();
    const a = jobs.start('import', async () => {
      throw new AppError('BUNDLE_HASH_MISMATCH', 'bad', { entry: 'data/x.json' });
    });
    const b = jobs.start('import', async () => {
      throw new TypeError('oops');
    });
    await jobs.idle();
    expect(events).toContainEqual({ type: 'job.failed', jobId: a, kind: 'import', error: { code: 'BUNDLE_HASH_MISMATCH', message: 'bad', details: { entry: 'data/x.json' } } });
    expect(events).toContainEqual({ type: 'job.failed', jobId: b, kind: 'import', error: { code: 'INTERNAL', message: 'oops' } });
  });

  it('a job rejecting with nothing (Promise.reject()) still ends with job.failed INTERNAL', async () => {
    const { jobs, events } = setup();
    const a = jobs.start('import', () => Promise.reject(undefined));
    const b = jobs.start('import', () => Promise.reject(null));
    await jobs.idle();
    expect(events).toEqual([
      { type: 'job.failed', jobId: a, kind: 'import', error: { code: 'INTERNAL', message: 'undefined' } },
      { type: 'job.failed', jobId: b, kind: 'import', error: { code: 'INTERNAL', message: 'null' } },
    ]);
  });

  it('cancel aborts the job’s signal; the job ends as failed with JOB_CANCELLED', async () => {
    const { jobs, events } = setup();
    const jobId = jobs.start('import', (signal) => untilAborted(signal));
    expect(jobs.cancel(jobId)).toBe(true);
    await jobs.idle();
    expect(events).toEqual([{ type: 'job.failed', jobId, kind: 'import', error: { code: 'JOB_CANCELLED', message: 'cancelled' } }]);
  });

  it('cancel of an unknown job is JOB_NOT_FOUND naming the job', () => {
    const { jobs } = setup();
    try {
      jobs.cancel('nope');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('JOB_NOT_FOUND');
      expect((err as AppError).details).toEqual({ field: 'jobId', actual: 'nope' });
    }
  });

  it('abortAll aborts every running job', async () => {
    const { jobs, events } = setup();
    jobs.start('import', (signal) => untilAborted(signal));
    jobs.start('import', (signal) => untilAborted(signal));
    jobs.abortAll();
    await jobs.idle();
    expect(events.map((e) => e.type)).toEqual(['job.failed', 'job.failed']);
  });

  it('throttles progress to one event per 50 ms, but always sends the final one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-15T08:00:00.000Z'));
    const { jobs, events } = setup();
    let report!: (p: JobProgress) => void;
    let finish!: () => void;
    const jobId = jobs.start(
      'import',
      (_signal, progress) =>
        new Promise<ImportReport>((resolve) => {
          report = progress;
          finish = () => resolve(REPORT);
        }),
    );
    report(p(10)); // sent: the first
    report(p(20)); // dropped: same instant
    vi.advanceTimersByTime(49);
    report(p(30)); // dropped: 49 ms later
    vi.advanceTimersByTime(1);
    report(p(40)); // sent: 50 ms after the first
    report(p(100)); // sent: complete
    finish();
    await jobs.idle();
    expect(events.filter((e) => e.type === 'job.progress').map((e) => (e.type === 'job.progress' ? e.bytesDone : -1))).toEqual([10, 40, 100]);
    expect(events[0]).toEqual({ type: 'job.progress', jobId, kind: 'import', ...p(10) });
    expect(events.at(-1)?.type).toBe('job.done');
  });
});

describe('toAppError', () => {
  it('keeps AppErrors and maps disk-full and corruption codes', () => {
    const e = new AppError('SESSION_NOT_FOUND', 'x');
    expect(toAppError(e)).toBe(e);
    expect(toAppError(Object.assign(new Error('full'), { code: 'SQLITE_FULL' })).code).toBe('DISK_FULL');
    expect(toAppError(Object.assign(new Error('full'), { code: 'ENOSPC' })).code).toBe('DISK_FULL');
    expect(toAppError(Object.assign(new Error('bad'), { code: 'SQLITE_CORRUPT' })).code).toBe('DB_CORRUPT');
    expect(toAppError(Object.assign(new Error('bad'), { code: 'SQLITE_NOTADB' })).code).toBe('DB_CORRUPT');
  });

  it('maps a quota (EDQUOT) like a full disk, and says where: the path, or the database', () => {
    expect(toAppError(Object.assign(new Error('quota'), { code: 'EDQUOT', path: '/media/usb/x.zip' })).toShape()).toMatchObject({ code: 'DISK_FULL', details: { path: '/media/usb/x.zip' } });
    expect(toAppError(Object.assign(new Error('full'), { code: 'ENOSPC', path: '/data/blobs/tmp/a.tmp' })).details).toEqual({ path: '/data/blobs/tmp/a.tmp' });
    expect(toAppError(Object.assign(new Error('full'), { code: 'SQLITE_FULL' })).details).toEqual({ file: 'paneldesk.sqlite' });
  });

  it('maps anything else, even undefined, null or a string, to INTERNAL', () => {
    for (const thrown of [undefined, null, 'text', 42, new RangeError('r')]) expect(toAppError(thrown).code).toBe('INTERNAL');
    expect(toAppError('text').message).toBe('text');
  });
});

describe('Jobs: only the owner cancels', () => {
  it('refuses cancelJob from another principal with CONTRACT_FORBIDDEN, and the job keeps running', async () => {
    const events: AppEvent[] = [];
    let who = 'secretary';
    const jobs = new Jobs((e) => events.push(e), () => who);
    const jobId = jobs.start('import', untilAborted);
    who = 'expert:E01';
    expect(() => jobs.cancel(jobId)).toThrow(expect.objectContaining({ code: 'CONTRACT_FORBIDDEN', details: { field: 'jobId', reason: 'not_owner' } }));
    expect(events).toEqual([]);
    who = 'secretary';
    expect(jobs.cancel(jobId)).toBe(true);
    await jobs.idle();
    expect(events).toEqual([expect.objectContaining({ type: 'job.failed', jobId, error: expect.objectContaining({ code: 'JOB_CANCELLED' }) })]);
  });
});
