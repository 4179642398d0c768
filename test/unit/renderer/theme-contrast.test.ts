// The theme's readability, once for every screen (issue 13): WCAG AA 4.5:1 for every text colour the antd tokens
// produce on the background it is drawn on, and no text under 14 px.
import { theme } from 'antd';
import { describe, expect, it } from 'vitest';
import { TAG_TEXT, THEME } from '../../../renderer/theme';
import { contrast } from './contrast';

const AA = 4.5;
const tok = theme.getDesignToken(THEME) as unknown as Record<string, string | number>;
const tagTok = { ...tok, ...THEME.components?.Tag } as Record<string, string | number>;
const c = (name: string, from: Record<string, string | number> = tok): string => {
  const v = from[name];
  if (typeof v !== 'string') throw new Error(`token ${name} is not a colour`);
  return v;
};

describe('contrast helper', () => {
  it('matches known WCAG ratios', () => {
    expect(contrast('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrast('#fff', '#fff')).toBeCloseTo(1, 5);
    // The figures issue 13 measured on antd's defaults.
    expect(contrast('#389e0d', '#f6ffed')).toBeCloseTo(3.37, 1);
    expect(contrast('#bfbfbf', '#ffffff')).toBeCloseTo(1.83, 1);
    expect(contrast('rgba(0,0,0,0.45)', '#ffffff')).toBeLessThan(AA);
  });
});

describe('theme tokens', () => {
  const pairs: Array<[string, string, string]> = [
    ['body text', 'colorText', 'colorBgContainer'],
    ['body text on the page', 'colorText', 'colorBgLayout'],
    ['headings', 'colorTextHeading', 'colorBgContainer'],
    ['secondary text', 'colorTextSecondary', 'colorBgContainer'],
    ['secondary text on the page', 'colorTextSecondary', 'colorBgLayout'],
    ['captions', 'colorTextDescription', 'colorBgContainer'],
    ['captions on the page', 'colorTextDescription', 'colorBgLayout'],
    ['tertiary text', 'colorTextTertiary', 'colorBgContainer'],
    ['placeholders', 'colorTextPlaceholder', 'colorBgContainer'],
    ['disabled text', 'colorTextDisabled', 'colorBgContainer'],
    ['disabled controls', 'colorTextDisabled', 'colorBgContainerDisabled'],
    ['switch labels (white on the unchecked track)', 'colorTextLightSolid', 'colorTextQuaternary'],
    ['primary buttons', 'colorTextLightSolid', 'colorPrimary'],
    ['links', 'colorLink', 'colorBgContainer'],
    ['error messages', 'colorError', 'colorBgContainer'],
    ['warning messages', 'colorWarning', 'colorBgContainer'],
    ['success text', 'colorSuccess', 'colorBgContainer'],
    ['success alerts', 'colorText', 'colorSuccessBg'],
    ['success alert titles', 'colorTextHeading', 'colorSuccessBg'],
    ['info alerts', 'colorText', 'colorInfoBg'],
    ['info alert titles', 'colorTextHeading', 'colorInfoBg'],
    ['warning alerts', 'colorText', 'colorWarningBg'],
    ['warning alert titles', 'colorTextHeading', 'colorWarningBg'],
    ['error alerts', 'colorText', 'colorErrorBg'],
    ['selected menu item', 'colorPrimary', 'controlItemBgActive'],
  ];
  it.each(pairs)('%s (%s on %s) reach 4.5:1', (_what, fg, bg) => {
    expect(contrast(c(fg), c(bg))).toBeGreaterThanOrEqual(AA);
  });

  const tagColours = Object.keys(TAG_TEXT).map((k) => k.replace(/7$/, ''));
  it.each(tagColours)('%s tags: dark text on their light tint reach 4.5:1', (colour) => {
    // antd's preset tag: text = palette shade 7 (overridden for Tag), background = shade 1, border = shade 3.
    expect(contrast(c(`${colour}7`, tagTok), c(`${colour}1`, tagTok))).toBeGreaterThanOrEqual(AA);
  });
  it('default tags: text on their grey fill reach 4.5:1', () => {
    expect(contrast(c('colorText'), c('colorFillTertiary'))).toBeGreaterThanOrEqual(AA);
  });

  it('no text under 14 px: body, small text and tags', () => {
    expect(tok.fontSize).toBeGreaterThanOrEqual(14);
    expect(tok.fontSizeSM).toBeGreaterThanOrEqual(14);
    expect(tagTok.fontSizeSM).toBeGreaterThanOrEqual(14);
  });
});
