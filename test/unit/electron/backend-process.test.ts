import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../../shared/contract';
import { ok } from '../../../shared/errors';
import { backendLaunch, startBackend } from '../../../electron/main/backend-process';
import type { LaunchContext } from '../../../electron/main/backend-process';
import { readOptions } from '../../../electron/backend/process-entry';
import { electronState } from './fake-electron';
import type { FakeUtilityProcess } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron());
// process-entry is imported for its pure readOptions(); keep the real backend out of this test.
vi.mock('../../../electron/backend/host', () => ({ createHost: vi.fn() }));

let appPath: string;
beforeAll(() => {
  appPath = mkdtempSync(path.join(os.tmpdir(), 'paneldesk-app-'));
});
afterAll(() => rmSync(appPath, { recursive: true, force: true }));

function ctx(over: Partial<LaunchContext> = {}): LaunchContext {
  return {
    appPath,
    userDataPath: '/home/u/.config/PanelDesk',
    resourcesPath: '/opt/PanelDesk/resources',
    isPackaged: false,
    appVersion: '0.1.0',
    env: { PATH: '/usr/bin', PANELDESK_SQLITE_BINDING: '/stale/binding.node' },
    ...over,
  };
}

describe('backendLaunch', () => {
  it('runs dist/backend/process.mjs with the data folder under userData', () => {
    const launch = backendLaunch(ctx());
    expect(launch.modulePath).toBe(path.join(appPath, 'dist', 'backend', 'process.mjs'));
    expect(launch.options).toEqual({
      dataDir: path.join('/home/u/.config/PanelDesk', 'data'),
      resourcesDir: path.join(appPath, 'resources'),
      host: 'electron',
      appVersion: '0.1.0',
    });
    expect(launch.env.PATH).toBe('/usr/bin');
  });

  it('uses the extraResources folder when packaged', () => {
    expect(backendLaunch(ctx({ isPackaged: true })).options.resourcesDir).toBe(path.join('/opt/PanelDesk/resources', 'resources'));
  });

  it('passes the Electron-ABI sqlite binding only when the file exists (and never a stale one)', () => {
    expect(backendLaunch(ctx()).env.PANELDESK_SQLITE_BINDING).toBeUndefined();
    const binding = path.join(appPath, '.electron-native', 'better_sqlite3.node');
    mkdirSync(path.dirname(binding), { recursive: true });
    writeFileSync(binding, 'x');
    expect(backendLaunch(ctx()).env.PANELDESK_SQLITE_BINDING).toBe(binding);
    expect(backendLaunch(ctx({ isPackaged: true })).env.PANELDESK_SQLITE_BINDING).toBeUndefined();
  });

  it('round-trips through the utility process option reader', () => {
    const launch = backendLaunch(ctx());
    expect(readOptions(launch.args, launch.env)).toEqual({
      ...launch.options,
      nativeBinding: path.join(appPath, '.electron-native', 'better_sqlite3.node'),
    });
  });
});

describe('startBackend', () => {
  function started() {
    const backend = startBackend(backendLaunch(ctx()));
    const { forks, utilityProcess } = electronState();
    const child = forks[forks.length - 1] as FakeUtilityProcess;
    return { backend, child, utilityProcess };
  }
  const lastPosted = (child: FakeUtilityProcess) => child.postMessage.mock.calls[child.postMessage.mock.calls.length - 1]?.[0] as {
    id: number;
    method: string;
    input: unknown;
  };

  it('forks the backend with its arguments and environment', () => {
    const { child } = started();
    const launch = backendLaunch(ctx());
    expect(child.modulePath).toBe(launch.modulePath);
    expect(child.args).toEqual(launch.args);
    expect(child.options?.env).toEqual(launch.env);
  });

  it('correlates replies to requests by id, in any order', async () => {
    const { backend, child } = started();
    const a = backend.invoke('listSessions', {});
    const first = lastPosted(child);
    const b = backend.invoke('getPrefs', {});
    const second = lastPosted(child);
    expect(first).toMatchObject({ method: 'listSessions', input: {} });
    expect(second.id).not.toBe(first.id);
    child.emit('message', { id: second.id, result: ok('prefs') });
    child.emit('message', { id: first.id, result: ok('sessions') });
    await expect(a).resolves.toEqual(ok('sessions'));
    await expect(b).resolves.toEqual(ok('prefs'));
  });

  it('relays events and ignores junk messages', () => {
    const { backend, child } = started();
    const listener = vi.fn();
    const off = backend.onEvent(listener);
    const event: AppEvent = { type: 'job.failed', jobId: 'j', kind: 'import', error: { code: 'INTERNAL', message: 'x' } };
    child.emit('message', { event });
    child.emit('message', 'junk');
    child.emit('message', { id: 999, result: ok(1) });
    expect(listener.mock.calls).toEqual([[event]]);
    off();
    child.emit('message', { event });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('fails pending calls and reports an unexpected exit, without restarting', async () => {
    const { backend, child, utilityProcess } = started();
    const forksBefore = utilityProcess.fork.mock.calls.length;
    const onExit = vi.fn();
    backend.onUnexpectedExit(onExit);
    const pending = backend.invoke('listSessions', {});
    child.emit('exit', 3);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(onExit).toHaveBeenCalledWith(3);
    expect(backend.running).toBe(false);
    await expect(backend.invoke('listSessions', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(utilityProcess.fork.mock.calls.length).toBe(forksBefore);
  });

  it('close asks the backend to close and waits for its exit', async () => {
    const { backend, child } = started();
    const onExit = vi.fn();
    backend.onUnexpectedExit(onExit);
    const closing = backend.close();
    expect(lastPosted(child)).toEqual({ close: true });
    expect(backend.close()).toBe(closing);
    child.emit('exit', 0);
    await closing;
    expect(onExit).not.toHaveBeenCalled();
    expect(child.kill).not.toHaveBeenCalled();
  });

  it('close kills a backend that does not exit in time', async () => {
    vi.useFakeTimers();
    try {
      const { backend, child } = started();
      const closing = backend.close(1000);
      vi.advanceTimersByTime(1000);
      expect(child.kill).toHaveBeenCalledTimes(1);
      child.emit('exit', 15);
      await closing;
    } finally {
      vi.useRealTimers();
    }
  });
});
