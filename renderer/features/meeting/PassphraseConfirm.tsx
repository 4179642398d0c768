import type { ReactNode, Ref } from 'react';
import { Button, Input, Space } from 'antd';
import type { InputRef } from 'antd';
import { useTranslation } from 'react-i18next';

/** The person's own passphrase and the button that confirms with it (a ballot, a paper entry); Enter confirms too. */
export function PassphraseConfirm({
  value,
  onChange,
  onConfirm,
  ready,
  label,
  inputTestId,
  buttonTestId,
  inputRef,
  children,
}: {
  value: string;
  onChange: (v: string) => void;
  onConfirm: () => void;
  ready: boolean;
  label: string;
  inputTestId: string;
  buttonTestId: string;
  inputRef?: Ref<InputRef>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Space style={{ marginTop: 12 }}>
      <Input.Password
        ref={inputRef}
        data-testid={inputTestId}
        aria-label={t('meeting.passphrase')}
        placeholder={t('meeting.passphrase')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onPressEnter={onConfirm}
        style={{ width: 240 }}
      />
      <Button type="primary" disabled={!ready || !value} data-testid={buttonTestId} onClick={onConfirm}>
        {label}
      </Button>
      {children}
    </Space>
  );
}
