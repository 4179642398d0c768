// Each spec file gets its own host on a fresh data folder, and fails on any CSP violation or page error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startTestHost, type TestHost } from './host/server';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SHOTS = path.join(ROOT, 'test-results', 'screens');

/** The secretary passphrase every e2e desk is set up with at first run. */
export const E2E_SECRETARY_PASS = '秘书口令-e2e-2026';

/** The first-run screen of a new data folder: the secretary sets the passphrase, then is signed in. */
export async function setUpDesk(page: Page, passphrase = E2E_SECRETARY_PASS): Promise<void> {
  const card = page.getByTestId('first-run');
  await card.getByTestId('first-run-passphrase').fill(passphrase);
  await card.getByTestId('first-run-again').fill(passphrase);
  await card.getByTestId('first-run-submit').click();
  await expect(page.getByTestId('current-role')).toHaveText('秘书');
}

export const test = base.extend<{ host: TestHost; app: Page; firstRun: Page }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-e2e-'));
    const host = await startTestHost({
      dataDir,
      resourcesDir: path.join(ROOT, 'resources'),
      rendererDir: process.env.PD_RENDERER ?? path.join(ROOT, 'dist', 'renderer'),
    });
    await use(host);
    await host.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
  /** The page as a new data folder shows it: the first-run screen, nobody signed in. */
  firstRun: async ({ page, host }, use) => {
    await watchPage(page, async () => {
      await page.goto(host.url);
      await use(page);
    });
  },
  /** The page with the desk set up and the secretary signed in (E2E_SECRETARY_PASS). */
  app: async ({ page, host }, use) => {
    await watchPage(page, async () => {
      await page.goto(host.url);
      await setUpDesk(page);
      await use(page);
    });
  },
});

/** Fails the test on any console error, CSP violation, page error or HTTP error while `body` runs. */
async function watchPage(page: Page, body: () => Promise<void>): Promise<void> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const el = e.target instanceof Element ? e.target.outerHTML.slice(0, 160) : String(e.target);
      console.error(`CSP ${e.violatedDirective} at ${e.sourceFile}:${e.lineNumber} on ${el}`);
    });
  });
  await body();
  expect(problems, 'no console errors, CSP violations or page errors').toEqual([]);
}

export { expect };

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false, animations: 'disabled' });
}
