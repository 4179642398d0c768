import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../shared/errors';
import { translateError } from '../i18n';

/** A coded error in the user's language, naming what and where, with the code for support. */
export function ErrorAlert({ error, title, extra }: { error: AppErrorShape; title?: string; extra?: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-error-code={error.code}
      title={title ?? t('error.title')}
      description={
        <>
          <div>{translateError(t, error)}</div>
          {extra ? <div>{extra}</div> : null}
          <div className="error-code">{t('common.errorCode', { code: error.code })}</div>
        </>
      }
    />
  );
}
