import { useState } from 'react';
import { Button, Input, Modal, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import type { IdentityRow, Principal } from '../../../shared/types';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import { RoleTag } from '../setup/RosterTab';
import { SignInForm } from './PassphraseForms';

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
        disabled={!sessionId && !principal.examinerEnabled}
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

/**
 * The session's experts with their sign-in buttons. Keys are made only in the secretary's enrolment
 * ceremony, so an expert without a confirmed key sees why they cannot sign in yet.
 */
export function SignInList({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const identities = useStore((s) => s.identities);
  const error = useStore((s) => s.identitiesError);
  const [signIn, setSignIn] = useState<{ row: IdentityRow; as: 'expert' | 'chair' } | null>(null);
  if (signIn) return <SignInForm row={signIn.row} as={signIn.as} onCancel={() => setSignIn(null)} onDone={() => onDone?.()} />;
  return (
    <>
      {error ? <ErrorAlert error={error} /> : null}
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
            render: (r) => (r.hasKey ? <span className="fingerprint">{r.fingerprint}</span> : <span className="muted">{t('roles.noKeyHint')}</span>),
          },
          {
            key: 'action',
            title: t('identity.col.action'),
            render: (r) =>
              r.hasKey && r.confirmed ? (
                <Space wrap>
                  <Button size="small" data-testid={`sign-in-expert-${r.expertId}`} onClick={() => setSignIn({ row: r, as: 'expert' })}>
                    {t('identity.signInExpert')}
                  </Button>
                  {canChair(r) ? (
                    <Button size="small" data-testid={`sign-in-chair-${r.expertId}`} onClick={() => setSignIn({ row: r, as: 'chair' })}>
                      {t('identity.signInChair')}
                    </Button>
                  ) : null}
                </Space>
              ) : r.hasKey ? (
                <span className="muted">{t('roles.unconfirmedHint')}</span>
              ) : null,
          },
        ]}
      />
    </>
  );
}

function SwitchPersonBody({ principal, onClose }: { principal: Principal; onClose: () => void }) {
  const { t } = useTranslation();
  const sessionId = useStore((s) => s.sessionId);
  const signInSecretary = useStore((s) => s.signInSecretary);
  const signInExaminer = useStore((s) => s.signInExaminer);
  const [problem, setProblem] = useState<AppErrorShape | null>(null);
  const [deskPass, setDeskPass] = useState('');
  const [examPass, setExamPass] = useState('');
  const done = (err: AppErrorShape | null) => {
    if (err) setProblem(err);
    else onClose();
  };

  return (
    // Focusable, so that a keyboard user can scroll a long roster even before anyone has a key to sign in with.
    <div data-testid="identity-modal" tabIndex={0} aria-label={t('identity.title')}>
      <p>{t('identity.current', { who: principalLabel(t, principal) })}</p>
      <p className="muted">{t('identity.intro')}</p>
      {problem ? <ErrorAlert error={problem} /> : null}
      {sessionId ? <SignInList onDone={onClose} /> : null}
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
          <Button data-testid="sign-in-examiner" disabled={examPass === ''} onClick={() => void signInExaminer(examPass).then(done)}>
            {t('identity.signInExaminer')}
          </Button>
        </Space>
      ) : null}
      {principal.role !== 'secretary' ? (
        <Space style={{ marginTop: 16, width: '100%', justifyContent: 'flex-end' }}>
          <Input.Password
            style={{ width: 240 }}
            data-testid="desk-passphrase"
            aria-label={t('identity.deskPassphrase')}
            placeholder={t('identity.deskPassphrase')}
            value={deskPass}
            onChange={(e) => setDeskPass(e.target.value)}
          />
          <Button data-testid="back-to-secretary" disabled={deskPass === ''} onClick={() => void signInSecretary(deskPass).then(done)}>
            {t('roles.backToSecretary')}
          </Button>
        </Space>
      ) : null}
    </div>
  );
}
