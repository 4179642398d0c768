// The few strings main shows itself (menu, dialogs), per locale; the renderer has its own i18n.
import type { Locale } from '../../shared/types';

export interface MainLabels {
  file: string;
  importBundle: string;
  quit: string;
  edit: string;
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  view: string;
  zoomIn: string;
  zoomOut: string;
  resetZoom: string;
  reload: string;
  toggleFullScreen: string;
  help: string;
  about: string;
  aboutDetail: (version: string) => string;
  bundleFilter: string;
  pickBundleTitle: string;
  excelFilter: string;
  pickExcelTitle: string;
  pdfFilter: string;
  saveTitle: string;
  backendFailed: string;
}

export const LABELS: Record<Locale, MainLabels> = {
  'zh-CN': {
    file: '文件',
    importBundle: '打开评审包…',
    quit: '退出',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    zoomIn: '放大',
    zoomOut: '缩小',
    resetZoom: '实际大小',
    reload: '重新加载',
    toggleFullScreen: '切换全屏',
    help: '帮助',
    about: '关于',
    aboutDetail: (version) => `评审台 PanelDesk ${version}\n职称评审委员会离线评审工具`,
    bundleFilter: '评审包',
    pickBundleTitle: '选择评审包',
    excelFilter: 'Excel 工作簿',
    pickExcelTitle: '选择 Excel 文件',
    pdfFilter: 'PDF 文件',
    saveTitle: '保存为',
    backendFailed: '后台进程意外退出，评审台将关闭。已保存的数据不受影响，请重新启动。',
  },
  'en-US': {
    file: 'File',
    importBundle: 'Import bundle…',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    resetZoom: 'Actual Size',
    reload: 'Reload',
    toggleFullScreen: 'Toggle Full Screen',
    help: 'Help',
    about: 'About',
    aboutDetail: (version) => `PanelDesk ${version}\nOffline review for professional-title committees`,
    bundleFilter: 'Review bundles',
    pickBundleTitle: 'Choose a review bundle',
    excelFilter: 'Excel workbooks',
    pickExcelTitle: 'Choose an Excel file',
    pdfFilter: 'PDF documents',
    saveTitle: 'Save As',
    backendFailed: 'The background process stopped unexpectedly, so PanelDesk will close. Saved data is safe; please start it again.',
  },
};

/** zh-CN unless the system clearly asks for something else we have. */
export function localeFrom(tag: string | null | undefined): Locale {
  if (!tag) return 'zh-CN';
  return tag.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
}
