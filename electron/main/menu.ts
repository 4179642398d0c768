// The native application menu, in the user's locale; rebuilt when the locale changes.
import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../../shared/types';
import { LABELS } from './labels';

export interface MenuOptions {
  /** Reload is offered only in development: in the app a reload would drop unsaved UI state. */
  isPackaged?: boolean;
  platform?: NodeJS.Platform;
  onImportBundle?: () => void;
  onAbout?: () => void;
}

export function buildMenuTemplate(locale: Locale, options: MenuOptions = {}): MenuItemConstructorOptions[] {
  const t = LABELS[locale];
  const isPackaged = options.isPackaged ?? true;
  const platform = options.platform ?? process.platform;
  const template: MenuItemConstructorOptions[] = [];
  // macOS always shows its first menu as the app menu.
  if (platform === 'darwin') template.push({ role: 'appMenu' });
  template.push(
    {
      label: t.file,
      submenu: [
        { id: 'importBundle', label: t.importBundle, accelerator: 'CmdOrCtrl+O', click: () => options.onImportBundle?.() },
        { type: 'separator' },
        { role: 'quit', label: t.quit },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        { type: 'separator' },
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    {
      label: t.view,
      submenu: [
        { role: 'zoomIn', label: t.zoomIn },
        { role: 'zoomOut', label: t.zoomOut },
        { role: 'resetZoom', label: t.resetZoom },
        { type: 'separator' },
        ...(isPackaged ? [] : [{ role: 'reload', label: t.reload } satisfies MenuItemConstructorOptions]),
        { role: 'togglefullscreen', label: t.toggleFullScreen },
      ],
    },
    {
      label: t.help,
      submenu: [{ id: 'about', label: t.about, click: () => options.onAbout?.() }],
    },
  );
  return template;
}

export function applyMenu(locale: Locale, options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(locale, options)));
}
