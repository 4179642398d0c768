// Main's print pipeline against the fake electron module: a hidden sandboxed window loads the print view,
// main waits for it, prints A4 with "X / Y" and writes the file; the window may only read while it prints.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ok, type Result } from '../../../shared/errors';
import { IPC_INVOKE, IPC_SHELL } from '../../../shared/ipc';
import { registerIpc } from '../../../electron/main/ipc';
import { tmpDir } from '../../fixtures/tmp';
import { FakeBrowserWindow, FakeFrame, electronState } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron());

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const REQUEST = { view: 'audit-log', params: { sessionId: 'S1', kinds: 'attendance.set' }, suggestedName: '审计日志.pdf' };

function setup() {
  const state = electronState();
  state.ipcHandlers.clear();
  state.dialog.showSaveDialog.mockReset();
  FakeBrowserWindow.instances = [];
  const main = new FakeBrowserWindow();
  const backend = { invoke: vi.fn(async (method: string): Promise<Result<unknown>> => ok({ method })), onEvent: vi.fn(() => () => undefined), hostOp: vi.fn(async () => null) };
  registerIpc({ getMainWindow: () => main as unknown as BrowserWindow, backend, getLocale: () => 'zh-CN', preloadPath: '/opt/paneldesk/dist/preload/index.cjs' });
  const shell = state.ipcHandlers.get(IPC_SHELL) as Handler;
  const invoke = state.ipcHandlers.get(IPC_INVOKE) as Handler;
  const fromMain = { sender: main.webContents, senderFrame: main.webContents.mainFrame };
  const printWindow = () => FakeBrowserWindow.instances.find((w) => w !== main);
  return { state, main, backend, shell, invoke, fromMain, printWindow };
}

describe('printToPdf in Electron main', () => {
  beforeEach(() => {
    vi.useRealTimers();
  });

  it('prints the view in a hidden sandboxed window to A4 with page numbers, and writes the file whole', async () => {
    const { state, shell, invoke, fromMain, printWindow, backend } = setup();
    const dir = tmpDir('pd-print-');
    const target = path.join(dir, '审计日志.pdf');
    state.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const seen: unknown[] = [];
    // Patch each new window's contents as it appears: the page probes ready on the second poll.
    const created = FakeBrowserWindow.instances.length;
    const origPush = FakeBrowserWindow.instances.push.bind(FakeBrowserWindow.instances);
    FakeBrowserWindow.instances.push = (...ws: FakeBrowserWindow[]) => {
      for (const w of ws) {
        let polls = 0;
        w.webContents.mainFrame = new FakeFrame('app://paneldesk/index.html#print/audit-log');
        w.webContents.executeJavaScript.mockImplementation(async () => {
          // While printing, the print window may read what its view needs, and nothing else.
          const ev = { sender: w.webContents, senderFrame: w.webContents.mainFrame };
          seen.push(await invoke(ev, 'listAuditEvents', { sessionId: 'S1' }));
          seen.push(await invoke(ev, 'setAttendance', { sessionId: 'S1', expertId: 'E1', present: true }));
          polls++;
          return polls < 2 ? { ready: false, error: null, header: '', footer: '' } : { ready: true, error: null, header: '委员会 · 评审会 <b>', footer: '审计日志 · 链头 0123456789abcdef' };
        });
      }
      return origPush(...ws);
    };
    const res = (await shell(fromMain, 'printToPdf', REQUEST)) as Result<{ file: string } | null>;
    FakeBrowserWindow.instances.push = origPush;
    expect(res).toEqual({ ok: true, value: { file: '审计日志.pdf' } });
    expect(FakeBrowserWindow.instances.length).toBe(created + 1);
    const w = printWindow() as FakeBrowserWindow;
    expect(w.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, preload: '/opt/paneldesk/dist/preload/index.cjs' } });
    expect(w.loadURL).toHaveBeenCalledWith('app://paneldesk/index.html#print/audit-log?sessionId=S1&kinds=attendance.set');
    const options = w.webContents.printToPDF.mock.calls[0]?.[0] as Record<string, string | boolean>;
    expect(options).toMatchObject({ pageSize: 'A4', preferCSSPageSize: true, displayHeaderFooter: true, printBackground: true });
    expect(options.headerTemplate).toContain('委员会 · 评审会 &lt;b&gt;');
    expect(options.footerTemplate).toContain('class="pageNumber"');
    expect(options.footerTemplate).toContain('class="totalPages"');
    expect(options.footerTemplate).toContain('0123456789abcdef');
    expect(fs.readFileSync(target, 'utf8')).toBe('%PDF-1.7 fake');
    expect(fs.readdirSync(dir)).toEqual(['审计日志.pdf']);
    expect(w.destroy).toHaveBeenCalled();
    // Reading went through; the change was refused at the relay, never reaching the backend.
    expect(seen[0]).toEqual({ ok: true, value: { method: 'listAuditEvents' } });
    expect(seen[1]).toMatchObject({ ok: false, error: { code: 'CONTRACT_BAD_SENDER' } });
    expect(backend.invoke.mock.calls.map((c) => c[0])).not.toContain('setAttendance');
    // After printing, the window's contents may call nothing at all.
    const late = await invoke({ sender: w.webContents, senderFrame: w.webContents.mainFrame }, 'listAuditEvents', { sessionId: 'S1' });
    expect(late).toMatchObject({ ok: false, error: { code: 'CONTRACT_BAD_SENDER' } });
  });

  it('a cancelled save dialog prints nothing', async () => {
    const { state, shell, fromMain, printWindow } = setup();
    state.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await shell(fromMain, 'printToPdf', REQUEST)).toEqual({ ok: true, value: null });
    expect(printWindow()).toBeUndefined();
  });

  it('refuses an unknown view or a path in the suggested name before any dialog', async () => {
    const { state, shell, fromMain } = setup();
    expect(await shell(fromMain, 'printToPdf', { ...REQUEST, view: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: { code: 'CONTRACT_INVALID_INPUT' } });
    expect(await shell(fromMain, 'printToPdf', { ...REQUEST, suggestedName: '../../x.pdf' })).toEqual({ ok: true, value: null });
    expect(state.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('a view that fails leaves no file and reports PRINT_FAILED', async () => {
    const { state, shell, fromMain } = setup();
    const dir = tmpDir('pd-print-fail-');
    state.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(dir, 'x.pdf') });
    const origPush = FakeBrowserWindow.instances.push.bind(FakeBrowserWindow.instances);
    FakeBrowserWindow.instances.push = (...ws: FakeBrowserWindow[]) => {
      for (const w of ws) w.webContents.executeJavaScript.mockResolvedValue({ ready: false, error: 'SESSION_NOT_FOUND', header: '', footer: '' });
      return origPush(...ws);
    };
    const res = await shell(fromMain, 'printToPdf', REQUEST);
    FakeBrowserWindow.instances.push = origPush;
    expect(res).toMatchObject({ ok: false, error: { code: 'PRINT_FAILED', details: { view: 'audit-log', file: 'x.pdf' } } });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a frame other than the main window cannot ask for a print', async () => {
    const { shell, state } = setup();
    const stranger = new FakeBrowserWindow();
    expect(await shell({ sender: stranger.webContents, senderFrame: stranger.webContents.mainFrame }, 'printToPdf', REQUEST)).toBeNull();
    expect(state.dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});
