// One theme for the build-time CSS extraction and the runtime (docs/decisions/antd-strict-csp.md).
import type { ThemeConfig } from 'antd';

export const THEME: ThemeConfig = {
  hashed: false,
  cssVar: { key: 'app-theme' },
  token: {
    colorPrimary: '#1f5fa8',
    colorSuccess: '#2e7d32',
    colorError: '#c62828',
    colorWarning: '#b26a00',
    colorBgLayout: '#f4f5f7',
    // Success reads as success: a light green tint with dark text, not a greyed olive (audit verdict, notices).
    colorSuccessBg: '#edf7ee',
    colorSuccessBorder: '#8bc48f',
    fontSize: 15,
    lineHeight: 1.7,
    borderRadius: 4,
    fontFamily:
      '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC", system-ui, sans-serif',
  },
};

/** Components whose styles the extraction keeps (keep in step with what renderer/ uses). */
export const ANTD_COMPONENTS = [
  'Alert', 'App', 'Badge', 'Button', 'Card', 'Checkbox', 'Descriptions', 'Divider', 'Drawer', 'Dropdown', 'Empty',
  'Form', 'Input', 'Layout', 'Menu', 'message', 'Modal', 'notification', 'Progress', 'Radio', 'Result',
  'Segmented', 'Select', 'Space', 'Spin', 'Statistic', 'Table', 'Tabs', 'Tag', 'Tooltip', 'Typography', 'Upload',
  'Flex', 'Grid', 'Collapse', 'Steps', 'Switch', 'InputNumber',
];
