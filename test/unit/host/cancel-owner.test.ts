// cancelJob through the contract: only the principal that started a job may cancel it (issue 8, item 9).
import { describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type * as ImportSession from '../../../electron/backend/services/import-session';
import { asSecretary, enrol, err, jobEnd, ok, openHost } from '../../fixtures/demo-host';
import { openToken } from '../../fixtures/file-tokens';
import { tmpDir } from '../../fixtures/tmp';

// An import of "*.slow" runs until it is cancelled, so the test decides when it ends; the demo imports for real.
vi.mock('../../../electron/backend/services/import-session', async (importOriginal) => {
  const real = await importOriginal<typeof ImportSession>();
  return {
    ...real,
    importSessionBundle: (...args: Parameters<typeof real.importSessionBundle>) => {
      const [, file, opts] = args;
      if (!file.endsWith('.slow')) return real.importSessionBundle(...args);
      return new Promise((_resolve, reject) => {
        opts?.signal?.addEventListener('abort', () => reject(new AppError('JOB_CANCELLED', 'cancelled')));
      });
    },
  };
});

const PASS = 'correct horse 1';

describe('cancelJob', () => {
  it('is refused to an expert for the secretary\'s import, and allowed to the secretary again', async () => {
    const dir = tmpDir('pd-cancel-');
    const host = openHost(dir);
    const events: AppEvent[] = [];
    host.onEvent((e) => events.push(e));
    const { sessionId } = await ok(host, 'openDemo', {});
    const { jobId } = await ok(host, 'startImport', { path: openToken(host, `${dir}/big.slow`) });

    const experts = await ok(host, 'listExperts', { sessionId });
    const expertId = experts.find((e) => e.role === 'member')?.id ?? '';
    await enrol(host, sessionId, expertId, PASS);
    await ok(host, 'signIn', { sessionId, expertId, passphrase: PASS, as: 'expert' });
    expect(await err(host, 'cancelJob', { jobId })).toMatchObject({ code: 'CONTRACT_FORBIDDEN', details: { field: 'jobId', reason: 'not_owner' } });
    expect(events.filter((e) => e.type === 'job.failed')).toEqual([]);

    await asSecretary(host);
    expect(await ok(host, 'cancelJob', { jobId })).toEqual({ cancelled: true });
    expect(await jobEnd(events, jobId)).toMatchObject({ type: 'job.failed', error: { code: 'JOB_CANCELLED' } });
    host.close();
  });
});
