// Electron main: lifecycle only; everything else lives in the modules it wires together.
import path from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import type { Locale, Prefs } from '../../shared/types';
import { backendLaunch, startBackend } from './backend-process';
import type { BackendProcess } from './backend-process';
import { registerIpc, sendEvent } from './ipc';
import { LABELS, localeFrom } from './labels';
import { applyMenu } from './menu';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { hardenSession, hardenWebContents } from './security';
import { WINDOW_TITLE, createMainWindow } from './window';

function run(): void {
  let mainWindow: BrowserWindow | null = null;
  let backend: BackendProcess | null = null;
  let locale: Locale = 'zh-CN';

  const distDir = (): string => path.join(app.getAppPath(), 'dist');

  const openWindow = (): void => {
    const win = createMainWindow(path.join(distDir(), 'preload', 'index.cjs'));
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    mainWindow = win;
  };

  // The renderer runs the import itself (pick, progress bar, error report), as for its own button.
  const importFromMenu = (): void => sendEvent(mainWindow, { type: 'menu', action: 'importBundle' });

  const showAbout = (): void => {
    const options = { type: 'info' as const, title: WINDOW_TITLE, message: WINDOW_TITLE, detail: LABELS[locale].aboutDetail(app.getVersion()) };
    void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  };

  const setLocale = (next: Locale): void => {
    locale = next;
    applyMenu(locale, {
      isPackaged: app.isPackaged,
      onImportBundle: importFromMenu,
      onAbout: showAbout,
    });
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Every WebContents, not only the main window's, gets the navigation/popup/webview guards.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Let the backend close its database before the app goes; quit again once it has.
  app.on('before-quit', (event) => {
    if (!backend?.running) return;
    event.preventDefault();
    void backend.close().finally(() => app.quit());
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    const launch = backendLaunch({
      appPath: app.getAppPath(),
      userDataPath: app.getPath('userData'),
      resourcesPath: process.resourcesPath,
      isPackaged: app.isPackaged,
      appVersion: app.getVersion(),
      env: process.env,
    });
    const started = startBackend(launch);
    backend = started;
    handleAppProtocol({
      rendererRoot: path.join(distDir(), 'renderer'),
      // The backend decides: the capability must be live and held by whoever is signed in now.
      readAttachment: async (capability) => {
        const r = await started.hostOp({ op: 'readAttachment', capability });
        return r && 'bytes' in r ? r.bytes : null;
      },
    });
    started.onUnexpectedExit((code) => {
      console.error(`[paneldesk] backend exited unexpectedly (code ${code})`);
      dialog.showErrorBox(WINDOW_TITLE, LABELS[locale].backendFailed);
      app.quit();
    });

    setLocale(localeFrom(app.getLocale()));
    registerIpc({
      getMainWindow: () => mainWindow,
      backend: started,
      getLocale: () => locale,
      preloadPath: path.join(distDir(), 'preload', 'index.cjs'),
      onPrefs: (prefs: Prefs) => {
        if (prefs.locale !== locale) setLocale(prefs.locale);
      },
    });
    void started.invoke('getPrefs', {}).then((prefs) => {
      if (prefs.ok) {
        const next = (prefs.value as Prefs).locale;
        if (next !== locale) setLocale(next);
      }
    });

    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });
}

// Both must happen before 'ready'.
registerAppScheme();
app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  run();
} else {
  app.quit();
}
