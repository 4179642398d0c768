import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import { StyleProvider } from '@ant-design/cssinjs';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import { I18nextProvider } from 'react-i18next';
import './styles/antd.generated.css';
import './app/main.css';
import { App } from './app/App';
import { createI18n } from './i18n';
import { useStore } from './store';
import { THEME } from './theme';
import { parsePrintHash } from '../shared/print';
import { PrintRoot } from './print/PrintRoot';
import './print/print.css';

// antd's runtime <style> tags land in a detached node: the extracted CSS styles the page and the CSP stays strict.
const styleSink = document.createElement('div');
const i18n = createI18n('zh-CN');

function Root() {
  const locale = useStore((s) => s.locale);
  const theme = useMemo(() => ({ ...THEME, zeroRuntime: true }), []);
  return (
    <StyleProvider container={styleSink}>
      <ConfigProvider locale={locale === 'en-US' ? enUSAntd : zhCNAntd} theme={theme} button={{ autoInsertSpace: false }} wave={{ disabled: true }}>
        <AntApp>
          <I18nextProvider i18n={i18n}>
            <App />
          </I18nextProvider>
        </AntApp>
      </ConfigProvider>
    </StyleProvider>
  );
}

const root = document.getElementById('root');
// A print window (shared/print.ts) shows only its print view, without the app's chrome.
const printView = parsePrintHash(window.location.hash);
if (root) {
  createRoot(root).render(<StrictMode>{printView ? <PrintRoot i18n={i18n} view={printView.view} params={printView.params} /> : <Root />}</StrictMode>);
}
