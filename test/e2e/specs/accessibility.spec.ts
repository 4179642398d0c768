// Every screen, in both languages, at 1366×768: axe finds no serious or critical violation (issue 13).
// A new screen is one line in SCREENS: its name, who sees it, and how to reach it from that person's desk.
// Exceptions, if ever needed, go in EXCEPTIONS with a reason, and in docs/accessibility.md.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { TestHost } from '../host/server';
import { expect, test } from '../fixtures';
import { meetingAt, paperCounts } from '../meeting-stages';
import { actAs, firstExperts, passFor, submitFirstSheet, type Cast, type Who } from '../roles';

interface ScreenCase {
  name: string;
  as: Who;
  reach(app: Page, cast: Cast, host: TestHost): Promise<void>;
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

/**
 * The meeting's screens, as the chair sees them, in the order the meeting runs (test/e2e/meeting-stages.ts brings it
 * to each state through the contract). A table of its own, so each language's run of it has its own time budget.
 */
const MEETING_SCREENS: ScreenCase[] = [
  {
    name: 'meeting: settings and check-in',
    as: 'chair',
    reach: async (app, cast, host) => {
      await meetingAt(app, host, cast, 'checkin');
      await expect(app.getByTestId('meeting-settings-form')).toBeVisible();
      await app.getByTestId(`check-in-${cast.chair.id}`).click();
      await expect(app.getByTestId('meeting-passphrase')).toBeFocused();
    },
  },
  {
    name: 'meeting: commitments',
    as: 'chair',
    reach: async (app, cast, host) => {
      await meetingAt(app, host, cast, 'commitments');
      await app.getByTestId(`commit-${cast.chair.id}`).click();
      await expect(app.getByTestId('meeting-passphrase')).toBeFocused();
    },
  },
  {
    name: 'meeting: chair round control (batch)',
    as: 'chair',
    reach: async (app, cast, host) => {
      await meetingAt(app, host, cast, 'rounds');
      await app.getByTestId('round-batch').locator('summary').click();
      await app.getByTestId('batch-specialty').selectOption('网络营销');
      await app.getByTestId('batch-pick-shown').click();
      await expect(app.getByTestId('round-open-selected')).toBeEnabled();
    },
  },
  {
    name: 'meeting: voting screen',
    as: 'chair',
    reach: async (app, cast, host) => {
      await meetingAt(app, host, cast, 'voting');
      await app.getByTestId(`vote-as-${cast.chair.id}`).click();
      await expect(app.getByTestId('ballot')).toBeFocused();
      await app.keyboard.press('1');
    },
  },
  {
    name: 'meeting: paper entry, first (counts)',
    as: 'chair',
    reach: async (app, cast, host) => {
      await meetingAt(app, host, cast, 'paper');
      await expect(app.getByTestId('paper-table')).toBeVisible();
    },
  },
  {
    name: 'meeting: paper entry, second (ballot by ballot)',
    as: 'chair',
    reach: async (app, cast, host) => {
      await meetingAt(app, host, cast, 'paperSecond');
      await app.getByTestId('paper-mode-ballots').click();
      await app.getByTestId('paper-ballot-entry').focus();
      for (const k of '1230') await app.keyboard.press(k);
      await expect(app.getByTestId('paper-ballot-count')).toBeVisible();
    },
  },
  {
    name: 'meeting: paper entry diff and arbitration',
    as: 'chair',
    reach: async (app, cast, host) => {
      const w = await meetingAt(app, host, cast, 'paperSecond');
      const scrutineer = w.members[1] as { id: string };
      const panel = app.getByTestId('paper-panel');
      await app.getByTestId(`paper-entrant-${scrutineer.id}`).click();
      const typo = paperCounts(w.dossiers.slice(3, 5), true);
      for (const c of typo) {
        for (const [f, label] of [['issued', '发出'], ['returned', '收回'], ['valid', '有效'], ['agree', '同意'], ['disagree', '不同意'], ['abstain', '弃权']] as const) {
          const box = panel.getByRole('spinbutton', { name: new RegExp(`^${c.dossierId} (${label}|${f})$`, 'i') });
          await box.fill(String(c[f]));
        }
      }
      await app.getByTestId('paper-passphrase').fill(passFor(scrutineer.id));
      await app.getByTestId('paper-passphrase').press('Enter');
      await expect(app.getByTestId('paper-arbitration')).toBeVisible();
    },
  },
  {
    name: 'meeting: results and count report (to co-sign)',
    as: 'chair',
    reach: async (app, cast, host) => {
      await meetingAt(app, host, cast, 'results');
      await expect(app.getByTestId('count-report')).toBeVisible();
      await expect(app.getByTestId('results-wait-counts')).toBeVisible();
    },
  },
  {
    name: 'meeting: co-signed counts, the chair signs',
    as: 'chair',
    reach: async (app, cast, host) => {
      await meetingAt(app, host, cast, 'cosigned');
      await expect(app.getByTestId('results-sign')).toBeVisible();
    },
  },
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

async function visitAll(app: Page, host: TestHost, locale: 'zh-CN' | 'en-US', screens: readonly ScreenCase[] = SCREENS): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  let cast: Cast | null = null;
  let current: Who | null = null;
  await setLanguage(app, locale);
  for (const s of screens) {
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
    await s.reach(app, cast ?? { expert: { id: '', name: '' }, chair: { id: '', name: '' }, submittedPacket: '' }, host);
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
  test(`axe: no serious or critical violation on the meeting's screens (${locale}, 1366×768)`, async ({ app, host }) => {
    test.setTimeout(420_000);
    expect(app.viewportSize()).toEqual({ width: 1366, height: 768 });
    const found = await visitAll(app, host, locale, MEETING_SCREENS);
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
  const names = [...SCREENS, ...MEETING_SCREENS].map((s) => s.name);
  expect(new Set(names).size).toBe(names.length);
});
