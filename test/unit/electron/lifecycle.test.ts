import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../shared/errors';
import { IPC_EVENT, IPC_INVOKE, IPC_SHELL } from '../../../shared/ipc';
import { mainWindowOptions } from '../../../electron/main/window';
import { FakeWebContents, fakeEvent } from './fake-electron';
import type { FakeBrowserWindow, FakeElectronModule, FakeElectronState, FakeUtilityProcess } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron());

const flush = () => new Promise((r) => setTimeout(r, 0));

/** A fresh main process: new fake electron, index.ts evaluated again. */
async function boot(opts: { lock?: boolean; ready?: boolean } = {}) {
  vi.resetModules();
  const electron = (await import('electron')) as unknown as FakeElectronModule;
  electron.__reset();
  electron.app.singleInstance = opts.lock ?? true;
  await import('../../../electron/main/index');
  if (opts.ready ?? true) {
    electron.resolveReady();
    await flush();
  }
  const child = electron.forks[0] as FakeUtilityProcess;
  const win = electron.BrowserWindow.instances[0] as FakeBrowserWindow;
  return { electron, child, win };
}

const menuLabels = (electron: FakeElectronState) => {
  const calls = electron.Menu.buildFromTemplate.mock.calls;
  return (calls[calls.length - 1]?.[0] as MenuItemConstructorOptions[]).map((m) => m.label);
};

/** The last installed menu's item with this id. */
const menuItem = (electron: FakeElectronState, id: string) => {
  const calls = electron.Menu.buildFromTemplate.mock.calls;
  const template = calls[calls.length - 1]?.[0] as MenuItemConstructorOptions[];
  return template.flatMap((m) => (m.submenu ?? []) as MenuItemConstructorOptions[]).find((i) => i.id === id);
};

describe('main process lifecycle', () => {
  it('quits at once when another instance holds the lock', async () => {
    const { electron } = await boot({ lock: false, ready: false });
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    electron.resolveReady();
    await flush();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(electron.utilityProcess.fork).not.toHaveBeenCalled();
  });

  it('registers the app scheme and the global sandbox before ready', async () => {
    const { electron } = await boot({ ready: false });
    const register = electron.protocol.registerSchemesAsPrivileged;
    expect(register).toHaveBeenCalledTimes(1);
    expect(electron.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(register.mock.invocationCallOrder[0]).toBeLessThan(electron.app.whenReady.mock.invocationCallOrder[0] ?? 0);
    expect(electron.BrowserWindow.instances).toHaveLength(0);
  });

  it('on ready: hardens the session, serves app://, starts the backend, wires IPC, menu and window', async () => {
    const { electron, child, win } = await boot();
    const ses = electron.session.defaultSession;
    expect(ses.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(ses.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(child.modulePath).toBe('/opt/paneldesk/dist/backend/process.mjs');
    expect(child.args?.[0]).toContain('/home/user/.config/paneldesk-userData/data');
    expect([...electron.ipcHandlers.keys()].sort()).toEqual([IPC_INVOKE, IPC_SHELL].sort());
    expect(menuLabels(electron)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(win.options).toEqual(mainWindowOptions('/opt/paneldesk/dist/preload/index.cjs'));
    expect(win.loadURL).toHaveBeenCalledWith('app://paneldesk/index.html');
  });

  it('hardens every web contents created', async () => {
    const { electron } = await boot();
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const nav = fakeEvent({ url: 'https://example.com' });
    contents.emit('will-navigate', nav, nav.url);
    expect(nav.preventDefault).toHaveBeenCalled();
  });

  it("follows the user's saved locale", async () => {
    const { electron, child } = await boot();
    const request = child.postMessage.mock.calls.map((c) => c[0] as { id: number; method: string }).find((m) => m.method === 'getPrefs');
    expect(request).toBeDefined();
    child.emit('message', { id: request?.id, result: ok({ locale: 'en-US', zoom: 1, lastSessionId: null }) });
    await flush();
    expect(menuLabels(electron)).toEqual(['File', 'Edit', 'View', 'Help']);
  });

  it('closes the backend before quitting', async () => {
    const { electron, child } = await boot();
    const event = fakeEvent();
    electron.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(child.postMessage).toHaveBeenLastCalledWith({ close: true });
    expect(electron.app.quit).not.toHaveBeenCalled();
    child.emit('exit', 0);
    await flush();
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    // The second before-quit (from that quit) goes through.
    const again = fakeEvent();
    electron.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('tells the user and quits when the backend dies, instead of restarting it', async () => {
    const { electron, child } = await boot();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    child.emit('exit', 1);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('backend exited unexpectedly'));
    log.mockRestore();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.utilityProcess.fork).toHaveBeenCalledTimes(1);
  });

  it('文件 → 打开评审包… asks the renderer to run its import, without a dialog or a backend call in main', async () => {
    const { electron, child, win } = await boot();
    const item = menuItem(electron, 'importBundle');
    expect(item?.label).toBe('打开评审包…');
    const before = child.postMessage.mock.calls.length;
    (item?.click as () => void)();
    await flush();
    expect(win.webContents.send).toHaveBeenCalledTimes(1);
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENT, { type: 'menu', action: 'importBundle' });
    expect(electron.dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(child.postMessage.mock.calls.slice(before)).toEqual([]);
  });

  it('the import menu item does nothing once the window is gone', async () => {
    const { electron, win } = await boot();
    win.destroyed = true;
    win.emit('closed');
    (menuItem(electron, 'importBundle')?.click as () => void)();
    expect(win.webContents.send).not.toHaveBeenCalled();
  });

  it('focuses the existing window on a second launch', async () => {
    const { electron, win } = await boot();
    win.isMinimized.mockReturnValueOnce(true);
    electron.app.emit('second-instance');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('quits when the last window closes (except on macOS)', async () => {
    const { electron } = await boot();
    electron.app.emit('window-all-closed');
    if (process.platform === 'darwin') expect(electron.app.quit).not.toHaveBeenCalled();
    else expect(electron.app.quit).toHaveBeenCalled();
  });
});
