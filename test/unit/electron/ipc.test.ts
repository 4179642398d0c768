import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../../shared/contract';
import { ok } from '../../../shared/errors';
import type { Result } from '../../../shared/errors';
import type { Locale } from '../../../shared/types';
import { IPC_EVENT, IPC_INVOKE, IPC_SHELL, MAX_PAYLOAD_BYTES } from '../../../shared/ipc';
import { registerIpc } from '../../../electron/main/ipc';
import type { IpcDeps } from '../../../electron/main/ipc';
import type { HostOp, HostOpResult } from '../../../electron/backend/process-entry';
import { FakeBrowserWindow, FakeFrame, FakeWebContents, electronState } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron());

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function setup() {
  const state = electronState();
  state.ipcHandlers.clear();
  state.dialog.showOpenDialog.mockReset();
  state.dialog.showSaveDialog.mockReset();
  const win = new FakeBrowserWindow();
  let current: FakeBrowserWindow | null = win;
  const listeners = new Set<(e: AppEvent) => void>();
  const backend = {
    invoke: vi.fn(async (method: string, _input: unknown): Promise<Result<unknown>> => ok({ echoed: method })),
    onEvent: vi.fn((l: (e: AppEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    }),
    // The backend's token for a granted file: here its purpose and path, so a test sees what was granted.
    hostOp: vi.fn(async (op: HostOp): Promise<HostOpResult | null> => (op.op === 'grantFile' ? { token: `tok:${op.purpose}:${op.path}` } : null)),
  };
  const onPrefs = vi.fn();
  let locale: Locale = 'zh-CN';
  const deps: IpcDeps = {
    getMainWindow: () => current as unknown as BrowserWindow | null,
    backend,
    getLocale: () => locale,
    onPrefs,
  };
  const dispose = registerIpc(deps);
  const invoke = state.ipcHandlers.get(IPC_INVOKE) as Handler;
  const shell = state.ipcHandlers.get(IPC_SHELL) as Handler;
  const trusted = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
  return {
    state,
    win,
    backend,
    onPrefs,
    dispose,
    invoke,
    shell,
    trusted,
    emit: (e: AppEvent) => listeners.forEach((l) => l(e)),
    closeWindow: () => (current = null),
    setLocale: (next: Locale) => (locale = next),
  };
}

type OpenOptions = { title: string; properties: string[]; filters: { name: string; extensions: string[] }[] };
type SaveOptions = { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] };

const errorCode = (r: unknown) => (r as Result<unknown> & { ok: false }).error.code;

describe('IPC invoke relay', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });

  it('registers exactly the invoke and shell channels', () => {
    expect([...t.state.ipcHandlers.keys()].sort()).toEqual([IPC_INVOKE, IPC_SHELL].sort());
  });

  it('forwards a valid call from the main frame to the backend', async () => {
    const result = await t.invoke(t.trusted, 'listSessions', {});
    expect(result).toEqual(ok({ echoed: 'listSessions' }));
    expect(t.backend.invoke).toHaveBeenCalledWith('listSessions', {});
  });

  it('rejects a subframe with CONTRACT_BAD_SENDER', async () => {
    const sub = new FakeFrame('app://paneldesk/index.html', t.win.webContents.mainFrame, 7, 5);
    expect(errorCode(await t.invoke({ sender: t.win.webContents, senderFrame: sub }, 'listSessions', {}))).toBe('CONTRACT_BAD_SENDER');
    expect(t.backend.invoke).not.toHaveBeenCalled();
  });

  it('rejects a foreign URL and other contents with CONTRACT_BAD_SENDER', async () => {
    t.win.webContents.mainFrame.url = 'https://evil.example/';
    expect(errorCode(await t.invoke(t.trusted, 'listSessions', {}))).toBe('CONTRACT_BAD_SENDER');
    const other = new FakeWebContents();
    expect(errorCode(await t.invoke({ sender: other, senderFrame: other.mainFrame }, 'listSessions', {}))).toBe('CONTRACT_BAD_SENDER');
    expect(t.backend.invoke).not.toHaveBeenCalled();
  });

  it('rejects calls once the window is gone', async () => {
    t.closeWindow();
    expect(errorCode(await t.invoke(t.trusted, 'listSessions', {}))).toBe('CONTRACT_BAD_SENDER');
  });

  it.each(['dropTables', '__proto__', 'constructor', 'toString', 42, null])('rejects method %s with CONTRACT_UNKNOWN_METHOD', async (method) => {
    expect(errorCode(await t.invoke(t.trusted, method, {}))).toBe('CONTRACT_UNKNOWN_METHOD');
    expect(t.backend.invoke).not.toHaveBeenCalled();
  });

  it('rejects an oversized payload with CONTRACT_PAYLOAD_TOO_LARGE', async () => {
    const input = { path: 'x'.repeat(MAX_PAYLOAD_BYTES) };
    const result = await t.invoke(t.trusted, 'startImport', input);
    expect(errorCode(result)).toBe('CONTRACT_PAYLOAD_TOO_LARGE');
    expect(t.backend.invoke).not.toHaveBeenCalled();
  });

  it('counts bytes, not characters', async () => {
    // 评 is 3 bytes in UTF-8: fewer characters than the limit, more bytes.
    const input = { search: '评'.repeat(Math.ceil(MAX_PAYLOAD_BYTES / 3)) };
    expect(errorCode(await t.invoke(t.trusted, 'listDossiers', input))).toBe('CONTRACT_PAYLOAD_TOO_LARGE');
  });

  it('accepts a payload of exactly the limit', async () => {
    const overhead = JSON.stringify({ s: '' }).length;
    const input = { s: 'y'.repeat(MAX_PAYLOAD_BYTES - overhead) };
    expect(Buffer.byteLength(JSON.stringify(input))).toBe(MAX_PAYLOAD_BYTES);
    expect((await t.invoke(t.trusted, 'listSessions', input)) as Result<unknown>).toMatchObject({ ok: true });
  });

  it('turns a throwing backend into INTERNAL', async () => {
    t.backend.invoke.mockRejectedValueOnce(new Error('boom'));
    expect(errorCode(await t.invoke(t.trusted, 'listSessions', {}))).toBe('INTERNAL');
  });

  it('reports prefs results so the menu can follow the locale', async () => {
    const prefs = { locale: 'en-US', zoom: 1, lastSessionId: null };
    t.backend.invoke.mockResolvedValueOnce(ok(prefs));
    await t.invoke(t.trusted, 'setPrefs', { locale: 'en-US' });
    expect(t.onPrefs).toHaveBeenCalledWith(prefs);
  });

  it('relays backend events to the main window on the event channel', () => {
    const event: AppEvent = { type: 'job.failed', jobId: 'j1', kind: 'import', error: { code: 'JOB_CANCELLED', message: 'x' } };
    t.emit(event);
    expect(t.win.webContents.send).toHaveBeenCalledWith(IPC_EVENT, event);
    t.win.destroyed = true;
    t.emit(event);
    expect(t.win.webContents.send).toHaveBeenCalledTimes(1);
  });

  it('unregisters everything on dispose', () => {
    t.dispose();
    expect(t.state.ipcHandlers.size).toBe(0);
    t.emit({ type: 'job.failed', jobId: 'j', kind: 'import', error: { code: 'INTERNAL', message: '' } });
    expect(t.win.webContents.send).not.toHaveBeenCalled();
  });
});

describe('shell channel', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });

  it('pickBundle shows an open dialog for bundles and returns an open token for the path, never the path', async () => {
    t.state.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/u/session.pdbundle'] });
    expect(await t.shell(t.trusted, 'pickBundle')).toBe('tok:open:/home/u/session.pdbundle');
    const [win, options] = t.state.dialog.showOpenDialog.mock.calls[0] as [unknown, { properties: string[]; filters: { extensions: string[] }[] }];
    expect(win).toBe(t.win);
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters.flatMap((f) => f.extensions).sort()).toEqual(['age', 'pdbundle', 'pdsheets', 'zip']);
  });

  it('pickBundle returns null when cancelled', async () => {
    t.state.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await t.shell(t.trusted, 'pickBundle')).toBeNull();
  });

  it('pickExcel shows an open dialog for .xlsx workbooks, titled in the locale', async () => {
    t.state.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/u/评委名单.xlsx'] });
    expect(await t.shell(t.trusted, 'pickExcel')).toBe('tok:open:/home/u/评委名单.xlsx');
    const [win, options] = t.state.dialog.showOpenDialog.mock.calls[0] as [unknown, OpenOptions];
    expect(win).toBe(t.win);
    expect(options.title).toBe('选择 Excel 文件');
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters).toEqual([{ name: 'Excel 工作簿', extensions: ['xlsx'] }]);

    t.setLocale('en-US');
    t.state.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await t.shell(t.trusted, 'pickExcel')).toBeNull();
    expect((t.state.dialog.showOpenDialog.mock.calls[1] as [unknown, OpenOptions])[1].title).toBe('Choose an Excel file');
  });

  it('pickSavePath proposes the name in Documents with the Excel filter and returns the chosen path', async () => {
    t.state.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/u/Documents/评委名单模板.xlsx' });
    expect(await t.shell(t.trusted, 'pickSavePath', '评委名单模板.xlsx')).toBe('tok:save:/home/u/Documents/评委名单模板.xlsx');
    const [win, options] = t.state.dialog.showSaveDialog.mock.calls[0] as [unknown, SaveOptions];
    expect(win).toBe(t.win);
    expect(t.state.app.getPath).toHaveBeenCalledWith('documents');
    expect(options.defaultPath).toBe(path.join('/home/user/.config/paneldesk-documents', '评委名单模板.xlsx'));
    expect(options.title).toBe('保存为');
    expect(options.filters).toEqual([{ name: 'Excel 工作簿', extensions: ['xlsx'] }]);
  });

  it.each([
    ['评审结果.pdf', ['pdf']],
    ['REPORT.PDF', ['pdf']],
    ['会议.pdbundle', ['pdbundle']],
    ['张三.pdsheets', ['pdsheets']],
    ['张三.pdbundle.age', ['age']],
    ['notes.txt', []],
  ])('pickSavePath picks the filter from the extension of %s', async (name, extensions) => {
    t.state.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: `/tmp/${name}` });
    expect(await t.shell(t.trusted, 'pickSavePath', name)).toBe(`tok:save:/tmp/${name}`);
    const [, options] = t.state.dialog.showSaveDialog.mock.calls[0] as [unknown, SaveOptions];
    expect(options.filters.flatMap((f) => f.extensions)).toEqual(extensions);
  });

  it('pickSavePath returns null when cancelled', async () => {
    t.state.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await t.shell(t.trusted, 'pickSavePath', 'a.xlsx')).toBeNull();
    t.state.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '' });
    expect(await t.shell(t.trusted, 'pickSavePath', 'a.xlsx')).toBeNull();
  });

  it('pickSavePath accepts a name of exactly 255 characters', async () => {
    const name = `${'名'.repeat(250)}.xlsx`;
    t.state.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: `/tmp/${name}` });
    expect(await t.shell(t.trusted, 'pickSavePath', name)).toBe(`tok:save:/tmp/${name}`);
  });

  it.each([
    ['a parent path', '../x.xlsx'],
    ['a slash', 'a/b.xlsx'],
    ['a backslash', 'a\\b.xlsx'],
    ['an empty name', ''],
    ['a blank name', '   '],
    ['a dot-dot name', '..'],
    ['a NUL', 'a\u0000b.xlsx'],
    ['a 300-character name', 'x'.repeat(296) + '.xlsx'],
    ['a number', 42],
    ['null', null],
    ['no name', undefined],
    ['an object', { name: 'a.xlsx' }],
  ])('pickSavePath refuses %s without opening a dialog', async (_what, name) => {
    expect(await t.shell(t.trusted, 'pickSavePath', name)).toBeNull();
    expect(t.state.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it.each([['pickBundle'], ['pickExcel'], ['pickSavePath', 'a.xlsx']])('%s gives an untrusted sender null without a dialog', async (action, ...args) => {
    const other = new FakeWebContents();
    expect(await t.shell({ sender: other, senderFrame: other.mainFrame }, action, ...args)).toBeNull();
    const sub = new FakeFrame('app://paneldesk/index.html', t.win.webContents.mainFrame, 7, 5);
    expect(await t.shell({ sender: t.win.webContents, senderFrame: sub }, action, ...args)).toBeNull();
    expect(t.state.dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(t.state.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('answers a cancelled dialog without asking the backend for a token', async () => {
    t.state.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await t.shell(t.trusted, 'pickBundle')).toBeNull();
    expect(t.backend.hostOp).not.toHaveBeenCalled();
  });

  it('grantDropped gives an open token for an existing file only', async () => {
    const file = import.meta.filename;
    expect(await t.shell(t.trusted, 'grantDropped', file)).toBe(`tok:open:${file}`);
    for (const bad of ['relative/x.pdbundle', '/no/such/file.pdbundle', path.dirname(file), 42, null]) {
      expect(await t.shell(t.trusted, 'grantDropped', bad)).toBeNull();
    }
    const other = new FakeWebContents();
    expect(await t.shell({ sender: other, senderFrame: other.mainFrame }, 'grantDropped', file)).toBeNull();
    expect(t.backend.hostOp).toHaveBeenCalledTimes(1);
  });

  it('ignores untrusted senders and unknown actions', async () => {
    const other = new FakeWebContents();
    expect(await t.shell({ sender: other, senderFrame: other.mainFrame }, 'pickBundle')).toBeNull();
    expect(await t.shell(t.trusted, 'openExternal')).toBeNull();
    expect(await t.shell(t.trusted, '__proto__')).toBeNull();
    expect(t.state.dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(t.state.dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});
