// Each spec file gets its own host on a fresh data folder, and fails on any CSP violation or page error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startTestHost, type TestHost } from './host/server';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SHOTS = path.join(ROOT, 'test-results', 'screens');

export const test = base.extend<{ host: TestHost; app: Page }>({
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
  app: async ({ page, host }, use) => {
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
    await page.goto(host.url);
    await use(page);
    expect(problems, 'no console errors, CSP violations or page errors').toEqual([]);
  },
});

export { expect };

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false, animations: 'disabled' });
}
