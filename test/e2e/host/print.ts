// The browser test host's printing: the same print view the app prints, opened in headless Chromium
// (playwright-core, /usr/bin/chromium) and turned into an A4 PDF by page.pdf() with "X / Y" in the footer.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { fail, ok, type Result } from '../../../shared/errors';
import { PRINT_ATTR, PRINT_MARGINS_IN, pageTemplates, printHash } from '../../../shared/print';
import { PrintRequestSchema } from '../../../shared/print-request';

export const CHROMIUM = process.env.PANELDESK_CHROMIUM ?? '/usr/bin/chromium';

export interface HostPrintDeps {
  /** The page URL with a token that may call only the print methods, e.g. http://127.0.0.1:1234/?token=… */
  pageUrl: string;
  /** The save dialog's answer for the proposed name (null: cancelled). */
  savePath(suggestedName: string): string | null;
  timeoutMs?: number;
}

export async function hostPrintToPdf(deps: HostPrintDeps, request: unknown): Promise<Result<{ file: string } | null>> {
  const parsed = PrintRequestSchema.safeParse(request);
  if (!parsed.success) return fail('CONTRACT_INVALID_INPUT', 'bad print request', { field: 'printToPdf' });
  const req = parsed.data;
  const target = deps.savePath(req.suggestedName);
  if (!target) return ok(null);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    await page.goto(`${deps.pageUrl}${printHash(req.view, req.params)}`);
    const timeout = deps.timeoutMs ?? 60_000;
    await page.waitForFunction((a) => document.documentElement.hasAttribute(a.ready) || document.documentElement.hasAttribute(a.error), PRINT_ATTR, { timeout });
    const error = await page.getAttribute('html', PRINT_ATTR.error);
    if (error) return fail('PRINT_FAILED', `print view failed: ${error}`, { view: req.view, file: path.basename(target) });
    const header = (await page.getAttribute('html', PRINT_ATTR.header)) ?? '';
    const footer = (await page.getAttribute('html', PRINT_ATTR.footer)) ?? '';
    const inch = (n: number) => `${String(n)}in`;
    const pdf = await page.pdf({
      format: 'A4',
      // A view may ask for A4 landscape with a named @page (the 投票结果表), as in the app.
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      ...pageTemplates(header, footer),
      margin: { top: inch(PRINT_MARGINS_IN.top), bottom: inch(PRINT_MARGINS_IN.bottom), left: inch(PRINT_MARGINS_IN.left), right: inch(PRINT_MARGINS_IN.right) },
    });
    const tmp = `${target}.tmp`;
    fs.writeFileSync(tmp, pdf);
    fs.renameSync(tmp, target);
    return ok({ file: path.basename(target) });
  } catch (err) {
    return fail('PRINT_FAILED', String(err), { view: req.view, file: path.basename(target) });
  } finally {
    await browser.close();
  }
}
