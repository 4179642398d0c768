// Section 6: the dossier list in Debian's Chromium through the browser test host (issue 14 item 5), on a
// 5,000-dossier x 25-expert session: how long after its data the 5,000-row list is painted, and how long a
// keystroke in the search box takes until the filtered list is painted. Needs the built renderer
// (`npm run build:renderer`); asserts nothing.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { AppEvent } from '../../shared/contract';
import { buildDemoSession } from '../../electron/backend/demo/demo-session';
import { writeSessionBundle } from '../../electron/backend/bundles/writer';
import { RESOURCES } from '../fixtures/demo-host';
import { startTestHost } from '../e2e/host/server';
import { fmtMs, mkTmp, printTable, rmTmp, summarize, type Latency } from './stats';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RENDERER = process.env.PD_RENDERER ?? path.join(ROOT, 'dist', 'renderer');
const CHROMIUM = process.env.PANELDESK_CHROMIUM ?? '/usr/bin/chromium';

export interface UiResults {
  dossiers: number;
  /** Each open of the list: ms from the last contract answer to the frame after the rows are in the DOM. */
  listPaint: Latency;
  /** ms from keydown to the frame after the last answer it caused has been rendered. */
  keystroke: Latency;
  keystrokes: number;
}

// Runs in the page before the app. Everything is timed inside the page, so Playwright's own round trips (which
// take tens of ms under load) are not counted: a frame loop notes the first frame after each DOM change and after
// each contract answer has been parsed; "settled" is when nothing is in flight and two frames passed unchanged.
const INSTRUMENT = `(() => {
  const w = window;
  const pd = (w.__pd = { inflight: 0, parsing: 0, lastEnd: 0, lastMut: 0, mutFrame: 0, lastParsed: 0, parsedFrame: 0, lastFrame: 0 });
  const f = w.fetch.bind(w);
  w.fetch = (...args) => {
    pd.inflight++;
    return f(...args).then((r) => {
      pd.parsing++;
      const json = r.json.bind(r);
      r.json = () => json().finally(() => { pd.parsing--; pd.lastParsed = performance.now(); });
      return r;
    }).finally(() => { pd.inflight--; pd.lastEnd = performance.now(); });
  };
  new MutationObserver(() => { pd.lastMut = performance.now(); }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  const frame = () => {
    const now = performance.now();
    if (pd.lastMut > pd.lastFrame) pd.mutFrame = now;
    if (pd.lastParsed > pd.lastFrame) pd.parsedFrame = now;
    pd.lastFrame = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  // Resolves once nothing is in flight and two frames have passed with no DOM change; "at" is the first frame
  // after the last DOM change or parsed answer (whichever is later): when the result was on screen.
  w.__pdSettled = () => new Promise((resolve) => {
    let quiet = 0;
    let seen = pd.lastMut;
    const tick = () => {
      if (pd.inflight === 0 && pd.parsing === 0 && pd.lastMut === seen) quiet++;
      else quiet = 0;
      seen = pd.lastMut;
      if (quiet >= 2) resolve({ at: Math.max(pd.mutFrame, pd.parsedFrame), lastEnd: pd.lastEnd });
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
})();`;

export async function benchUi(o: { dossiers: number; experts: number; opens: number; keystrokes: number } = { dossiers: 5000, experts: 25, opens: 5, keystrokes: 24 }): Promise<UiResults | { skipped: string }> {
  if (!fs.existsSync(path.join(RENDERER, 'index.html'))) return { skipped: `no built renderer in ${RENDERER} (npm run build:renderer)` };
  if (!fs.existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  const work = mkTmp('ui');
  try {
    process.stdout.write(`  ${o.dossiers} dossiers x ${o.experts} experts in Chromium: generating…`);
    const demo = buildDemoSession({ dossiers: o.dossiers, experts: o.experts, attachmentsPerDossier: 0 });
    const file = path.join(work, 'ui.pdbundle');
    await writeSessionBundle(file, demo.content, demo.blobs);
    const host = await startTestHost({ dataDir: path.join(work, 'data'), resourcesDir: RESOURCES, rendererDir: RENDERER });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      process.stdout.write(' importing…');
      const done = new Promise<AppEvent>((resolve) => host.backend.onEvent((e) => (e.type === 'job.done' || e.type === 'job.failed') && resolve(e)));
      // A new data folder: the secretary sets the desk up (and is signed in) before importing.
      const desk = await host.backend.invoke('setUpDesk', { passphrase: 'bench secretary pass' });
      if (!desk.ok) throw new Error(desk.error.code);
      const started = await host.backend.invoke('startImport', { path: host.backend.grantFile(file, 'open') });
      if (!started.ok) throw new Error(started.error.code);
      const end = await done;
      if (end.type !== 'job.done') throw new Error('import failed');
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      await page.addInitScript(INSTRUMENT);
      await page.goto(host.url);
      await page.getByRole('button', { name: '打开', exact: true }).first().click();
      await page.getByRole('menuitem', { name: '会议概览' }).waitFor();
      process.stdout.write(' list…');
      const paint: number[] = [];
      for (let i = 0; i < o.opens; i++) {
        await page.getByRole('menuitem', { name: '会议概览' }).click();
        await page.evaluate('window.__pdSettled()');
        await page.getByRole('menuitem', { name: '申报材料' }).click();
        await page.getByTestId('dossier-row').first().waitFor();
        const s = (await page.evaluate('window.__pdSettled()')) as { at: number; lastEnd: number };
        paint.push(s.at - s.lastEnd);
      }
      process.stdout.write(' keystrokes…');
      const search = page.getByPlaceholder('搜索姓名、袋号或单位');
      const keys: number[] = [];
      // Packet numbers narrow step by step; then back out with Backspace (the list grows again).
      const text = (demo.content.dossiers[1234]?.packetNo ?? 'JL').slice(0, o.keystrokes / 2);
      await search.click();
      const press = async (key: string): Promise<void> => {
        await page.evaluate('window.__pdKeyAt = 0; document.addEventListener("keydown", (e) => { window.__pdKeyAt = performance.now(); }, { once: true, capture: true })');
        await page.keyboard.press(key);
        const s = (await page.evaluate('window.__pdSettled()')) as { at: number };
        const at = (await page.evaluate('window.__pdKeyAt')) as number;
        // A keystroke that changed nothing on screen is on screen in its own frame.
        keys.push(Math.max(0, s.at - at));
      };
      for (const ch of text) await press(ch);
      for (let i = 0; i < text.length; i++) await press('Backspace');
      console.log(' done');
      return { dossiers: o.dossiers, listPaint: summarize(paint), keystroke: summarize(keys), keystrokes: keys.length };
    } finally {
      await browser.close();
      await host.close();
    }
  } finally {
    rmTmp(work);
  }
}

export function printUi(r: UiResults | { skipped: string }): void {
  if ('skipped' in r) {
    console.log(`\n6. Dossier list in Chromium: skipped (${r.skipped})`);
    return;
  }
  printTable(`6. Dossier list of ${r.dossiers.toLocaleString('en')} dossiers in Chromium through the test host (secretary's 申报材料)`, ['measure', 'n', 'p50 ms', 'p95 ms', 'max ms', 'target'], [
    ['list painted after its data', r.listPaint.n, fmtMs(r.listPaint.p50), fmtMs(r.listPaint.p95), fmtMs(r.listPaint.max), '≤ 200'],
    ['search keystroke to painted list', r.keystroke.n, fmtMs(r.keystroke.p50), fmtMs(r.keystroke.p95), fmtMs(r.keystroke.max), 'p95 ≤ 50'],
  ]);
}

export const uiSummary = (r: UiResults | { skipped: string }) =>
  'skipped' in r ? r : { listPaintP50: r.listPaint.p50, listPaintP95: r.listPaint.p95, keystrokeP50: r.keystroke.p50, keystrokeP95: r.keystroke.p95, keystrokes: r.keystrokes };
