// Layout for office laptops (issue 13): at 1366×768, 1920×1080 and 1093×615 (125 % Windows scaling) the header and
// the 评审保密期 banner never scroll away, dialogs fit with their buttons in view, and the score sheet's labels stay whole.
import type { Locator, Page } from '@playwright/test';
import { expect, shot, test } from '../fixtures';
import { actAs, firstExperts } from '../roles';

const SIZES = [
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1093x615', width: 1093, height: 615 },
] as const;

async function inViewport(page: Page, el: Locator): Promise<void> {
  const box = await el.boundingBox();
  const vp = page.viewportSize();
  if (!box || !vp) throw new Error('not rendered');
  expect(box.y, 'top edge in view').toBeGreaterThanOrEqual(0);
  expect(box.x, 'left edge in view').toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, 'bottom edge in view').toBeLessThanOrEqual(vp.height);
  expect(box.x + box.width, 'right edge in view').toBeLessThanOrEqual(vp.width);
}

/** Number of line boxes the element's text takes (1 = not wrapped). */
const lineCount = (el: Locator) =>
  el.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return tops.size;
  });

for (const size of SIZES) {
  test(`layout at ${size.name}: sticky header, whole dialogs, labels kept whole`, async ({ app, host }) => {
    test.setTimeout(120_000);
    await app.setViewportSize({ width: size.width, height: size.height });
    await app.getByTestId('open-demo').click();
    await expect(app.getByTestId('count-dossiers')).toBeVisible();
    const cast = await firstExperts(host);
    await actAs(app, host, 'secretary', cast);

    // Attendance scrolled to the bottom: only the content moved; who is signed in is still on screen.
    await app.locator('.app-nav [data-menu-id$="-setup"]').click();
    await app.locator('.ant-tabs-tab[data-node-key="attendance"]').click();
    await expect(app.getByTestId('attendance-table').locator('tbody tr')).toHaveCount(25);
    const content = app.locator('main.app-content');
    await content.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    if (size.height < 1000) expect(await content.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    expect(await app.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);
    await inViewport(app, app.getByTestId('current-role'));
    await inViewport(app, app.locator('.secrecy-banner'));
    await inViewport(app, app.getByTestId('attendance-table').locator('tbody tr').last());
    await shot(app, `layout-${size.name}-attendance-bottom`);

    // The expert's score sheet: the dossier's labels on one line each; text values from the left.
    await actAs(app, host, 'expert', cast);
    await app.locator('.app-nav [data-menu-id$="-myDossiers"]').click();
    await app.getByTestId('my-dossier-row').first().press('Enter');
    await expect(app.getByTestId('score-sheet')).toBeVisible();
    const labels = app.getByTestId('sheet-dossier').locator('.dossier-facts .ant-descriptions-item-label');
    expect(await labels.count()).toBeGreaterThan(10);
    for (const label of await labels.all()) expect(await lineCount(label), await label.innerText()).toBe(1);
    const text = app.getByTestId('sheet-dossier').locator('.value-text');
    if ((await text.count()) > 0) expect(await text.first().evaluate((el) => getComputedStyle(el).textAlign)).toBe('left');
    const num = app.getByTestId('sheet-dossier').locator('.value-num');
    if ((await num.count()) > 0) expect(await num.first().evaluate((el) => getComputedStyle(el).textAlign)).toBe('right');
    await shot(app, `layout-${size.name}-score-sheet`);

    // Submit and sign: the title, the passphrase and both buttons on screen; the summary scrolls inside.
    await app.getByTestId('submit-open').click();
    const modal = app.getByTestId('submit-modal');
    await expect(modal).toBeVisible();
    await expect(app.getByTestId('submit-passphrase')).toBeFocused();
    await inViewport(app, app.locator('.ant-modal-title').filter({ visible: true }));
    await inViewport(app, app.getByTestId('submit-passphrase'));
    await inViewport(app, app.getByTestId('submit-confirm'));
    await inViewport(app, app.locator('.ant-modal-container').filter({ visible: true }));
    await shot(app, `layout-${size.name}-submit-dialog`);
  });
}
