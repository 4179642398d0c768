import { useTranslation } from 'react-i18next';
import type { ItemDoc } from '../../../shared/bundle/schema';
import { translateError } from '../../i18n';
import { errorAtItem, type FieldSave } from './sheet-model';

/** The quiet "已保存" after each field, or what went wrong, at the field. */
export function FieldStatus({ field, item, id }: { field: FieldSave | undefined; item?: ItemDoc; id?: string }) {
  const { t } = useTranslation();
  if (!field) return <span className="field-status" id={id} data-testid="field-status" data-state="idle" />;
  if (field.state === 'saving' || field.state === 'saved') {
    return (
      <span className="field-status quiet" id={id} data-testid="field-status" data-state={field.state} role="status">
        {field.state === 'saving' ? t('scoring.saving') : `✓ ${t('scoring.saved')}`}
      </span>
    );
  }
  const text =
    field.state === 'invalid' ? t('scoring.badNumber') : translateError(t, item ? errorAtItem(field.error, item) : field.error);
  return (
    <span
      className="field-status field-error"
      id={id}
      data-testid="field-status"
      data-state="error"
      data-error-code={field.state === 'error' ? field.error.code : 'INVALID_NUMBER'}
      role="alert"
    >
      {text}
    </span>
  );
}
