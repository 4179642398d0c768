// The attachment viewer in real Chromium under the strict CSP: pdf.js draws, searches and zooms
// without 'unsafe-eval' or inline styles (the fixture fails the test on any CSP violation).
import { request, type Locator, type Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from '../../../shared/csp';
import type { BackendHost } from '../../../electron/backend/host-types';
import type { MethodName } from '../../../shared/contract';
import { E2E_SECRETARY_PASS, expect, shot, test } from '../fixtures';

/** Pixels of the canvas that are not (near) white: the page frame and text the demo PDF draws. */
async function inkedPixels(canvas: Locator): Promise<{ width: number; height: number; inked: number }> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const ctx = c.getContext('2d');
    if (!ctx || c.width === 0 || c.height === 0) return { width: c.width, height: c.height, inked: 0 };
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if ((data[i] ?? 255) < 200 || (data[i + 1] ?? 255) < 200 || (data[i + 2] ?? 255) < 200) inked++;
    }
    return { width: c.width, height: c.height, inked };
  });
}

async function openFirstDossier(app: Page): Promise<string> {
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await app.getByRole('menuitem', { name: '申报材料' }).click();
  const row = app.getByTestId('dossier-row').first();
  const packetNo = ((await row.locator('[role=cell]').first().textContent()) ?? '').trim();
  expect(packetNo).not.toBe('');
  await row.click();
  await expect(app.getByTestId('dossier-detail')).toBeVisible();
  return packetNo;
}

/** Canvas contents as a short fingerprint, to tell two drawn pages apart. */
async function canvasPrint(canvas: Locator): Promise<string> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let h = 0;
    for (let i = 0; i < data.length; i += 4) h = (h * 31 + (data[i] ?? 0)) | 0;
    return `${c.width}x${c.height}:${h}`;
  });
}

/** UTF-16BE hex, as a PDF string shown with a UCS-2 CMap. */
const ucs2 = (s: string) => `<${[...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('')}>`;

/**
 * A PDF with several pages, each with an ASCII line (Helvetica) and a Chinese line in the
 * non-embedded STSong-Light through the predefined UniGB-UCS2-H CMap, which pdf.js must fetch
 * from the bundle (connect-src 'self').
 */
function multiPagePdf(pages: ReadonlyArray<{ ascii: string; chinese: string }>): Buffer {
  const fixed = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pages.map((_, i) => `${7 + 2 * i} 0 R`).join(' ')}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  const perPage = pages.flatMap((p, i) => {
    const body = `0.2 0.3 0.5 RG 2 w 50 50 495 742 re S\nBT /F1 24 Tf 72 760 Td (${p.ascii}) Tj ET\nBT /F2 20 Tf 72 700 Td ${ucs2(p.chinese)} Tj ET`;
    return [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${8 + 2 * i} 0 R >>`,
      `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
    ];
  });
  const objects = [...fixed, ...perPage];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((obj, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${obj}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function attachmentRow(app: Page, ext: '.pdf' | '.png'): Locator {
  return app.getByTestId('attachment-list').locator('tbody tr').filter({ hasText: ext }).first();
}

test('a PDF attachment renders, zooms and finds its packet number; an image attachment loads', async ({ app }) => {
  const packetNo = await openFirstDossier(app);

  // PDF: the canvas is drawn by pdf.js in its worker.
  const pdfName = ((await attachmentRow(app, '.pdf').locator('td').first().textContent()) ?? '').trim();
  await attachmentRow(app, '.pdf').getByRole('button', { name: /^查看/ }).click();
  const viewer = app.getByTestId('attachment-viewer');
  await expect(viewer).toBeVisible();
  await expect(app.locator('.ant-modal-title')).toHaveText(pdfName);
  const canvas = viewer.getByTestId('pdf-canvas');
  await expect(canvas).toHaveAttribute('data-rendered-page', '1');
  const first = await inkedPixels(canvas);
  expect(first.width).toBeGreaterThan(300);
  expect(first.inked).toBeGreaterThan(500);

  // The demo PDFs have one page: the indicator says so and both page buttons are disabled.
  await expect(viewer.getByTestId('pdf-page')).toHaveText('第 1 / 1 页');
  await expect(viewer.getByRole('button', { name: '下一页' })).toBeDisabled();
  await expect(viewer.getByRole('button', { name: '上一页' })).toBeDisabled();
  await app.keyboard.press('PageDown');
  await expect(viewer.getByTestId('pdf-page')).toHaveText('第 1 / 1 页');

  // Zoom: a fixed step redraws the canvas larger; fit width brings it back.
  const fitPercent = (await viewer.getByTestId('zoom-percent').textContent()) ?? '';
  await viewer.getByRole('button', { name: '放大' }).click();
  await expect(viewer.getByTestId('zoom-percent')).not.toHaveText(fitPercent);
  await expect.poll(async () => (await inkedPixels(canvas)).width).toBeGreaterThan(first.width);
  await viewer.getByRole('button', { name: '适合宽度' }).click();
  await expect(viewer.getByTestId('zoom-percent')).toHaveText(fitPercent);
  await expect.poll(async () => (await inkedPixels(canvas)).width).toBe(first.width);

  // Search: the packet number printed in the PDF (ASCII) is found and marked.
  const search = viewer.getByRole('textbox', { name: '搜索文本' });
  await search.fill(packetNo);
  await search.press('Enter');
  await expect(viewer.getByTestId('search-status')).toHaveText('找到 1 / 1 处');
  await expect(viewer.getByTestId('pdf-hit')).toHaveCount(1);
  await shot(app, '06-attachment-viewer');
  await search.fill('Packet: no-such-packet');
  await search.press('Enter');
  await expect(viewer.getByTestId('search-status')).toHaveText('未找到');
  await expect(viewer.getByTestId('pdf-hit')).toHaveCount(0);

  // Escape closes the viewer only; the dossier stays open.
  await app.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  await expect(app.getByTestId('dossier-detail')).toBeVisible();

  // Image: a PNG scan from the blob store.
  await attachmentRow(app, '.png').getByRole('button', { name: /^查看/ }).click();
  const img = app.getByTestId('attachment-viewer').getByTestId('image-view');
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  // A capability the backend granted for this attachment and this person, never its hash.
  expect(await img.getAttribute('src')).toMatch(/\/blob\/[A-Za-z0-9_-]{43}$/);
  await expect(app.getByTestId('attachment-viewer').getByTestId('zoom-percent')).toHaveText('100%');
});

test('the viewer speaks English when the UI does', async ({ app }) => {
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await app.getByText('English', { exact: true }).click();
  await app.getByRole('menuitem', { name: 'Dossiers' }).click();
  await app.getByTestId('dossier-row').first().click();
  await attachmentRow(app, '.pdf').getByRole('button', { name: /^View/ }).click();
  const viewer = app.getByTestId('attachment-viewer');
  await expect(viewer.getByTestId('pdf-canvas')).toHaveAttribute('data-rendered-page', '1');
  await expect(viewer.getByTestId('pdf-page')).toHaveText('Page 1 / 1');
  await expect(viewer.getByRole('button', { name: 'Zoom in' })).toBeVisible();
  await viewer.getByRole('textbox', { name: 'Search text' }).fill('Dossier');
  await expect(viewer.getByTestId('search-status')).toHaveText('Match 1 of 1');
});

test('a multi-page PDF with Chinese text: pages turn and search finds CJK text via the bundled CMap', async ({ app }) => {
  const pdf = multiPagePdf([
    { ascii: 'First page', chinese: '学历证书' },
    { ascii: 'Second page', chinese: '业绩证明' },
    { ascii: 'Third page marker-three', chinese: '学历证书复印件' },
  ]);
  // Serve this PDF in place of every demo PDF (the blob URL and the viewer are unchanged).
  await app.route('**/blob/*', async (route) => {
    const res = await route.fetch();
    const body = await res.body();
    if (body.subarray(0, 5).toString('latin1') === '%PDF-') await route.fulfill({ response: res, body: pdf });
    else await route.fulfill({ response: res });
  });
  await openFirstDossier(app);
  await attachmentRow(app, '.pdf').getByRole('button', { name: /^查看/ }).click();
  const viewer = app.getByTestId('attachment-viewer');
  const canvas = viewer.getByTestId('pdf-canvas');
  const pageNo = viewer.getByTestId('pdf-page');
  await expect(canvas).toHaveAttribute('data-rendered-page', '1');
  await expect(pageNo).toHaveText('第 1 / 3 页');
  const page1 = await canvasPrint(canvas);
  expect((await inkedPixels(canvas)).inked).toBeGreaterThan(500);

  await viewer.getByRole('button', { name: '下一页' }).click();
  await expect(pageNo).toHaveText('第 2 / 3 页');
  await expect(canvas).toHaveAttribute('data-rendered-page', '2');
  expect(await canvasPrint(canvas)).not.toBe(page1);
  await app.keyboard.press('PageDown');
  await expect(pageNo).toHaveText('第 3 / 3 页');
  await expect(canvas).toHaveAttribute('data-rendered-page', '3');
  await expect(viewer.getByRole('button', { name: '下一页' })).toBeDisabled();
  await app.keyboard.press('PageUp');
  await expect(pageNo).toHaveText('第 2 / 3 页');
  const box = viewer.getByRole('spinbutton', { name: '页码' });
  await box.fill('1');
  await expect(pageNo).toHaveText('第 1 / 3 页');
  await expect(canvas).toHaveAttribute('data-rendered-page', '1');
  await expect.poll(() => canvasPrint(canvas)).toBe(page1);

  const search = viewer.getByRole('textbox', { name: '搜索文本' });
  await search.fill('marker-three');
  await expect(viewer.getByTestId('search-status')).toHaveText('找到 1 / 1 处');
  await expect(pageNo).toHaveText('第 3 / 3 页');
  await box.fill('1');
  await expect(pageNo).toHaveText('第 1 / 3 页');
  await search.fill('学历证书');
  await expect(viewer.getByTestId('search-status')).toHaveText('找到 1 / 2 处');
  await expect(pageNo).toHaveText('第 1 / 3 页');
  await search.press('Enter');
  await expect(viewer.getByTestId('search-status')).toHaveText('找到 2 / 2 处');
  await expect(pageNo).toHaveText('第 3 / 3 页');
  await expect(viewer.getByTestId('pdf-hit')).toHaveCount(1);
  await search.fill('业绩');
  await expect(viewer.getByTestId('search-status')).toHaveText('找到 1 / 1 处');
  await expect(pageNo).toHaveText('第 2 / 3 页');

  // pdf.js added no <style> element (its font loading uses the FontFace API, not inline CSS).
  expect(await app.locator('style').count()).toBe(0);
});

/** A value from the in-process backend the page talks to (the test stands beside the page, as another desk user would). */
async function value<T>(backend: BackendHost, method: MethodName, input: unknown): Promise<T> {
  const r = await backend.invoke(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

test('the page is served with the one shared CSP, header and <meta>', async ({ app, host }) => {
  const res = await app.request.get(host.url);
  expect(res.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  await expect(app.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CONTENT_SECURITY_POLICY_META);
});

test('attachments are served only against a capability of whoever is signed in: never by hash, never without the run token', async ({ app, host }) => {
  await openFirstDossier(app);
  await attachmentRow(app, '.png').getByRole('button', { name: /^查看/ }).click();
  const img = app.getByTestId('attachment-viewer').getByTestId('image-view');
  await expect(img).toBeVisible();
  const src = (await img.evaluate((el) => (el as HTMLImageElement).src)) ?? '';
  // The page's own context carries the run token (its cookie): the capability works.
  expect((await app.request.get(src)).status()).toBe(200);

  // The same attachment by its bare hash: refused.
  const [session] = await value<Array<{ id: string }>>(host.backend, 'listSessions', {});
  const sessionId = session?.id ?? '';
  const { rows } = await value<{ rows: Array<{ id: string }> }>(host.backend, 'listDossiers', { sessionId });
  const first = await value<{ attachments: Array<{ sha256: string; mediaType: string }> }>(host.backend, 'getDossier', { sessionId, dossierId: rows[0]?.id });
  const png = first.attachments.find((a) => a.mediaType === 'image/png');
  expect(png).toMatchObject({ mediaType: 'image/png', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown as string });
  expect((await app.request.get(new URL(`blob/${png?.sha256}`, host.url).href)).status()).toBe(404);

  // Without the run token (another program on this machine): refused.
  const stranger = await request.newContext();
  expect((await stranger.get(src)).status()).toBe(403);
  await stranger.dispose();

  // Each dossier's first attachment, read as the secretary (who sees every dossier).
  const firstOf = new Map<string, string>();
  for (const r of rows) {
    const d = await value<{ attachments: Array<{ sha256: string }> }>(host.backend, 'getDossier', { sessionId, dossierId: r.id });
    if (d.attachments[0]) firstOf.set(r.id, d.attachments[0].sha256);
  }

  // An expert signs in at the desk: the secretary's capability is dead, and the expert is refused dossiers outside their groups.
  const experts = await value<Array<{ id: string; role: string }>>(host.backend, 'listExperts', { sessionId });
  const expert = experts.find((e) => e.role === 'member');
  await value(host.backend, 'openEnrolment', { sessionId, expertId: expert?.id });
  const row = await value<{ keyid: string }>(host.backend, 'enrollExpert', { sessionId, expertId: expert?.id, passphrase: 'correct horse 1' });
  await value(host.backend, 'confirmExpertKey', { sessionId, expertId: expert?.id, keyid: row.keyid });
  await value(host.backend, 'signIn', { sessionId, expertId: expert?.id, passphrase: 'correct horse 1', as: 'expert' });
  expect((await app.request.get(src)).status()).toBe(404);
  const mine = new Set((await value<Array<{ dossierId: string }>>(host.backend, 'listMyDossiers', { sessionId })).map((r) => r.dossierId));
  let outside: { dossierId: string; sha256: string } | null = null;
  for (const row of rows) {
    if (mine.has(row.id)) continue;
    const sha256 = firstOf.get(row.id);
    if (sha256) {
      outside = { dossierId: row.id, sha256 };
      break;
    }
  }
  expect(outside).not.toBeNull();
  const refused = await app.evaluate(
    (ref) => (window as unknown as { api: { openAttachment(r: unknown): Promise<{ ok: boolean; error?: { code: string } }> } }).api.openAttachment(ref),
    { sessionId, ...(outside as { dossierId: string; sha256: string }) },
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'DOSSIER_FORBIDDEN' } });
  await value(host.backend, 'signInSecretary', { passphrase: E2E_SECRETARY_PASS });
});
