import { useEffect } from 'react';
import { Button, Menu, Result, Segmented, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale, Role } from '../../shared/types';
import { onEvent } from '../api/client';
import { translateError } from '../i18n';
import { useStore } from '../store';
import { homeView, type View } from '../store/session-slice';
import { DossierListScreen } from '../features/dossiers/DossierListScreen';
import { AuditScreen } from '../features/audit/AuditScreen';
import { LockScreen } from '../features/identity/LockScreen';
import { SwitchPerson } from '../features/identity/SwitchPerson';
import { OverviewScreen } from '../features/overview/OverviewScreen';
import { ProgressScreen } from '../features/progress/ProgressScreen';
import { MyDossiersScreen } from '../features/scoring/MyDossiersScreen';
import { ScoreSheetScreen } from '../features/scoring/ScoreSheetScreen';
import { SetupScreen } from '../features/setup/SetupScreen';
import { StartScreen } from '../features/start/StartScreen';
import { MeetingScreen } from '../features/meeting/MeetingScreen';

/** One role, one home: the views each role's navigation offers. */
const NAV: Record<Role, readonly View[]> = {
  secretary: ['start', 'overview', 'setup', 'dossiers', 'progress', 'audit', 'meeting'],
  expert: ['myDossiers', 'sheet'],
  chair: ['progress', 'myDossiers', 'sheet', 'meeting'],
  examiner: ['overview', 'dossiers', 'progress', 'audit'],
  locked: [],
};

function LanguageSwitch() {
  const { t } = useTranslation();
  const locale = useStore((s) => s.locale);
  const setLocale = useStore((s) => s.setLocale);
  return (
    <Segmented<Locale>
      aria-label={t('common.language')}
      value={locale}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en-US', label: 'English' },
      ]}
      onChange={(v) => void setLocale(v)}
    />
  );
}

function Screen({ view }: { view: View }) {
  switch (view) {
    case 'overview':
      return <OverviewScreen />;
    case 'setup':
      return <SetupScreen />;
    case 'dossiers':
      return <DossierListScreen />;
    case 'myDossiers':
      return <MyDossiersScreen />;
    case 'sheet':
      return <ScoreSheetScreen />;
    case 'progress':
      return <ProgressScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'meeting':
      return <MeetingScreen />;
    default:
      return <StartScreen />;
  }
}

function useZoomKeys(): void {
  const zoom = useStore((s) => s.zoom);
  const setZoom = useStore((s) => s.setZoom);
  useEffect(() => {
    document.documentElement.style.setProperty('zoom', String(zoom));
  }, [zoom]);
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      if (e.key === '=' || e.key === '+') void setZoom(zoom + 0.1);
      else if (e.key === '-') void setZoom(zoom - 0.1);
      else if (e.key === '0') void setZoom(1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [zoom, setZoom]);
}

export function App() {
  const { t, i18n } = useTranslation();
  const booted = useStore((s) => s.booted);
  const fatal = useStore((s) => s.fatal);
  const view = useStore((s) => s.view);
  const overview = useStore((s) => s.overview);
  const locale = useStore((s) => s.locale);
  const setView = useStore((s) => s.setView);
  const boot = useStore((s) => s.boot);
  const handleEvent = useStore((s) => s.handleEvent);
  const role = useStore((s) => s.principal.role);
  const hasSheet = useStore((s) => s.sheet !== null);
  const deskProtected = useStore((s) => s.principal.deskProtected);
  const lockDesk = useStore((s) => s.lockDesk);
  useZoomKeys();

  useEffect(() => {
    void boot();
    return onEvent(handleEvent);
  }, [boot, handleEvent]);

  useEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
    document.documentElement.lang = locale;
    document.title = t('app.fullName');
  }, [locale, i18n, t]);

  if (!booted) return <Spin fullscreen description={t('common.loading')} />;
  if (fatal) {
    return (
      <Result
        status="error"
        title={t('error.title')}
        subTitle={<span data-error-code={fatal.code}>{translateError(t, fatal)}</span>}
        extra={<span className="error-code">{t('common.errorCode', { code: fatal.code })}</span>}
      />
    );
  }

  if (role === 'locked') {
    return (
      <>
        <header className="app-header">
          <span className="app-title">{t('app.fullName')}</span>
          <span className="app-session" />
          <LanguageSwitch />
        </header>
        <LockScreen />
        <div id="drawer-root" />
      </>
    );
  }

  const allowed = NAV[role];
  // A view outside the role's navigation (e.g. after switching person) shows the role's home instead.
  const shown: View = !overview ? 'start' : allowed.includes(view) ? view : homeView(role, true);
  const items = allowed.map((key) => ({
    key,
    label: t(`nav.${key}`),
    disabled: key === 'start' ? false : !overview || (key === 'sheet' && !hasSheet),
  }));

  return (
    <>
      <header className="app-header">
        <span className="app-title">{t('app.fullName')}</span>
        <span className="app-session" data-testid="current-session">
          {overview ? `${t('nav.sessionLabel')}：${overview.name}` : ''}
        </span>
        <SwitchPerson />
        {deskProtected ? (
          <Button data-testid="lock-desk" onClick={() => void lockDesk()}>
            {t('desk.lock')}
          </Button>
        ) : null}
        <LanguageSwitch />
      </header>
      {overview ? <div className="secrecy-banner">{t('app.secrecy')} · {t('app.tagline')}</div> : null}
      <div className="app-body">
        <nav className="app-nav" aria-label="navigation">
          <Menu mode="inline" selectedKeys={[shown]} items={items} onClick={(e) => setView(e.key as View)} />
        </nav>
        <main className="app-content">
          <Screen view={shown} />
        </main>
      </div>
      <div id="drawer-root" />
    </>
  );
}
