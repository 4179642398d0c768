import { useEffect, useRef } from 'react';
import { Button, Menu, Result, Segmented, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale, Role } from '../../shared/types';
import { onEvent } from '../api/client';
import { translateError } from '../i18n';
import { useStore } from '../store';
import { homeView, type View } from '../store/session-slice';
import { DossierListScreen } from '../features/dossiers/DossierListScreen';
import { AuditScreen } from '../features/audit/AuditScreen';
import { FirstRunScreen } from '../features/identity/FirstRunScreen';
import { LockScreen } from '../features/identity/LockScreen';
import { useIdleLock } from './use-idle-lock';
import { SwitchPerson } from '../features/identity/SwitchPerson';
import { OverviewScreen } from '../features/overview/OverviewScreen';
import { ProgressScreen } from '../features/progress/ProgressScreen';
import { MyDossiersScreen } from '../features/scoring/MyDossiersScreen';
import { ScoreSheetScreen } from '../features/scoring/ScoreSheetScreen';
import { SetupScreen } from '../features/setup/SetupScreen';
import { StartScreen } from '../features/start/StartScreen';
import { MeetingScreen } from '../features/meeting/MeetingScreen';
import { ExaminerScreen } from '../features/examiner/ExaminerScreen';

/** One role, one home: the views each role's navigation offers. */
const NAV: Record<Role, readonly View[]> = {
  secretary: ['start', 'overview', 'setup', 'dossiers', 'progress', 'audit', 'meeting'],
  expert: ['myDossiers', 'sheet'],
  // The chair presides; to score, the chair signs in again as an expert.
  chair: ['progress', 'meeting'],
  examiner: ['overview', 'examiner', 'dossiers', 'progress', 'audit'],
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

/**
 * First Tab stop: straight to the content, past the header and the menu. The content is the one scrolling region,
 * so it is itself focusable (tabIndex 0): arrow keys and PageDown scroll a page without controls (axe
 * scrollable-region-focusable).
 */
function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href="#main"
      data-testid="skip-link"
      onClick={(e) => {
        // Focus moves without a navigation (the window refuses navigations, even in-page ones are not needed).
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}
    >
      {t('screens.skipToContent')}
    </a>
  );
}

/** The role's navigation. Tabbing in lands on the current page, so the arrow keys start from there. */
function NavMenu({ items, shown, onPick }: { items: Array<{ key: View; label: string; disabled: boolean }>; shown: View; onPick: (v: View) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  return (
    <nav className="app-nav" aria-label={t('screens.navigation')} ref={ref}>
      <Menu
        mode="inline"
        selectedKeys={[shown]}
        items={items}
        onClick={(e) => onPick(e.key as View)}
        onFocus={(e) => {
          // Only when coming in from outside: Shift+Tab out of an item passes through the list and must go on.
          if (e.target !== e.currentTarget || (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) return;
          const current = ref.current?.querySelector<HTMLElement>('.ant-menu-item-selected');
          current?.focus();
        }}
      />
    </nav>
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
    case 'examiner':
      return <ExaminerScreen />;
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
  useIdleLock();

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
        <SkipLink />
        <header className="app-header">
          <span className="app-title">{t('app.fullName')}</span>
          <span className="app-session" />
          <LanguageSwitch />
        </header>
        <main className="app-content" id="main" tabIndex={0}>
          {deskProtected ? <LockScreen /> : <FirstRunScreen />}
        </main>
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
      <SkipLink />
      <header className="app-header">
        <span className="app-title">{t('app.fullName')}</span>
        <span className="app-session" data-testid="current-session">
          {overview ? `${t('nav.sessionLabel')}：${overview.name}` : ''}
        </span>
        <SwitchPerson />
        <Button data-testid="lock-desk" onClick={() => void lockDesk()}>
          {t('desk.lock')}
        </Button>
        <LanguageSwitch />
      </header>
      {overview ? <div className="secrecy-banner">{t('app.secrecy')} · {t('app.tagline')}</div> : null}
      <div className="app-body">
        <NavMenu items={items} shown={shown} onPick={setView} />
        <main className="app-content" id="main" tabIndex={0}>
          <Screen view={shown} />
        </main>
      </div>
      <div id="drawer-root" />
    </>
  );
}
