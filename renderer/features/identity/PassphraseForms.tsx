import { useState } from 'react';
import { Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import type { IdentityRow } from '../../../shared/types';
import { translateError } from '../../i18n';
import { useStore } from '../../store';
import { authErrorFor, retryAt, useCountdown } from './auth-error';

const MIN_LENGTH = 8;

/** In the enrolment ceremony: the expert types their own passphrase twice; the key pair is made and sealed under it. */
export function EnrollForm({ row, onCancel, onEnrolled }: { row: IdentityRow; onCancel: () => void; onEnrolled: (row: IdentityRow) => void }) {
  const { t } = useTranslation();
  const enroll = useStore((s) => s.enrollExpert);
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [passError, setPassError] = useState<string | null>(null);
  const [againError, setAgainError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const p = pass.length === 0 ? t('identity.required') : pass.length < MIN_LENGTH ? t('identity.tooShort') : null;
    const a = p === null && again !== pass ? t('identity.mismatch') : null;
    setPassError(p);
    setAgainError(a);
    if (p || a) return;
    setBusy(true);
    const res = await enroll(row.expertId, pass);
    setBusy(false);
    if ('error' in res) setPassError(translateError(t, authErrorFor(res.error, row.name, 0)));
    else onEnrolled(res.row);
  };

  return (
    <Form layout="vertical" onFinish={() => void submit()} data-testid="enroll-form" aria-label={t('identity.enrollTitle', { name: row.name })}>
      <h3>{t('identity.enrollTitle', { name: row.name })}</h3>
      <p className="muted">{t('identity.passphraseHint')}</p>
      <Form.Item label={t('identity.passphrase')} validateStatus={passError ? 'error' : ''} help={passError} htmlFor="enroll-pass">
        <Input.Password id="enroll-pass" data-testid="passphrase-input" autoFocus value={pass} maxLength={256} onChange={(e) => setPass(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('identity.passphraseRepeat')} validateStatus={againError ? 'error' : ''} help={againError} htmlFor="enroll-again">
        <Input.Password id="enroll-again" data-testid="passphrase-repeat" value={again} maxLength={256} onChange={(e) => setAgain(e.target.value)} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="identity-submit">
          {t('identity.create')}
        </Button>
        <Button onClick={onCancel}>{t('identity.backToList')}</Button>
      </Space>
    </Form>
  );
}

/** The passphrase for signing in as expert or as chair; wrong tries and the wait are shown at the field. */
export function SignInForm({ row, as, onCancel, onDone }: { row: IdentityRow; as: 'expert' | 'chair'; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const signIn = useStore((s) => s.signIn);
  const [pass, setPass] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [until, setUntil] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const wait = useCountdown(until);

  const submit = async () => {
    if (pass.length === 0) {
      setLocalError(t('identity.required'));
      return;
    }
    setLocalError(null);
    setBusy(true);
    const err = await signIn(row.expertId, pass, as);
    setBusy(false);
    if (!err) {
      onDone();
      return;
    }
    setError(err);
    setUntil(retryAt(err));
    setPass('');
  };

  const message = localError ?? (error && !(error.code === 'AUTH_RATE_LIMITED' && wait === 0) ? translateError(t, authErrorFor(error, row.name, wait)) : null);
  const title = t('identity.signInTitle', { name: row.name, role: t(`role.${as}`) });
  return (
    <Form layout="vertical" onFinish={() => void submit()} data-testid="signin-form" aria-label={title}>
      <h3>{title}</h3>
      <Form.Item
        label={t('identity.passphrase')}
       validateStatus={message ? 'error' : ''}
        help={message ? <span data-testid="identity-error" data-error-code={error?.code}>{message}</span> : null}
        htmlFor="signin-pass"
      >
        <Input.Password id="signin-pass" data-testid="passphrase-input" autoFocus value={pass} maxLength={256} onChange={(e) => setPass(e.target.value)} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} disabled={wait > 0} data-testid="identity-submit">
          {t('identity.signIn')}
        </Button>
        <Button onClick={onCancel}>{t('identity.backToList')}</Button>
      </Space>
    </Form>
  );
}
