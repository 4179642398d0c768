// Build step: antd's styles as a static CSS file, so the strict CSP needs no inline <style>.
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { ConfigProvider } from 'antd';
import { extractStyle } from '@ant-design/static-style-extract';
import { ANTD_COMPONENTS, THEME } from '../renderer/theme';

const out = path.resolve(import.meta.dirname, '../renderer/styles/antd.generated.css');
const css = extractStyle({
  includes: ANTD_COMPONENTS,
  customTheme: (node) => createElement(ConfigProvider, { theme: THEME }, node),
});
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, css);
console.log(`antd css: ${css.length} bytes → ${path.relative(process.cwd(), out)}`);
