import { describe, expect, it, vi } from 'vitest';
import { createMainWindow, mainWindowOptions, secureWebPreferences } from '../../../electron/main/window';
import { FakeBrowserWindow } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron());

const PRELOAD = '/opt/paneldesk/dist/preload/index.cjs';

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences(PRELOAD) as Record<string, unknown>;

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['webviewTag', false],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
    ['spellcheck', false],
    ['preload', PRELOAD],
  ])('%s is %s', (key, expected) => {
    expect(prefs[key]).toBe(expected);
  });

  it('sets nothing else (no extra blink features, arguments or partitions)', () => {
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });
});

describe('main window', () => {
  it('uses the secure preferences', () => {
    expect(mainWindowOptions(PRELOAD).webPreferences).toEqual(secureWebPreferences(PRELOAD));
    expect(mainWindowOptions(PRELOAD).show).toBe(false);
  });

  it('is created with those options, loads app://paneldesk and shows when ready', () => {
    const win = createMainWindow(PRELOAD) as unknown as FakeBrowserWindow;
    expect(win).toBeInstanceOf(FakeBrowserWindow);
    expect(win.options).toEqual(mainWindowOptions(PRELOAD));
    expect(win.loadURL).toHaveBeenCalledWith('app://paneldesk/index.html');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });
});
