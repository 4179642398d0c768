import { Readable } from 'node:stream';
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
    grantFile: vi.fn((path: string, purpose: string) => `tok:${purpose}:${path}`),
    serveAttachment: vi.fn(async (cap: string) => (cap === 'good' ? { stream: Readable.from([Buffer.from('%PDF-'), Buffer.from('1.7')]), size: 8 } : null)),
    revokeCapabilities: vi.fn(),
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

  it('answers host-level requests from main: a file token, attachment bytes, a revocation', async () => {
    const { port, sent, deliver } = fakePort();
    const { host } = fakeHost();
    serve(port, () => host, vi.fn());
    deliver({ id: 1, host: { op: 'grantFile', path: '/home/u/a.pdbundle', purpose: 'open' } });
    deliver({ id: 2, host: { op: 'readAttachment', capability: 'good' } });
    deliver({ id: 3, host: { op: 'readAttachment', capability: 'bad' } });
    deliver({ id: 4, host: { op: 'revokeCapabilities' } });
    await flush();
    await flush();
    const byId = new Map(sent.map((m) => ['id' in m ? m.id : -1, m]));
    expect(byId.get(1)).toEqual({ id: 1, hostResult: { token: 'tok:open:/home/u/a.pdbundle' } });
    expect(byId.get(2)).toEqual({ id: 2, hostResult: { bytes: new Uint8Array(Buffer.from('%PDF-1.7')) } });
    expect(byId.get(3)).toEqual({ id: 3, hostResult: { bytes: null } });
    expect(byId.get(4)).toEqual({ id: 4, hostResult: {} });
    expect(host.revokeCapabilities).toHaveBeenCalledTimes(1);
    expect(host.invoke).not.toHaveBeenCalled();
  });

  it('answers a refused grant with a null token', async () => {
    const { port, sent, deliver } = fakePort();
    const { host } = fakeHost();
    host.grantFile.mockImplementationOnce(() => {
      throw new AppError('FILE_TOKEN_INVALID', 'relative');
    });
    serve(port, () => host, vi.fn());
    deliver({ id: 9, host: { op: 'grantFile', path: 'relative', purpose: 'open' } });
    await flush();
    expect(sent).toEqual([{ id: 9, hostResult: { token: null } }]);
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
