import { defineConfig } from '@playwright/test';

// Debian's Chromium drives the real renderer through the browser test host (no Electron binary here).
export default defineConfig({
  testDir: './specs',
  outputDir: '../../test-results/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // CI's two cores run two spec files at once (each test has its own host, data folder and browser); one locally.
  workers: process.env.CI ? 2 : 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    launchOptions: {
      executablePath: process.env.PANELDESK_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
