// Every screen, in both languages, at 1366×768: axe finds no serious or critical violation (issue 13).
// A new screen is one line in SCREENS: its name, who sees it, and how to reach it from that person's desk.
// Exceptions, if ever needed, go in EXCEPTIONS with a reason, and in docs/accessibility.md.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { TestHost } from '../host/server';
import { expect, test } from '../fixtures';
import { actAs, firstExperts, submitFirstSheet, type Cast, type Who } from '../roles';

interface ScreenCase {
  name: string;
  as: Who;
  reach(app: Page, cast: Cast): Promise<void>;
}

const menu = (key: string) => async (app: Page) => {
  await app.locator(`.app-nav [data-menu-id$="-${key}"]`).click();
};
const setupTab = (key: string) => async (app: Page) => {
  await menu('setup')(app);
  await app.locator(`.ant-tabs-tab[data-node-key="${key}"]`).click();
  await expect(app.locator(`.ant-tabs-tab-active[data-node-key="${key}"]`)).toBeVisible();
};
const dialog = async (app: Page) => {
  await expect(app.locator('.ant-modal-wrap:visible, .ant-drawer-open').last()).toBeVisible();
};
const openSheet = async (app: Page) => {
  await menu('myDossiers')(app);
  await app.getByTestId('my-dossier-row').first().press('Enter');
  await expect(app.getByTestId('score-sheet')).toBeVisible();
};

/** name → who → how to reach it. Add new screens (meeting, results, audit details) here. */
const SCREENS: ScreenCase[] = [
  { name: 'start (first run)', as: 'fresh', reach: async (app) => void (await expect(app.getByTestId('drop-zone').first()).toBeVisible()) },
  { name: 'start (recent sessions)', as: 'secretary', reach: menu('start') },
  { name: 'overview', as: 'secretary', reach: menu('overview') },
  { name: 'setup: roster', as: 'secretary', reach: setupTab('roster') },
  { name: 'setup: groups', as: 'secretary', reach: setupTab('groups') },
  { name: 'setup: recusals', as: 'secretary', reach: setupTab('conflicts') },
  {
    name: 'setup: recusal decision dialog',
    as: 'secretary',
    reach: async (app) => {
      await setupTab('conflicts')(app);
      await app.getByTestId('suggestions-table').locator('tbody tr button').first().click();
      await dialog(app);
    },
  },
  { name: 'setup: attendance', as: 'secretary', reach: setupTab('attendance') },
  { name: 'setup: standards', as: 'secretary', reach: setupTab('standards') },
  { name: 'setup: Excel', as: 'secretary', reach: setupTab('excel') },
  { name: 'setup: offline scoring', as: 'secretary', reach: setupTab('offline') },
  { name: 'setup: trusted issuers', as: 'secretary', reach: setupTab('issuers') },
  { name: 'setup: passphrases', as: 'secretary', reach: setupTab('desk') },
  { name: 'setup: expert keys', as: 'secretary', reach: setupTab('enrolment') },
  {
    name: 'enrolment ceremony dialog',
    as: 'secretary',
    reach: async (app) => {
      await setupTab('enrolment')(app);
      await app.locator('button[data-testid^="enrol-"]').first().click();
      await expect(app.getByTestId('enrol-ceremony')).toBeVisible();
    },
  },
  { name: 'dossier list', as: 'secretary', reach: menu('dossiers') },
  {
    name: 'dossier drawer',
    as: 'secretary',
    reach: async (app) => {
      await menu('dossiers')(app);
      await app.getByTestId('dossier-row').first().click();
      await expect(app.getByTestId('dossier-detail')).toBeVisible();
    },
  },
  { name: 'progress (secretary)', as: 'secretary', reach: menu('progress') },
  { name: 'audit log', as: 'secretary', reach: menu('audit') },
  {
    name: 'switch person dialog',
    as: 'secretary',
    reach: async (app) => {
      await app.getByTestId('switch-person').click();
      await expect(app.getByTestId('identity-modal')).toBeVisible();
    },
  },
  { name: 'my dossiers', as: 'expert', reach: menu('myDossiers') },
  { name: 'score sheet', as: 'expert', reach: openSheet },
  {
    name: 'key map',
    as: 'expert',
    reach: async (app) => {
      await openSheet(app);
      await app.getByTestId('keymap-open').click();
      await expect(app.getByTestId('keymap')).toBeVisible();
    },
  },
  {
    name: 'attachment viewer',
    as: 'expert',
    reach: async (app) => {
      await openSheet(app);
      await app.getByTestId('attachment-list').locator('button').first().click();
      await expect(app.locator('.viewer-stage canvas, .viewer-image').first()).toBeVisible();
    },
  },
  {
    name: 'submit and sign dialog',
    as: 'expert',
    reach: async (app) => {
      await openSheet(app);
      await app.getByTestId('submit-open').click();
      await expect(app.getByTestId('submit-modal')).toBeVisible();
    },
  },
  {
    name: 'submitted (locked) sheet',
    as: 'expert-submitted',
    reach: async (app) => {
      await menu('myDossiers')(app);
      await app.locator('[data-testid="my-dossier-row"][data-status="submitted"]').first().press('Enter');
      await expect(app.getByTestId('sheet-locked')).toBeVisible();
    },
  },
  { name: 'progress and unlock (chair)', as: 'chair', reach: menu('progress') },
  {
    name: 'unlock dialog (chair)',
    as: 'chair',
    reach: async (app, cast) => {
      await menu('progress')(app);
      await app.getByTestId('unlock-dossier').click();
      await app.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: cast.submittedPacket }).first().click();
      await app.getByTestId('unlock-sheet').first().click();
      await expect(app.getByTestId('unlock-reason')).toBeVisible();
    },
  },
  { name: 'overview (examiner)', as: 'examiner', reach: menu('overview') },
  { name: 'dossier list (examiner)', as: 'examiner', reach: menu('dossiers') },
  { name: 'progress (examiner)', as: 'examiner', reach: menu('progress') },
  { name: 'audit log (examiner)', as: 'examiner', reach: menu('audit') },
  { name: "examiner's workspace: anomalies", as: 'examiner', reach: menu('examiner') },
  {
    name: "examiner's workspace: spot check and findings",
    as: 'examiner',
    reach: async (app) => {
      await menu('examiner')(app);
      await app.locator('.ant-tabs-tab[data-node-key="spotCheck"]').click();
      await expect(app.getByTestId('spot-check')).toBeVisible();
    },
  },
  { name: 'lock screen', as: 'locked', reach: async (app) => void (await expect(app.getByTestId('lock-screen')).toBeVisible()) },
];

/** Rule ids allowed on a named screen, each with its reason (also in docs/accessibility.md). None today. */
const EXCEPTIONS: Array<{ screen: string; rule: string; reason: string }> = [];

async function seriousViolations(app: Page, screen: string): Promise<string[]> {
  // Colours are measured once dialogs and drop-downs have finished fading in (a half-faded title is no finding).
  await app.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: 10_000 },
  );
  const result = await new AxeBuilder({ page: app }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .filter((v) => !EXCEPTIONS.some((e) => e.screen === screen && e.rule === v.id))
    .map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

async function setLanguage(app: Page, locale: 'zh-CN' | 'en-US'): Promise<void> {
  await app.locator('.app-header .ant-segmented-item', { hasText: locale === 'zh-CN' ? '中文' : 'English' }).click();
  await expect(app.locator('html')).toHaveAttribute('lang', locale);
}

async function visitAll(app: Page, host: TestHost, locale: 'zh-CN' | 'en-US'): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  let cast: Cast | null = null;
  let current: Who | null = null;
  await setLanguage(app, locale);
  for (const s of SCREENS) {
    if (s.as !== current) {
      if (s.as !== 'fresh' && !cast) {
        await app.getByTestId('open-demo').click();
        await expect(app.getByTestId('count-dossiers')).toBeVisible();
        cast = await firstExperts(host);
      }
      if (cast && s.as === 'expert-submitted') await submitFirstSheet(host, cast);
      if (cast) await actAs(app, host, s.as, cast);
      current = s.as;
    } else if (s.as !== 'fresh' && s.as !== 'locked') {
      // Each screen starts from its person's desk, with no dialog left open.
      await app.reload();
    }
    await expect(app.locator('html')).toHaveAttribute('lang', locale);
    await s.reach(app, cast ?? { expert: { id: '', name: '' }, chair: { id: '', name: '' }, submittedPacket: '' });
    const v = await seriousViolations(app, s.name);
    if (v.length > 0) found[s.name] = v;
  }
  return found;
}

for (const locale of ['zh-CN', 'en-US'] as const) {
  test(`axe: no serious or critical violation on any screen (${locale}, 1366×768)`, async ({ app, host }) => {
    test.setTimeout(300_000);
    expect(app.viewportSize()).toEqual({ width: 1366, height: 768 });
    const found = await visitAll(app, host, locale);
    expect(found, 'serious/critical axe violations by screen').toEqual({});
  });
}

for (const locale of ['zh-CN', 'en-US'] as const) {
  test(`axe: the first-run screen of a new data folder (${locale}, 1366×768)`, async ({ firstRun }) => {
    await expect(firstRun.getByTestId('first-run')).toBeVisible();
    await setLanguage(firstRun, locale);
    expect(await seriousViolations(firstRun, 'first run')).toEqual([]);
  });
}

test('every role that exists has a screen in the table', () => {
  const roles = new Set(SCREENS.map((s) => s.as));
  for (const r of ['fresh', 'secretary', 'expert', 'expert-submitted', 'chair', 'examiner', 'locked'] as const) expect(roles.has(r), r).toBe(true);
  expect(new Set(SCREENS.map((s) => s.name)).size).toBe(SCREENS.length);
});
