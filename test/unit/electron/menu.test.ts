import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { LABELS, localeFrom } from '../../../electron/main/labels';
import { applyMenu, buildMenuTemplate } from '../../../electron/main/menu';
import { electronState } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron());

const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const roles = (items: MenuItemConstructorOptions[]) => items.filter((i) => i.role).map((i) => i.role);
const labels = (items: MenuItemConstructorOptions[]) => items.filter((i) => i.type !== 'separator').map((i) => i.label);

describe('application menu', () => {
  it('is in Chinese for zh-CN', () => {
    const menu = buildMenuTemplate('zh-CN', { platform: 'linux' });
    expect(menu.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(labels(submenu(menu[0]))).toEqual(['打开评审包…', '退出']);
    expect(labels(submenu(menu[1]))).toEqual(['撤销', '重做', '剪切', '复制', '粘贴', '全选']);
    expect(labels(submenu(menu[2]))).toEqual(['放大', '缩小', '实际大小', '切换全屏']);
    expect(labels(submenu(menu[3]))).toEqual(['关于']);
  });

  it('is in English for en-US', () => {
    const menu = buildMenuTemplate('en-US', { platform: 'win32' });
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(labels(submenu(menu[0]))).toEqual(['Import bundle…', 'Quit']);
    expect(labels(submenu(menu[3]))).toEqual(['About']);
  });

  it('uses native roles for quit, editing, zoom and full screen', () => {
    const menu = buildMenuTemplate('zh-CN', { platform: 'linux' });
    expect(roles(submenu(menu[0]))).toEqual(['quit']);
    expect(roles(submenu(menu[1]))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(roles(submenu(menu[2]))).toEqual(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']);
  });

  it('offers reload only when not packaged', () => {
    const packaged = submenu(buildMenuTemplate('zh-CN', { platform: 'linux', isPackaged: true })[2]);
    expect(roles(packaged)).not.toContain('reload');
    expect(roles(packaged)).not.toContain('forceReload');
    expect(roles(submenu(buildMenuTemplate('zh-CN', { platform: 'linux' })[2]))).not.toContain('reload');
    const dev = submenu(buildMenuTemplate('en-US', { platform: 'linux', isPackaged: false })[2]);
    expect(dev.find((i) => i.role === 'reload')?.label).toBe('Reload');
  });

  it('puts the app menu first on macOS', () => {
    const menu = buildMenuTemplate('zh-CN', { platform: 'darwin' });
    expect(menu[0]?.role).toBe('appMenu');
    expect(menu.slice(1).map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
  });

  it('wires import and about to their actions', () => {
    const onImportBundle = vi.fn();
    const onAbout = vi.fn();
    const menu = buildMenuTemplate('zh-CN', { platform: 'linux', onImportBundle, onAbout });
    const importItem = submenu(menu[0]).find((i) => i.id === 'importBundle');
    expect(importItem?.accelerator).toBe('CmdOrCtrl+O');
    (importItem?.click as () => void)();
    (submenu(menu[3])[0]?.click as () => void)();
    expect(onImportBundle).toHaveBeenCalledTimes(1);
    expect(onAbout).toHaveBeenCalledTimes(1);
  });

  it('has the same non-empty keys in both label tables', () => {
    const zh = LABELS['zh-CN'];
    const en = LABELS['en-US'];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const table of [zh, en]) {
      for (const value of Object.values(table)) {
        expect(typeof value === 'function' ? value('1.0.0') : value).not.toBe('');
      }
    }
  });

  it('picks the locale from a system tag, defaulting to Chinese', () => {
    expect(localeFrom('en-GB')).toBe('en-US');
    expect(localeFrom('zh-TW')).toBe('zh-CN');
    expect(localeFrom('fr')).toBe('zh-CN');
    expect(localeFrom('')).toBe('zh-CN');
  });

  it('applyMenu installs the built template', () => {
    applyMenu('en-US', { platform: 'linux' });
    const { Menu } = electronState();
    const built = Menu.buildFromTemplate.mock.calls[0]?.[0] as MenuItemConstructorOptions[];
    expect(built.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith({ template: built });
  });
});
