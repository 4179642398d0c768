// The native file dialogs the shell channel offers: open a bundle or a workbook, choose where to save.
import path from 'node:path';
import { app, dialog } from 'electron';
import type { BrowserWindow, FileFilter, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { Locale } from '../../shared/types';
import { LABELS } from './labels';

export const BUNDLE_EXTENSIONS = ['pdbundle', 'pdsheets', 'zip', 'age'] as const;
export const EXCEL_EXTENSIONS = ['xlsx'] as const;
/** Longest file name most file systems accept. */
export const MAX_FILE_NAME = 255;

async function openOne(win: BrowserWindow | null, options: OpenDialogOptions): Promise<string | null> {
  const res = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return res.canceled ? null : (res.filePaths[0] ?? null);
}

/** The open-file dialog for bundles; null when cancelled. */
export function pickBundle(win: BrowserWindow | null, locale: Locale): Promise<string | null> {
  const t = LABELS[locale];
  return openOne(win, {
    title: t.pickBundleTitle,
    properties: ['openFile'],
    filters: [{ name: t.bundleFilter, extensions: [...BUNDLE_EXTENSIONS] }],
  });
}

/** The open-file dialog for Excel workbooks; null when cancelled. */
export function pickExcel(win: BrowserWindow | null, locale: Locale): Promise<string | null> {
  const t = LABELS[locale];
  return openOne(win, {
    title: t.pickExcelTitle,
    properties: ['openFile'],
    filters: [{ name: t.excelFilter, extensions: [...EXCEL_EXTENSIONS] }],
  });
}

/**
 * A bare file name the renderer may propose: no directory part, so it cannot steer the dialog
 * out of Documents. Chinese and other non-ASCII names are fine.
 */
export function isSafeFileName(name: unknown): name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_FILE_NAME) return false;
  if (name.trim() === '' || name === '.' || name === '..') return false;
  if (name.includes('/') || name.includes('\\')) return false;
  // C0 controls, NUL among them, are never part of a file name.
  return ![...name].some((c) => c.charCodeAt(0) < 0x20);
}

/** The save dialog's filter, decided by the proposed name's extension. */
export function saveFilters(name: string, locale: Locale): FileFilter[] {
  const t = LABELS[locale];
  switch (path.extname(name).toLowerCase()) {
    case '.xlsx':
      return [{ name: t.excelFilter, extensions: ['xlsx'] }];
    case '.pdf':
      return [{ name: t.pdfFilter, extensions: ['pdf'] }];
    case '.pdbundle':
    case '.pdsheets':
    case '.age':
      return [{ name: t.bundleFilter, extensions: [path.extname(name).slice(1).toLowerCase()] }];
    default:
      return [];
  }
}

/** The save dialog, starting in Documents with `name` proposed; null when cancelled or the name is unsafe. */
export async function pickSavePath(win: BrowserWindow | null, locale: Locale, name: unknown): Promise<string | null> {
  if (!isSafeFileName(name)) return null;
  const options: SaveDialogOptions = {
    title: LABELS[locale].saveTitle,
    defaultPath: path.join(app.getPath('documents'), name),
    filters: saveFilters(name, locale),
    // Linux only asks before overwriting when told to; macOS lets the user make a folder.
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
  const res = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return res.canceled || !res.filePath ? null : res.filePath;
}
