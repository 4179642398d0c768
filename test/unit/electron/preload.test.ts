import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../../shared/contract';
import type { Api, AppEvent } from '../../../shared/contract';
import { IPC_EVENT, IPC_INVOKE, IPC_SHELL } from '../../../shared/ipc';
import { buildApi } from '../../../electron/preload/index';
import type { PreloadIpc, PreloadWebUtils } from '../../../electron/preload/index';
import { electronState } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron());

function exposed(): { name: string; api: Api } {
  const calls = electronState().contextBridge.exposeInMainWorld.mock.calls as [string, Api][];
  expect(calls).toHaveLength(1);
  const [name, api] = calls[0] as [string, Api];
  return { name, api };
}

describe('preload', () => {
  it('exposes only window.api', () => {
    expect(exposed().name).toBe('api');
  });

  it('exposes exactly the contract methods, onEvent and shell', () => {
    const { api } = exposed();
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'onEvent', 'shell'].sort());
    expect(Object.keys(api.shell).sort()).toEqual(['pathForFile', 'pickBundle', 'pickExcel', 'pickSavePath', 'printToPdf']);
    for (const value of [...Object.values(api), ...Object.values(api.shell)]) {
      if (value !== api.shell) expect(typeof value).toBe('function');
    }
  });

  it('never hands over ipcRenderer or webUtils', () => {
    const { ipcRenderer, webUtils } = electronState();
    const { api } = exposed();
    const seen = [...Object.values(api), ...Object.values(api.shell)];
    expect(seen).not.toContain(ipcRenderer);
    expect(seen).not.toContain(webUtils);
    expect(seen).not.toContain(ipcRenderer.invoke);
    expect(Object.keys(api)).not.toContain('ipcRenderer');
  });
});

describe('buildApi', () => {
  function fakeIpc() {
    const handlers = new Map<string, (...args: unknown[]) => void>();
    const ipc = {
      invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'v' })),
      on: vi.fn((channel: string, handler: (...args: unknown[]) => void) => handlers.set(channel, handler)),
      removeListener: vi.fn((channel: string) => handlers.delete(channel)),
    };
    const utils = { getPathForFile: vi.fn((_file: unknown) => '/home/u/dropped.pdbundle') };
    const api = buildApi(ipc as unknown as PreloadIpc, utils as unknown as PreloadWebUtils);
    return { ipc, utils, api, handlers };
  }

  it('calls every method on the invoke channel with its name and input', async () => {
    const { ipc, api } = fakeIpc();
    for (const name of METHOD_NAMES) {
      const call = api[name] as (input: unknown) => Promise<unknown>;
      await expect(call({ probe: name })).resolves.toEqual({ ok: true, value: 'v' });
      expect(ipc.invoke).toHaveBeenLastCalledWith(IPC_INVOKE, name, { probe: name });
    }
    expect(ipc.invoke).toHaveBeenCalledTimes(METHOD_NAMES.length);
  });

  it('turns a failed IPC into an INTERNAL result instead of throwing', async () => {
    const { ipc, api } = fakeIpc();
    ipc.invoke.mockRejectedValueOnce(new Error('gone'));
    await expect(api.listSessions({})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('onEvent passes only the payload and can unsubscribe', () => {
    const { ipc, api, handlers } = fakeIpc();
    const listener = vi.fn();
    const off = api.onEvent(listener);
    expect(ipc.on).toHaveBeenCalledWith(IPC_EVENT, expect.any(Function));
    const payload: AppEvent = { type: 'job.failed', jobId: 'j', kind: 'import', error: { code: 'INTERNAL', message: 'x' } };
    const rawEvent = { sender: { send: () => undefined }, senderId: 0 };
    handlers.get(IPC_EVENT)?.(rawEvent, payload);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([payload]);
    off();
    expect(ipc.removeListener).toHaveBeenCalledWith(IPC_EVENT, ipc.on.mock.calls[0]?.[1]);
  });

  it('shell.pickBundle asks main on the shell channel', async () => {
    const { ipc, api } = fakeIpc();
    ipc.invoke.mockResolvedValueOnce('/home/u/a.pdbundle');
    await expect(api.shell.pickBundle()).resolves.toBe('/home/u/a.pdbundle');
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_SHELL, 'pickBundle');
    ipc.invoke.mockResolvedValueOnce(null);
    await expect(api.shell.pickBundle()).resolves.toBeNull();
    ipc.invoke.mockRejectedValueOnce(new Error('x'));
    await expect(api.shell.pickBundle()).resolves.toBeNull();
  });

  it('shell.pickExcel asks main on the shell channel and maps failures to null', async () => {
    const { ipc, api } = fakeIpc();
    ipc.invoke.mockResolvedValueOnce('/home/u/名单.xlsx');
    await expect(api.shell.pickExcel()).resolves.toBe('/home/u/名单.xlsx');
    expect(ipc.invoke).toHaveBeenLastCalledWith(IPC_SHELL, 'pickExcel');
    ipc.invoke.mockResolvedValueOnce(null);
    await expect(api.shell.pickExcel()).resolves.toBeNull();
    ipc.invoke.mockRejectedValueOnce(new Error('x'));
    await expect(api.shell.pickExcel()).resolves.toBeNull();
  });

  it('shell.pickSavePath passes the suggested name and maps failures to null', async () => {
    const { ipc, api } = fakeIpc();
    ipc.invoke.mockResolvedValueOnce('/home/u/Documents/评委名单模板.xlsx');
    await expect(api.shell.pickSavePath('评委名单模板.xlsx')).resolves.toBe('/home/u/Documents/评委名单模板.xlsx');
    expect(ipc.invoke).toHaveBeenLastCalledWith(IPC_SHELL, 'pickSavePath', '评委名单模板.xlsx');
    ipc.invoke.mockResolvedValueOnce(null);
    await expect(api.shell.pickSavePath('a.pdf')).resolves.toBeNull();
    ipc.invoke.mockResolvedValueOnce({ path: '/x' });
    await expect(api.shell.pickSavePath('a.pdf')).resolves.toBeNull();
    ipc.invoke.mockRejectedValueOnce(new Error('x'));
    await expect(api.shell.pickSavePath('a.pdf')).resolves.toBeNull();
  });

  it('shell.pathForFile uses webUtils, hands the path to main for a token, and maps "no path" to null', async () => {
    const { utils, api, ipc } = fakeIpc();
    const file = { name: 'a.pdbundle', size: 3 };
    ipc.invoke.mockResolvedValueOnce('ft_token');
    await expect(api.shell.pathForFile(file)).resolves.toBe('ft_token');
    expect(utils.getPathForFile).toHaveBeenCalledWith(file);
    expect(ipc.invoke).toHaveBeenLastCalledWith(IPC_SHELL, 'grantDropped', '/home/u/dropped.pdbundle');
    ipc.invoke.mockClear();
    utils.getPathForFile.mockReturnValueOnce('');
    await expect(api.shell.pathForFile(file)).resolves.toBeNull();
    expect(ipc.invoke).not.toHaveBeenCalled();
    utils.getPathForFile.mockImplementationOnce(() => {
      throw new TypeError('not a File');
    });
    await expect(api.shell.pathForFile(file)).resolves.toBeNull();
  });
});
