import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PdfFailure } from './pdf-loader';

/** A file that cannot be shown: names the attachment and says why in the user's language. */
export function OpenFailed({ name, reason }: { name: string; reason: PdfFailure }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="viewer-error"
      title={t('viewer.openFailed', { name })}
      description={t(`viewer.failure.${reason}`)}
    />
  );
}
