import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IdentityRow, Principal } from '../../shared/types';
import { App } from '../../renderer/app/App';
import { EnrolmentTab } from '../../renderer/features/setup/EnrolmentTab';
import { useStore } from '../../renderer/store';
import { installFakeApi, type Answers } from './fake-api';
import { renderWithI18n } from './render';
import { OVERVIEW } from './sample';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

const prefs = { locale: 'zh-CN' as const, zoom: 1, lastSessionId: 'S1' };
const BASE = { deskProtected: true, examinerEnabled: false, idleLockMinutes: 10, enrolment: null };
const SECRETARY: Principal = { role: 'secretary', sessionId: null, expertId: null, expertName: null, fingerprint: null, ...BASE };
const LOCKED: Principal = { ...SECRETARY, role: 'locked' };
const KEYID = 'ab'.repeat(32);
const IDENTITIES: IdentityRow[] = [
  { expertId: 'E1', name: '张三', role: 'member', hasKey: true, fingerprint: 'ef01 2345 6789 abcd', keyid: 'ef'.repeat(32), confirmed: true, revokedKeys: 0 },
  { expertId: 'E2', name: '李主任', role: 'chair', hasKey: true, fingerprint: 'ab12 cd34 ef56 7890', keyid: KEYID, confirmed: true, revokedKeys: 0 },
  { expertId: 'E3', name: '王五', role: 'member', hasKey: false, fingerprint: null, keyid: null, confirmed: false, revokedKeys: 1 },
];

function startApp(extra: Answers = {}) {
  const fake = installFakeApi({
    getPrefs: () => ({ ok: true, value: prefs }),
    setPrefs: () => ({ ok: true, value: prefs }),
    listSessions: () => ({ ok: true, value: [OVERVIEW] }),
    getOverview: () => ({ ok: true, value: OVERVIEW }),
    getPrincipal: () => ({ ok: true, value: SECRETARY }),
    listIdentities: () => ({ ok: true, value: IDENTITIES }),
    listMyDossiers: () => ({ ok: true, value: [] }),
    getScoringProgress: () => ({ ok: true, value: { experts: [], groups: [] } }),
    listDossiers: () => ({ ok: true, value: { total: 0, rows: [] } }),
    signInSecretary: (i) =>
      (i as { passphrase: string }).passphrase === 'desk pass 123' ? { ok: true, value: SECRETARY } : { ok: false, error: { code: 'AUTH_BAD_PASSPHRASE', message: 'x', details: { role: 'secretary', remaining: 4 } } },
    ...extra,
  });
  renderWithI18n(<App />);
  return fake;
}

async function openSwitch(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByTestId('switch-person'));
  return screen.findByTestId('identity-modal');
}

describe('switch person', () => {
  it('signs an enrolled expert in, never offers enrolment, and asks the secretary passphrase to go back', { timeout: 90_000 }, async () => {
    const expert: Principal = { ...SECRETARY, role: 'expert', sessionId: 'S1', expertId: 'E1', expertName: '张三', fingerprint: 'ef01 2345 6789 abcd' };
    const fake = startApp({
      signIn: (i) =>
        (i as { passphrase: string }).passphrase === 'correct horse battery'
          ? { ok: true, value: expert }
          : { ok: false, error: { code: 'AUTH_BAD_PASSPHRASE', message: 'x', details: { remaining: 4, expertName: '张三' } } },
    });
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByTestId('current-role')).toHaveTextContent('秘书');
    const modal = await openSwitch(user);
    // No key yet: nobody can enrol from here, only the secretary's ceremony makes keys.
    expect(within(modal).getByText('未登记（请秘书安排登记）')).toBeInTheDocument();
    expect(within(modal).queryByTestId('enroll-E3')).not.toBeInTheDocument();
    expect(within(modal).queryByTestId('sign-in-expert-E3')).not.toBeInTheDocument();
    await user.click(within(modal).getByTestId('sign-in-expert-E1'));
    const signin = await screen.findByTestId('signin-form');
    await user.type(within(signin).getByTestId('passphrase-input'), 'wrong one{Enter}');
    expect(await within(signin).findByTestId('identity-error')).toHaveTextContent('口令不正确（张三），还可尝试 4 次。');
    await user.type(within(signin).getByTestId('passphrase-input'), 'correct horse battery{Enter}');
    await waitFor(() => expect(screen.getByTestId('current-role')).toHaveTextContent('评审专家 · 张三'));
    expect(await screen.findByTestId('my-dossiers')).toBeInTheDocument();
    const nav = screen.getByRole('navigation');
    expect(within(nav).queryByText('会议准备')).not.toBeInTheDocument();

    const again = await openSwitch(user);
    expect(within(again).getByTestId('back-to-secretary')).toBeDisabled();
    await user.type(within(again).getByTestId('desk-passphrase'), 'not the one');
    await user.click(within(again).getByTestId('back-to-secretary'));
    expect(await within(again).findByText('口令不正确（秘书），还可尝试 4 次。')).toBeInTheDocument();
    expect(screen.getByTestId('current-role')).toHaveTextContent('评审专家 · 张三');
    await user.clear(within(again).getByTestId('desk-passphrase'));
    await user.type(within(again).getByTestId('desk-passphrase'), 'desk pass 123');
    await user.click(within(again).getByTestId('back-to-secretary'));
    await waitFor(() => expect(screen.getByTestId('current-role')).toHaveTextContent('秘书'));
    expect(fake.calls.filter((c) => c.method === 'signInSecretary').map((c) => c.input)).toEqual([{ passphrase: 'not the one' }, { passphrase: 'desk pass 123' }]);
  });

  it('offers chair sign-in only to the chair, and shows the wait when rate-limited', async () => {
    const fake = startApp({
      signIn: () => ({ ok: false, error: { code: 'AUTH_RATE_LIMITED', message: 'x', details: { retryAfterSeconds: 30 } } }),
    });
    const user = userEvent.setup({ delay: null });
    const modal = await openSwitch(user);
    await within(modal).findByTestId('sign-in-chair-E2');
    expect(within(modal).queryByTestId('sign-in-chair-E1')).not.toBeInTheDocument();
    expect(within(modal).getByText('ab12 cd34 ef56 7890')).toBeInTheDocument();
    await user.click(within(modal).getByTestId('sign-in-chair-E2'));
    const signin = await screen.findByTestId('signin-form');
    expect(within(signin).getByText('李主任 登录（主任委员）')).toBeInTheDocument();
    await user.type(within(signin).getByTestId('passphrase-input'), 'whatever1{Enter}');
    expect(await within(signin).findByTestId('identity-error')).toHaveTextContent(/口令错误次数过多，请 (30|29) 秒后再试。/);
    expect(within(signin).getByTestId('identity-submit')).toBeDisabled();
    expect(fake.calls.find((c) => c.method === 'signIn')?.input).toEqual({ sessionId: 'S1', expertId: 'E2', passphrase: 'whatever1', as: 'chair' });
    expect(screen.getByTestId('current-role')).toHaveTextContent('秘书');
  });
});

describe('first run and lock screen', () => {
  it('a new data folder asks the secretary to set a passphrase, and offers the documented demo one only on request', async () => {
    let principal: Principal = { ...LOCKED, deskProtected: false };
    const fake = installFakeApi({
      getPrefs: () => ({ ok: true, value: { ...prefs, lastSessionId: null } }),
      setPrefs: () => ({ ok: true, value: prefs }),
      listSessions: () => ({ ok: true, value: [] }),
      getPrincipal: () => ({ ok: true, value: principal }),
      setUpDesk: () => {
        principal = SECRETARY;
        return { ok: true, value: SECRETARY };
      },
    });
    renderWithI18n(<App />);
    const user = userEvent.setup({ delay: null });
    const card = await screen.findByTestId('first-run');
    expect(within(card).getByText('首次使用：设置秘书口令')).toBeInTheDocument();
    expect(screen.queryByTestId('switch-person')).not.toBeInTheDocument();
    await user.type(within(card).getByTestId('first-run-passphrase'), 'short');
    await user.click(within(card).getByTestId('first-run-submit'));
    expect(await within(card).findByText('口令至少 8 个字符')).toBeInTheDocument();
    expect(fake.calls.some((c) => c.method === 'setUpDesk')).toBe(false);
    await user.click(within(card).getByTestId('first-run-demo'));
    await user.click(within(card).getByTestId('first-run-submit'));
    await waitFor(() => expect(screen.getByTestId('current-role')).toHaveTextContent('秘书'));
    expect(fake.calls.find((c) => c.method === 'setUpDesk')?.input).toEqual({ passphrase: 'paneldesk-demo' });
  });

  it('a locked desk asks the secretary passphrase, and an idle lock says why', async () => {
    installFakeApi({
      getPrefs: () => ({ ok: true, value: prefs }),
      setPrefs: () => ({ ok: true, value: prefs }),
      listSessions: () => ({ ok: true, value: [OVERVIEW] }),
      getOverview: () => ({ ok: true, value: OVERVIEW }),
      getPrincipal: () => ({ ok: true, value: LOCKED }),
      listIdentities: () => ({ ok: true, value: IDENTITIES }),
      signInSecretary: () => ({ ok: false, error: { code: 'AUTH_BAD_PASSPHRASE', message: 'x', details: { role: 'secretary', remaining: 3 } } }),
    });
    renderWithI18n(<App />);
    const lock = await screen.findByTestId('lock-screen');
    expect(within(lock).queryByTestId('idle-locked')).not.toBeInTheDocument();
    expect(await within(lock).findByTestId('sign-in-expert-E1')).toBeInTheDocument();
    await act(async () => useStore.setState({ idleLocked: true }));
    expect(within(lock).getByTestId('idle-locked')).toHaveTextContent('长时间无人操作，评审台已自动锁定。');
  });
});

describe('enrolment ceremony', () => {
  it('opens for one expert, takes their own passphrase, shows the fingerprint to read aloud, and records the confirmation', async () => {
    const newRow: IdentityRow = { ...(IDENTITIES[2] as IdentityRow), hasKey: true, fingerprint: '9999 8888 7777 6666', keyid: '99'.repeat(32) };
    const fake = installFakeApi({
      listIdentities: () => ({ ok: true, value: IDENTITIES }),
      openEnrolment: () => ({ ok: true, value: IDENTITIES[2] as IdentityRow }),
      getPrincipal: () => ({ ok: true, value: { ...SECRETARY, enrolment: { sessionId: 'S1', expertId: 'E3' } } }),
      enrollExpert: () => ({ ok: true, value: newRow }),
      confirmExpertKey: () => ({ ok: true, value: { ...newRow, confirmed: true } }),
    });
    await act(async () => useStore.setState({ sessionId: 'S1', principal: SECRETARY }));
    renderWithI18n(<EnrolmentTab />);
    const user = userEvent.setup({ delay: null });
    // Confirmed keys can only be revoked; the expert without a key can be enrolled; re-enrolments show.
    expect(await screen.findByTestId('enrol-E3')).toBeInTheDocument();
    expect(screen.queryByTestId('enrol-E1')).not.toBeInTheDocument();
    expect(screen.getByTestId('revoke-E1')).toBeInTheDocument();
    expect(screen.getByText('重新登记 1 次')).toBeInTheDocument();
    await user.click(screen.getByTestId('enrol-E3'));
    const ceremony = await screen.findByTestId('enrol-ceremony');
    const form = within(ceremony).getByTestId('enroll-form');
    await user.type(within(form).getByTestId('passphrase-input'), 'wang wu own pass');
    await user.type(within(form).getByTestId('passphrase-repeat'), 'wang wu own pass{Enter}');
    expect(await within(ceremony).findByTestId('enrol-fingerprint')).toHaveTextContent('9999 8888 7777 6666');
    await user.click(within(ceremony).getByTestId('enrol-confirm'));
    expect(await within(ceremony).findByTestId('enrol-done')).toHaveTextContent('王五 的密钥已登记并核对。');
    expect(fake.calls.filter((c) => ['openEnrolment', 'enrollExpert', 'confirmExpertKey'].includes(c.method)).map((c) => [c.method, c.input])).toEqual([
      ['openEnrolment', { sessionId: 'S1', expertId: 'E3' }],
      ['enrollExpert', { sessionId: 'S1', expertId: 'E3', passphrase: 'wang wu own pass' }],
      ['confirmExpertKey', { sessionId: 'S1', expertId: 'E3', keyid: '99'.repeat(32) }],
    ]);
  });
});
