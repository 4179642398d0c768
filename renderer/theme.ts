// One theme for the build-time CSS extraction and the runtime (docs/decisions/antd-strict-csp.md).
// Readability is set here once, not per screen (issue 13): text ≥ 14 px, and every text colour — placeholders,
// captions, tags and disabled controls included — at WCAG AA 4.5:1 on its background
// (test/unit/renderer/theme-contrast.test.ts computes the ratios).
import type { ThemeConfig } from 'antd';

/** Greys that keep 4.5:1 on white and on the disabled/fill backgrounds below. */
export const TEXT = {
  base: '#1f2329',
  secondary: '#4e5969',
  caption: '#535c69',
  placeholder: '#5f6774',
  disabled: '#5f6774',
  disabledBg: '#eceef1',
} as const;

/**
 * antd's preset tags write their text in palette shade 7 on shade 1 (#389e0d on #f6ffed is 3.4:1). Tags use shade 9
 * instead: dark text on the same light tint. Only the presets the app uses are listed.
 */
export const TAG_TEXT = {
  green7: '#135200',
  red7: '#820014',
  blue7: '#002c8c',
  geekblue7: '#061178',
  orange7: '#873800',
  gold7: '#613400',
} as const;

export const THEME: ThemeConfig = {
  hashed: false,
  cssVar: { key: 'app-theme' },
  token: {
    colorPrimary: '#1f5fa8',
    colorInfo: '#1f5fa8',
    colorSuccess: '#2e7d32',
    colorError: '#c62828',
    colorWarning: '#9a5b00',
    colorBgLayout: '#f4f5f7',
    colorText: TEXT.base,
    colorTextHeading: TEXT.base,
    colorTextSecondary: TEXT.secondary,
    colorTextTertiary: TEXT.caption,
    colorTextDescription: TEXT.caption,
    // Also the unchecked Switch's track, under its white label.
    colorTextQuaternary: TEXT.placeholder,
    colorTextPlaceholder: TEXT.placeholder,
    colorTextDisabled: TEXT.disabled,
    colorBgContainerDisabled: TEXT.disabledBg,
    // Success reads as success: a light green tint with dark text, not a greyed olive (audit verdict, notices).
    colorSuccessBg: '#edf7ee',
    colorSuccessBorder: '#8bc48f',
    fontSize: 15,
    // Small text (small buttons, captions, tags) never below 14 px.
    fontSizeSM: 14,
    fontSizeLG: 17,
    lineHeight: 1.7,
    borderRadius: 4,
    fontFamily:
      '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC", system-ui, sans-serif',
  },
  components: {
    Tag: { ...TAG_TEXT, fontSizeSM: 14, lineHeightSM: 1.6 },
  },
};

/** Components whose styles the extraction keeps (keep in step with what renderer/ uses). */
export const ANTD_COMPONENTS = [
  'Alert', 'App', 'Badge', 'Button', 'Card', 'Checkbox', 'Descriptions', 'Divider', 'Drawer', 'Dropdown', 'Empty',
  'Form', 'Input', 'Layout', 'Menu', 'message', 'Modal', 'notification', 'Progress', 'Radio', 'Result',
  'Segmented', 'Select', 'Space', 'Spin', 'Statistic', 'Table', 'Tabs', 'Tag', 'Tooltip', 'Typography', 'Upload',
  'Flex', 'Grid', 'Collapse', 'Steps', 'Switch', 'InputNumber',
];
