// Malformed PDFs and images (test/fixtures/hostile/broken-files.ts) served in place of a dossier's
// attachment, one after another, in real Chromium: each ends in a drawn page or a translated message
// within the time box, never hangs, and a file that is not a PDF but carries one (a zip of another
// applicant's dossier labelled application/pdf) never reaches pdf.js. Where pdf.js had to leave content
// out, the page says so ("part of this page could not be displayed").
import type { Locator, Page } from '@playwright/test';
import { brokenFiles, type BrokenFile } from '../../fixtures/hostile/broken-files';
import { expect, test } from '../fixtures';

const TIME_BOX_MS = 20_000;

type Seen = 'page' | 'partial' | 'refused' | 'page-failed';

/** What the viewer ends with: a drawn page (checked by the integrity probe), or a message. */
async function outcome(viewer: Locator, file: BrokenFile): Promise<Seen> {
  const canvas = viewer.getByTestId('pdf-canvas');
  const img = viewer.getByTestId('image-view');
  const refused = viewer.getByTestId('viewer-error');
  const pageFailed = viewer.getByRole('alert').filter({ hasText: /第 \d+ 页无法显示/ });
  const drawn = file.mediaType === 'application/pdf' ? viewer.locator('[data-testid=pdf-canvas][data-checked-page="1"]') : viewer.locator('[data-testid=image-view]:visible');
  await expect(drawn.or(refused).or(pageFailed).first()).toBeVisible({ timeout: TIME_BOX_MS });
  if (await refused.isVisible()) return 'refused';
  if (await pageFailed.isVisible()) return 'page-failed';
  if (file.mediaType !== 'application/pdf') {
    expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    return 'page';
  }
  await expect(canvas).toHaveAttribute('data-rendered-page', '1');
  return (await viewer.getByTestId('pdf-partial').isVisible()) ? 'partial' : 'page';
}

function allowed(expected: BrokenFile['expect'], seen: Seen): boolean {
  if (expected === 'any') return true;
  if (expected === 'page-or-partial') return seen === 'page' || seen === 'partial';
  return expected === seen;
}

async function openRow(app: Page, ext: '.pdf' | '.png'): Promise<Locator> {
  await app.getByTestId('attachment-list').locator('tbody tr').filter({ hasText: ext }).first().getByRole('button', { name: /^查看/ }).click();
  const viewer = app.getByTestId('attachment-viewer');
  await expect(viewer).toBeVisible();
  return viewer;
}

test('every malformed PDF and image ends in a page or a clear message, in time, and never shows what it carries', async ({ app }) => {
  test.setTimeout(300_000);
  let current: Buffer = Buffer.alloc(0);
  // Every attachment the page fetches is the case under test (a capability is fresh at each opening).
  await app.route('**/blob/*', (route) => route.fulfill({ status: 200, headers: { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' }, body: current }));
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await app.getByRole('menuitem', { name: '申报材料' }).click();
  await app.getByTestId('dossier-row').first().click();
  await expect(app.getByTestId('dossier-detail')).toBeVisible();

  const results: string[] = [];
  const wrong: string[] = [];
  for (const file of brokenFiles()) {
    current = file.bytes;
    const started = Date.now();
    const viewer = await openRow(app, file.mediaType === 'application/pdf' ? '.pdf' : '.png');
    const seen = await outcome(viewer, file);
    const ms = Date.now() - started;
    results.push(`${file.id}: ${seen} in ${ms} ms (expected ${file.expect})`);
    if (!allowed(file.expect, seen)) wrong.push(`${file.id}: ${seen}, expected ${file.expect}`);
    if (seen === 'refused') {
      // A clear message in the user's language, naming the attachment, and nothing drawn behind it.
      await expect(viewer.getByTestId('viewer-error')).toContainText('无法打开附件「');
      await expect(viewer.getByTestId('pdf-canvas')).toHaveCount(0);
    }
    if (file.id.startsWith('zip-labelled-pdf')) await expect(viewer.getByTestId('viewer-error')).toContainText('文件内容不是 PDF');
    await app.keyboard.press('Escape');
    await expect(viewer).toBeHidden();
  }
  console.log(results.join('\n'));
  expect(wrong).toEqual([]);
});

test('the partial-page warning speaks English when the UI does', async ({ app }) => {
  const file = brokenFiles().find((f) => f.id === 'pdf-jbig2-junk') as BrokenFile;
  await app.route('**/blob/*', (route) => route.fulfill({ status: 200, headers: { 'cache-control': 'no-store' }, body: file.bytes }));
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await app.getByText('English', { exact: true }).click();
  await app.getByRole('menuitem', { name: 'Dossiers' }).click();
  await app.getByTestId('dossier-row').first().click();
  await app.getByTestId('attachment-list').locator('tbody tr').filter({ hasText: '.pdf' }).first().getByRole('button', { name: /^View/ }).click();
  const viewer = app.getByTestId('attachment-viewer');
  await expect(viewer.getByTestId('pdf-canvas')).toHaveAttribute('data-checked-page', '1', { timeout: TIME_BOX_MS });
  await expect(viewer.getByTestId('pdf-partial')).toHaveText('Part of page 1 could not be displayed: what you see may be incomplete. Check the original.');
});
