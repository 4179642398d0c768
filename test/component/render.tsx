import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import { I18nextProvider } from 'react-i18next';
import type { Locale } from '../../shared/types';
import { createI18n } from '../../renderer/i18n';

export function renderWithI18n(ui: ReactElement, locale: Locale = 'zh-CN') {
  const i18n = createI18n(locale);
  return render(
    <ConfigProvider>
      <I18nextProvider i18n={i18n}>{ui}</I18nextProvider>
    </ConfigProvider>,
  );
}
