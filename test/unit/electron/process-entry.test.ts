import { describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../../shared/contract';
import { AppError, fail, ok } from '../../../shared/errors';
import type { BackendHost } from '../../../electron/backend/host-types';
import { readOptions, serve } from '../../../electron/backend/process-entry';
import type { FromBackend, ParentPortLike } from '../../../electron/backend/process-entry';

vi.mock('../../../electron/backend/host', () => ({ createHost: vi.fn() }));

function fakePort() {
  const listeners: ((e: { data: unknown }) => void)[] = [];
  const sent: FromBackend[] = [];
  const port: ParentPortLike = {
    on: (_event, listener) => listeners.push(listener),
    postMessage: (m) => sent.push(m),
  };
  return { port, sent, deliver: (data: unknown) => listeners.forEach((l) => l({ data })) };
}

function fakeHost() {
  let emit: (e: AppEvent) => void = () => undefined;
  const host = {
    invoke: vi.fn(async (method: string, input: unknown) => ok({ method, input })),
    onEvent: vi.fn((l: (e: AppEvent) => void) => {
      emit = l;
      return () => undefined;
    }),
    close: vi.fn(),
  } satisfies BackendHost;
  return { host, emit: (e: AppEvent) => emit(e) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('backend utility process entry', () => {
  it('answers {id, method, input} with {id, result}', async () => {
    const { port, sent, deliver } = fakePort();
    const { host } = fakeHost();
    serve(port, () => host, vi.fn());
    deliver({ id: 4, method: 'getPrefs', input: {} });
    await flush();
    expect(host.invoke).toHaveBeenCalledWith('getPrefs', {});
    expect(sent).toEqual([{ id: 4, result: ok({ method: 'getPrefs', input: {} }) }]);
  });

  it('forwards host events as {event}', () => {
    const { port, sent } = fakePort();
    const { host, emit } = fakeHost();
    serve(port, () => host, vi.fn());
    const event: AppEvent = { type: 'job.failed', jobId: 'j', kind: 'import', error: { code: 'JOB_CANCELLED', message: 'c' } };
    emit(event);
    expect(sent).toEqual([{ event }]);
  });

  it('closes the host and exits on {close:true}', () => {
    const { port, deliver } = fakePort();
    const { host } = fakeHost();
    const exit = vi.fn();
    serve(port, () => host, exit);
    deliver({ close: true });
    expect(host.close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('ignores malformed messages and turns a throwing host into INTERNAL', async () => {
    const { port, sent, deliver } = fakePort();
    const { host } = fakeHost();
    host.invoke.mockRejectedValueOnce(new Error('bug'));
    serve(port, () => host, vi.fn());
    deliver('hello');
    deliver({ id: 'x', method: 'getPrefs' });
    deliver({ id: 1, method: 'getPrefs', input: {} });
    await flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ id: 1, result: { ok: false, error: { code: 'INTERNAL' } } });
  });

  it('answers every call with the start-up error when the host cannot start', async () => {
    const { port, sent, deliver } = fakePort();
    serve(
      port,
      () => {
        throw new AppError('DB_NEWER_VERSION', 'database from a newer app');
      },
      vi.fn(),
    );
    deliver({ id: 1, method: 'getAppInfo', input: {} });
    await flush();
    expect(sent).toEqual([{ id: 1, result: fail('DB_NEWER_VERSION', 'database from a newer app') }]);
  });
});

describe('readOptions', () => {
  const options = { dataDir: '/d', resourcesDir: '/r', appVersion: '1.2.3' };

  it('reads the JSON argument and the native binding from the environment', () => {
    expect(readOptions(['node', 'process.mjs', `--paneldesk-options=${JSON.stringify(options)}`], { PANELDESK_SQLITE_BINDING: '/b.node' })).toEqual({
      ...options,
      host: 'electron',
      nativeBinding: '/b.node',
    });
  });

  it('falls back to the environment variable', () => {
    expect(readOptions([], { PANELDESK_BACKEND_OPTIONS: JSON.stringify(options) })).toEqual({ ...options, host: 'electron', nativeBinding: undefined });
  });

  it('refuses missing or incomplete options', () => {
    expect(() => readOptions([], {})).toThrow(/missing/);
    expect(() => readOptions([`--paneldesk-options=${JSON.stringify({ dataDir: '/d' })}`], {})).toThrow(/incomplete/);
  });
});
