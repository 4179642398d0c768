// The relay between the window and the backend: checks the sender, the method and the size, then forwards.
import { statSync } from 'node:fs';
import path from 'node:path';
import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { isMethodName } from '../../shared/contract';
import type { AppEvent } from '../../shared/contract';
import { fail } from '../../shared/errors';
import type { Result } from '../../shared/errors';
import { IPC_EVENT, IPC_INVOKE, IPC_SHELL, MAX_PAYLOAD_BYTES } from '../../shared/ipc';
import type { FilePurpose } from '../../shared/file-token';
import type { Locale, Prefs } from '../../shared/types';
import type { BackendProcess } from './backend-process';
import { pickBundle, pickExcel, pickSavePath } from './dialogs';
import { isTrustedSender } from './security';
import { isPrintSender, printToPdf } from './print';

export interface IpcDeps {
  getMainWindow(): BrowserWindow | null;
  backend: Pick<BackendProcess, 'invoke' | 'onEvent' | 'hostOp'>;
  getLocale(): Locale;
  /** Told about every prefs result, so the menu follows the user's locale. */
  onPrefs?(prefs: Prefs): void;
  /** The preload the hidden print windows get (print pipeline). */
  preloadPath?: string;
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** Bytes of the input's JSON, or -1 when it cannot be serialized. */
export function payloadBytes(input: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(input) ?? '', 'utf8');
  } catch {
    return -1;
  }
}

export function createInvokeHandler(deps: IpcDeps) {
  return async (event: SenderEvent, method: unknown, input: unknown): Promise<Result<unknown>> => {
    // A hidden print window may call the few read-only methods its view needs (shared/print.ts).
    if (!isTrustedSender(event, deps.getMainWindow()) && !(isMethodName(method) && isPrintSender(event, method))) {
      return fail('CONTRACT_BAD_SENDER', 'call from a frame other than the main window');
    }
    if (!isMethodName(method)) {
      return fail('CONTRACT_UNKNOWN_METHOD', 'unknown method', { field: String(method).slice(0, 80) });
    }
    const size = payloadBytes(input);
    if (size < 0) return fail('CONTRACT_INVALID_INPUT', 'input is not serializable', { field: method });
    if (size > MAX_PAYLOAD_BYTES) {
      return fail('CONTRACT_PAYLOAD_TOO_LARGE', 'input too large', { field: method, limit: MAX_PAYLOAD_BYTES });
    }
    let result: Result<unknown>;
    try {
      result = await deps.backend.invoke(method, input);
    } catch (err) {
      return fail('INTERNAL', String(err));
    }
    if (result.ok && (method === 'getPrefs' || method === 'setPrefs')) deps.onPrefs?.(result.value as Prefs);
    return result;
  };
}

/** A regular file that exists: what a drop must name (the page cannot make webUtils invent one, but check anyway). */
function isDroppedFile(p: unknown): p is string {
  if (typeof p !== 'string' || !path.isAbsolute(p)) return false;
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The renderer's dialogs: every action first checks the sender; unknown actions and bad arguments get null.
 * The renderer never sees the chosen path: the backend grants a one-use token for it, and that is the answer.
 */
export function createShellHandler(deps: IpcDeps) {
  const grant = async (file: string | null, purpose: FilePurpose): Promise<unknown> => {
    if (file === null) return null;
    const r = await deps.backend.hostOp({ op: 'grantFile', path: file, purpose });
    return r && 'token' in r ? r.token : null;
  };
  return async (event: SenderEvent, action: unknown, arg?: unknown): Promise<unknown> => {
    const win = deps.getMainWindow();
    if (!isTrustedSender(event, win)) return null;
    switch (action) {
      case 'pickBundle':
        return grant(await pickBundle(win, deps.getLocale()), 'open');
      case 'pickExcel':
        return grant(await pickExcel(win, deps.getLocale()), 'open');
      case 'pickSavePath':
        return grant(await pickSavePath(win, deps.getLocale(), arg), 'save');
      case 'printToPdf':
        return printToPdf({ getMainWindow: deps.getMainWindow, getLocale: deps.getLocale, preloadPath: deps.preloadPath ?? '' }, arg);
      // Only the preload sends this, with webUtils.getPathForFile of a File the user dropped.
      case 'grantDropped':
        return isDroppedFile(arg) ? grant(arg, 'open') : null;
      default:
        return null;
    }
  };
}

/** Pushes an event to the window's renderer (backend jobs, native menu items); dropped when there is no window. */
export function sendEvent(win: BrowserWindow | null, event: AppEvent): void {
  if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT, event);
}

/** Registers both channels and relays backend events to the main window; returns the undo. */
export function registerIpc(deps: IpcDeps): () => void {
  ipcMain.handle(IPC_INVOKE, createInvokeHandler(deps));
  ipcMain.handle(IPC_SHELL, createShellHandler(deps));
  const unsubscribe = deps.backend.onEvent((event) => sendEvent(deps.getMainWindow(), event));
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE);
    ipcMain.removeHandler(IPC_SHELL);
  };
}
