import { useState } from 'react';
import { Button, Input, Modal, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IdentityRow, Principal } from '../../../shared/types';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import { RoleTag } from '../setup/RosterTab';
import { EnrolledPanel, EnrollForm, SignInForm } from './PassphraseForms';

type Mode = { kind: 'list' } | { kind: 'enroll'; row: IdentityRow } | { kind: 'enrolled'; row: IdentityRow } | { kind: 'signIn'; row: IdentityRow; as: 'expert' | 'chair' };

/** "评审专家 · 张三" or "秘书": the role in use and, for a person, their name. */
export function principalLabel(t: (k: string) => string, p: Principal): string {
  const role = t(`role.${p.role}`);
  return p.expertName ? `${role} · ${p.expertName}` : role;
}

const canChair = (row: IdentityRow) => row.role === 'chair' || row.role === 'vice_chair';

/** The header's who-is-here badge and the "switch person" control. */
export function SwitchPerson() {
  const { t } = useTranslation();
  const principal = useStore((s) => s.principal);
  const sessionId = useStore((s) => s.sessionId);
  const loadIdentities = useStore((s) => s.loadIdentities);
  const [open, setOpen] = useState(false);
  // Each opening starts at the list, with no passphrase left from the last one.
  const [opening, setOpening] = useState(0);
  const label = principalLabel(t, principal);
  return (
    <>
      <Tag color={principal.role === 'secretary' ? 'blue' : 'geekblue'} data-testid="current-role" className="role-badge">
        {label}
      </Tag>
      <Button
        data-testid="switch-person"
        disabled={!sessionId}
        onClick={() => {
          void loadIdentities();
          setOpening((n) => n + 1);
          setOpen(true);
        }}
      >
        {t('identity.switch')}
      </Button>
      <Modal
        open={open}
        scrollLock={false}
        destroyOnHidden
        width={760}
        title={t('identity.title')}
        footer={null}
        // Focus goes to the new person's home (its first row), not back to this button, where Enter would reopen it.
        focusable={{ focusTriggerAfterClose: false }}
        afterClose={() => document.querySelector<HTMLElement>('main [data-focus-first]')?.focus()}
        onCancel={() => setOpen(false)}
      >
        <SwitchPersonBody key={opening} principal={principal} onClose={() => setOpen(false)} />
      </Modal>
    </>
  );
}

function SwitchPersonBody({ principal, onClose }: { principal: Principal; onClose: () => void }) {
  const { t } = useTranslation();
  const identities = useStore((s) => s.identities);
  const error = useStore((s) => s.identitiesError);
  const signOut = useStore((s) => s.signOut);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [signOutError, setSignOutError] = useState<Parameters<typeof ErrorAlert>[0]['error'] | null>(null);
  const [deskPass, setDeskPass] = useState('');
  const [examPass, setExamPass] = useState('');
  const signInExaminer = useStore((s) => s.signInExaminer);
  const toList = () => setMode({ kind: 'list' });

  if (mode.kind === 'enroll') return <EnrollForm row={mode.row} onCancel={toList} onEnrolled={(row) => setMode({ kind: 'enrolled', row })} />;
  if (mode.kind === 'enrolled') return <EnrolledPanel row={mode.row} onBack={toList} onSignIn={() => setMode({ kind: 'signIn', row: mode.row, as: 'expert' })} />;
  if (mode.kind === 'signIn') return <SignInForm row={mode.row} as={mode.as} onCancel={toList} onDone={onClose} />;

  return (
    <div data-testid="identity-modal">
      <p>{t('identity.current', { who: principalLabel(t, principal) })}</p>
      <p className="muted">{t('identity.intro')}</p>
      {error ? <ErrorAlert error={error} /> : null}
      {signOutError ? <ErrorAlert error={signOutError} /> : null}
      <DataTable<IdentityRow>
        rowKey="expertId"
        testId="identity-table"
        dataSource={identities}
        columns={[
          { key: 'name', title: t('identity.col.name'), render: (r) => <span data-testid="identity-name">{r.name}</span> },
          { key: 'role', title: t('identity.col.role'), render: (r) => <RoleTag role={r.role} /> },
          {
            key: 'key',
            title: t('identity.col.key'),
            render: (r) =>
              r.hasKey ? (
                <span>
                  <span className="fingerprint">{r.fingerprint}</span>{' '}
                  <Tag color={r.confirmed ? 'green' : 'default'}>{r.confirmed ? t('identity.confirmed') : t('identity.notConfirmed')}</Tag>
                </span>
              ) : (
                <span className="muted">{t('identity.noKey')}</span>
              ),
          },
          {
            key: 'action',
            title: t('identity.col.action'),
            render: (r) =>
              r.hasKey ? (
                <Space wrap>
                  <Button size="small" data-testid={`sign-in-expert-${r.expertId}`} onClick={() => setMode({ kind: 'signIn', row: r, as: 'expert' })}>
                    {t('identity.signInExpert')}
                  </Button>
                  {canChair(r) ? (
                    <Button size="small" data-testid={`sign-in-chair-${r.expertId}`} onClick={() => setMode({ kind: 'signIn', row: r, as: 'chair' })}>
                      {t('identity.signInChair')}
                    </Button>
                  ) : null}
                </Space>
              ) : (
                <Button size="small" type="primary" data-testid={`enroll-${r.expertId}`} onClick={() => setMode({ kind: 'enroll', row: r })}>
                  {t('identity.enroll')}
                </Button>
              ),
          },
        ]}
      />
      {principal.examinerEnabled && principal.role !== 'examiner' ? (
        <Space style={{ marginTop: 16, width: '100%', justifyContent: 'flex-end' }}>
          <Input.Password
            style={{ width: 240 }}
            data-testid="examiner-passphrase"
            aria-label={t('identity.examinerPassphrase')}
            placeholder={t('identity.examinerPassphrase')}
            value={examPass}
            onChange={(e) => setExamPass(e.target.value)}
          />
          <Button
            data-testid="sign-in-examiner"
            disabled={examPass === ''}
            onClick={() =>
              void signInExaminer(examPass).then((err) => {
                if (err) setSignOutError(err);
                else onClose();
              })
            }
          >
            {t('identity.signInExaminer')}
          </Button>
        </Space>
      ) : null}
      {principal.role !== 'secretary' ? (
        <Space style={{ marginTop: 16, width: '100%', justifyContent: 'flex-end' }}>
          {principal.deskProtected ? (
            <Input.Password
              style={{ width: 240 }}
              data-testid="desk-passphrase"
              aria-label={t('identity.deskPassphrase')}
              placeholder={t('identity.deskPassphrase')}
              value={deskPass}
              onChange={(e) => setDeskPass(e.target.value)}
            />
          ) : null}
          <Button
            data-testid="back-to-secretary"
            disabled={principal.deskProtected && deskPass === ''}
            onClick={() =>
              void signOut(principal.deskProtected ? deskPass : undefined).then((err) => {
                if (err) setSignOutError(err);
                else onClose();
              })
            }
          >
            {t('identity.backToSecretary')}
          </Button>
        </Space>
      ) : null}
    </div>
  );
}
