// Prints: a print view of the renderer (renderer/print) loaded in a hidden sandboxed window, turned into
// an A4 PDF by Chromium's printToPDF and written where the user chose. Main only orchestrates; the view
// fetches its own data through the contract, limited to PRINT_METHODS.
import fs from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { fail, ok, type Result } from '../../shared/errors';
import type { MethodName } from '../../shared/contract';
import { PRINT_ATTR, PRINT_MARGINS_IN, PRINT_METHODS, pageTemplates, printHash } from '../../shared/print';
import { PrintRequestSchema } from '../../shared/print-request';
import type { Locale } from '../../shared/types';
import { pickSavePath } from './dialogs';
import { APP_ORIGIN, isAppUrl } from './security';
import { secureWebPreferences } from './window';

/** The hidden windows printing right now: their frames may call PRINT_METHODS, nothing else. */
const printing = new Set<WebContents>();

export function isPrintSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, method: MethodName): boolean {
  if (!printing.has(event.sender) || !PRINT_METHODS.includes(method)) return false;
  const frame = event.senderFrame;
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

export interface PrintDeps {
  getMainWindow(): BrowserWindow | null;
  getLocale(): Locale;
  preloadPath: string;
  /** How long the view may take to render (ms). */
  timeoutMs?: number;
  /** Poll interval while waiting for the view (ms). */
  pollMs?: number;
}

type ViewState = { ready: boolean; error: string | null; header: string; footer: string };

const READ_STATE = `(() => { const h = document.documentElement; return { ready: h.hasAttribute('${PRINT_ATTR.ready}'), error: h.getAttribute('${PRINT_ATTR.error}'), header: h.getAttribute('${PRINT_ATTR.header}') || '', footer: h.getAttribute('${PRINT_ATTR.footer}') || '' }; })()`;

async function waitForView(contents: WebContents, timeoutMs: number, pollMs: number): Promise<ViewState> {
  for (let waited = 0; waited <= timeoutMs; waited += pollMs) {
    const state = (await contents.executeJavaScript(READ_STATE, false)) as ViewState | null;
    if (state?.error) throw new Error(`print view failed: ${state.error}`);
    if (state?.ready) return state;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error('print view did not finish rendering');
}

/** The whole print: validate, ask where to save, render hidden, print, write atomically. */
export async function printToPdf(deps: PrintDeps, request: unknown): Promise<Result<{ file: string } | null>> {
  const parsed = PrintRequestSchema.safeParse(request);
  if (!parsed.success) return fail('CONTRACT_INVALID_INPUT', 'bad print request', { field: 'printToPdf' });
  const req = parsed.data;
  const target = await pickSavePath(deps.getMainWindow(), deps.getLocale(), req.suggestedName);
  if (!target) return ok(null);
  const win = new BrowserWindow({ show: false, width: 794, height: 1123, webPreferences: secureWebPreferences(deps.preloadPath) });
  printing.add(win.webContents);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await win.loadURL(`${APP_ORIGIN}/index.html${printHash(req.view, req.params)}`);
    const view = await waitForView(win.webContents, deps.timeoutMs ?? 60_000, deps.pollMs ?? 100);
    const pdf = await win.webContents.printToPDF({
      pageSize: 'A4',
      // A view may ask for A4 landscape with a named @page (the 投票结果表); the others stay A4 portrait.
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      ...pageTemplates(view.header, view.footer),
      margins: { ...PRINT_MARGINS_IN },
    });
    // Whole file or nothing at the chosen name: written beside it, fsync'd, renamed.
    const fh = await fs.open(tmp, 'wx');
    try {
      await fh.writeFile(pdf);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, target);
    return ok({ file: path.basename(target) });
  } catch (err) {
    await fs.rm(tmp, { force: true });
    return fail('PRINT_FAILED', String(err), { view: req.view, file: path.basename(target) });
  } finally {
    printing.delete(win.webContents);
    if (!win.isDestroyed()) win.destroy();
  }
}
