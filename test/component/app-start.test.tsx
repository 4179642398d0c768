import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app/App';
import { useStore } from '../../renderer/store';
import { installFakeApi } from './fake-api';
import { renderWithI18n } from './render';
import { OVERVIEW } from './sample';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

const prefs = { locale: 'zh-CN' as const, zoom: 1, lastSessionId: null };
const SECRETARY = { role: 'secretary' as const, sessionId: null, expertId: null, expertName: null, fingerprint: null, deskProtected: true, examinerEnabled: false, idleLockMinutes: 10, enrolment: null };

describe('App start', () => {
  it('offers the demo on first start and opens it into the overview', async () => {
    const fake = installFakeApi({
      getPrefs: () => ({ ok: true, value: prefs }),
      setPrefs: () => ({ ok: true, value: prefs }),
      getPrincipal: () => ({ ok: true, value: SECRETARY }),
      listSessions: () => ({ ok: true, value: [] }),
      openDemo: () => ({ ok: true, value: { sessionId: 'S1' } }),
      getOverview: () => ({ ok: true, value: OVERVIEW }),
    });
    renderWithI18n(<App />);
    expect(await screen.findByText('尚未打开任何评审会。可以先打开内置的演示评审会熟悉功能。')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '打开演示评审会' }));
    expect(await screen.findByRole('heading', { name: OVERVIEW.name })).toBeInTheDocument();
    expect(screen.getByText('评议组「大数据组」只有 2 人，不少于 3 人。')).toBeInTheDocument();
    expect(fake.calls.map((c) => c.method)).toContain('openDemo');
    expect(fake.calls).toContainEqual({ method: 'setPrefs', input: { lastSessionId: 'S1' } });
  });

  it('shows a corrupt database as a translated, coded error naming the file', async () => {
    installFakeApi({
      getPrefs: () => ({ ok: false, error: { code: 'DB_CORRUPT', message: 'x', details: { file: '/data/paneldesk.sqlite' } } }),
    });
    renderWithI18n(<App />);
    expect(await screen.findByText('数据库文件已损坏或不是数据库，未作任何改动：/data/paneldesk.sqlite')).toBeInTheDocument();
    expect(screen.getByText('错误代码：DB_CORRUPT')).toBeInTheDocument();
  });

  it('switches to English and stores the choice', async () => {
    const fake = installFakeApi({
      getPrefs: () => ({ ok: true, value: prefs }),
      setPrefs: () => ({ ok: true, value: { ...prefs, locale: 'en-US' } }),
      getPrincipal: () => ({ ok: true, value: SECRETARY }),
      listSessions: () => ({ ok: true, value: [] }),
    });
    renderWithI18n(<App />);
    await screen.findByText('欢迎使用评审台');
    await userEvent.click(screen.getByText('English'));
    await waitFor(() => expect(screen.getByText('Welcome to PanelDesk')).toBeInTheDocument());
    expect(fake.calls).toContainEqual({ method: 'setPrefs', input: { locale: 'en-US' } });
  });
});
