import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ExpertRow, IdentityRow, Principal } from '../../shared/types';
import { App } from '../../renderer/app/App';
import { RosterTab } from '../../renderer/features/setup/RosterTab';
import { useStore } from '../../renderer/store';
import { installFakeApi, type Answers } from './fake-api';
import { renderWithI18n } from './render';
import { OVERVIEW } from './sample';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

const prefs = { locale: 'zh-CN' as const, zoom: 1, lastSessionId: 'S1' };
const SECRETARY: Principal = { role: 'secretary', sessionId: null, expertId: null, expertName: null, fingerprint: null, deskProtected: false, examinerEnabled: false };
const KEYID = 'ab'.repeat(32);
const IDENTITIES: IdentityRow[] = [
  { expertId: 'E1', name: '张三', role: 'member', hasKey: false, fingerprint: null, keyid: null, confirmed: false },
  { expertId: 'E2', name: '李主任', role: 'chair', hasKey: true, fingerprint: 'ab12 cd34 ef56 7890', keyid: KEYID, confirmed: false },
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
    signOut: () => ({ ok: true, value: SECRETARY }),
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
  it('enrolls an expert, shows the fingerprint to read out, signs in, and goes back to the secretary', { timeout: 90_000 }, async () => {
    const expert: Principal = { role: 'expert', sessionId: 'S1', expertId: 'E1', expertName: '张三', fingerprint: 'ef01 2345 6789 abcd', deskProtected: false, examinerEnabled: false };
    const fake = startApp({
      enrollExpert: (i) => ({ ok: true, value: { ...(IDENTITIES[0] as IdentityRow), expertId: (i as { expertId: string }).expertId, hasKey: true, fingerprint: 'ef01 2345 6789 abcd', keyid: 'ef'.repeat(32) } }),
      signIn: (i) =>
        (i as { passphrase: string }).passphrase === 'correct horse battery'
          ? { ok: true, value: expert }
          : { ok: false, error: { code: 'AUTH_BAD_PASSPHRASE', message: 'x', details: { remaining: 4 } } },
    });
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByTestId('current-role')).toHaveTextContent('秘书');
    const modal = await openSwitch(user);
    await user.click(within(modal).getByTestId('enroll-E1'));

    const form = await screen.findByTestId('enroll-form');
    await user.type(within(form).getByTestId('passphrase-input'), 'short');
    await user.type(within(form).getByTestId('passphrase-repeat'), 'short');
    await user.click(within(form).getByTestId('identity-submit'));
    expect(await within(form).findByText('口令至少 8 个字符')).toBeInTheDocument();
    await user.clear(within(form).getByTestId('passphrase-input'));
    await user.type(within(form).getByTestId('passphrase-input'), 'correct horse battery');
    await user.click(within(form).getByTestId('identity-submit'));
    expect(await within(form).findByText('两次输入的口令不一致')).toBeInTheDocument();
    await user.clear(within(form).getByTestId('passphrase-repeat'));
    await user.type(within(form).getByTestId('passphrase-repeat'), 'correct horse battery{Enter}');

    expect(await screen.findByTestId('enrolled-fingerprint')).toHaveTextContent('ef01 2345 6789 abcd');
    expect(screen.getByText('请把下面的密钥指纹读给秘书，由秘书在评委名单中核对确认。')).toBeInTheDocument();
    expect(fake.calls.filter((c) => c.method === 'enrollExpert').map((c) => c.input)).toEqual([
      { sessionId: 'S1', expertId: 'E1', passphrase: 'correct horse battery' },
    ]);

    await user.click(screen.getByTestId('identity-sign-in-now'));
    const signin = await screen.findByTestId('signin-form');
    await user.type(within(signin).getByTestId('passphrase-input'), 'wrong one{Enter}');
    expect(await within(signin).findByTestId('identity-error')).toHaveTextContent('口令不正确（张三），还可尝试 4 次。');
    await user.type(within(signin).getByTestId('passphrase-input'), 'correct horse battery{Enter}');

    await waitFor(() => expect(screen.getByTestId('current-role')).toHaveTextContent('评审专家 · 张三'));
    expect(fake.calls.filter((c) => c.method === 'signIn').map((c) => c.input)).toEqual([
      { sessionId: 'S1', expertId: 'E1', passphrase: 'wrong one', as: 'expert' },
      { sessionId: 'S1', expertId: 'E1', passphrase: 'correct horse battery', as: 'expert' },
    ]);
    // The expert's home and navigation: my dossiers and the sheet, nothing of the secretary's.
    expect(await screen.findByTestId('my-dossiers')).toBeInTheDocument();
    const nav = screen.getByRole('navigation');
    expect(within(nav).getByText('我的评审')).toBeInTheDocument();
    expect(within(nav).queryByText('会议准备')).not.toBeInTheDocument();

    const again = await openSwitch(user);
    await user.click(within(again).getByTestId('back-to-secretary'));
    await waitFor(() => expect(screen.getByTestId('current-role')).toHaveTextContent('秘书'));
    expect(await screen.findByRole('heading', { name: OVERVIEW.name })).toBeInTheDocument();
    expect(fake.calls.map((c) => c.method)).toContain('signOut');
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

describe('roster key check', () => {
  it('shows each expert\'s key fingerprint and lets the secretary confirm it', async () => {
    const experts: ExpertRow[] = [
      { id: 'E1', name: '张三', affiliation: '某大学', specialty: '网络营销', title: null, role: 'member', groups: [], present: null },
      { id: 'E2', name: '李主任', affiliation: '某研究院', specialty: '网络营销', title: null, role: 'chair', groups: [], present: null },
    ];
    const fake = installFakeApi({
      listIdentities: () => ({ ok: true, value: IDENTITIES }),
      confirmExpertKey: (i) => ({ ok: true, value: { ...(IDENTITIES[1] as IdentityRow), expertId: (i as { expertId: string }).expertId, confirmed: true } }),
    });
    await act(async () => useStore.setState({ sessionId: 'S1', experts }));
    renderWithI18n(<RosterTab />);
    const cell = await screen.findByTestId('key-fingerprint');
    expect(cell).toHaveTextContent('ab12 cd34 ef56 7890');
    expect(screen.getByText('未设置口令')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(within(cell).getByTestId('confirm-key'));
    await user.click(await screen.findByTestId('confirm-key-ok'));
    await waitFor(() => expect(within(screen.getByTestId('key-fingerprint')).getByText('秘书已核对')).toBeInTheDocument());
    expect(fake.calls.find((c) => c.method === 'confirmExpertKey')?.input).toEqual({ sessionId: 'S1', expertId: 'E2', keyid: KEYID });
  });
});
