import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DossierDetailView } from '../../renderer/features/dossiers/DossierDetailView';
import { AttachmentViewer } from '../../renderer/features/viewer/AttachmentViewer';
import { attachmentUrl, viewerKind } from '../../renderer/features/viewer/attachment-url';
import { useStore } from '../../renderer/store';
import { installFakeApi } from './fake-api';
import { bundledDataUrl } from '../../renderer/features/viewer/pdf-data';
import { loadPdf, PdfLoadError, type PdfDocument } from '../../renderer/features/viewer/pdf-loader';
import type * as PdfLoaderModule from '../../renderer/features/viewer/pdf-loader';
import { findMatches, firstMatchFrom, matchBoxes, queryPattern, stepMatch, type PageText } from '../../renderer/features/viewer/search';
import { effectiveScale, fitWidthScale, zoomIn, zoomOut } from '../../renderer/features/viewer/zoom';
import { renderWithI18n } from './render';
import { DETAIL } from './sample';

// jsdom cannot run pdf.js: the viewer is tested against a fake document behind the loader's interface.
vi.mock('../../renderer/features/viewer/pdf-loader', async (importOriginal) => ({
  ...(await importOriginal<typeof PdfLoaderModule>()),
  loadPdf: vi.fn(),
}));
const loadPdfMock = vi.mocked(loadPdf);

const SHA = 'ab'.repeat(32);
/** The fake backend's capability for a hash: 43 base64url characters, as the real one grants. */
const capOf = (sha: string) => `c${sha.slice(0, 42)}`;
const PDF = { sha256: SHA, name: '学历证书.pdf', mediaType: 'application/pdf', size: 4096 };
const PNG = { sha256: 'cd'.repeat(32), name: '获奖证书.png', mediaType: 'image/png', size: 900 };
/** The stage is this wide in these tests; pages are 600 wide, so fit width is (888 - 48) / 600 = 140%. */
const STAGE_WIDTH = 888;

const PAGES = ['Title page\nnothing to find', 'Packet: JL2026-0001\nDossier: d0001', 'see packet JL2026-0001 and PACKET again'];

interface FakeDoc extends PdfDocument {
  renders: Array<{ page: number; scale: number; canvas: HTMLCanvasElement }>;
  destroyed: boolean;
}

function pageText(text: string): PageText {
  return { text, spans: [{ start: 0, end: text.length, left: 10, top: 20, width: text.length * 6, height: 12, font: 'sans-serif' }] };
}

function fakeDoc(texts: readonly string[] = PAGES): FakeDoc {
  const doc: FakeDoc = {
    numPages: texts.length,
    renders: [],
    destroyed: false,
    pageSize: async () => ({ width: 600, height: 800 }),
    renderPage: async (page, canvas, scale) => {
      doc.renders.push({ page, scale, canvas });
    },
    pageText: async (n) => pageText(texts[n - 1] ?? ''),
    pageIntegrity: async () => 'complete',
    destroy: async () => {
      doc.destroyed = true;
    },
  };
  return doc;
}

const lastRender = (doc: FakeDoc) => doc.renders.at(-1);

async function openPdf(doc = fakeDoc(), locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  loadPdfMock.mockResolvedValue(doc);
  const view = renderWithI18n(<AttachmentViewer dossierId="D001" attachment={PDF} />, locale);
  const canvas = await screen.findByTestId('pdf-canvas');
  await waitFor(() => expect(canvas).toHaveAttribute('data-rendered-page', '1'));
  return { doc, view, canvas };
}

const realRO = globalThis.ResizeObserver;
const realClientWidth = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');

beforeAll(() => {
  // A ResizeObserver that reports at once, as browsers do, and a stage of known width.
  class ReportingRO {
    constructor(private readonly cb: ResizeObserverCallback) {}
    observe(): void {
      this.cb([], this as unknown as ResizeObserver);
    }
    unobserve(): void {}
    disconnect(): void {}
  }
  globalThis.ResizeObserver = ReportingRO as unknown as typeof ResizeObserver;
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('viewer-stage') ? STAGE_WIDTH : 0;
    },
  });
});

afterAll(() => {
  globalThis.ResizeObserver = realRO;
  if (realClientWidth) Object.defineProperty(HTMLElement.prototype, 'clientWidth', realClientWidth);
});

let fake: ReturnType<typeof installFakeApi>;
beforeEach(() => {
  loadPdfMock.mockReset();
  useStore.setState({ sessionId: 'S1' });
  fake = installFakeApi({ openAttachment: ({ sha256 }) => ({ ok: true, value: { url: `blob/${capOf(sha256)}` } }) });
});

describe('viewer helpers', () => {
  it('builds attachment URLs from a granted capability only, never from a hash or a path', () => {
    const cap = capOf(SHA);
    expect(attachmentUrl(`blob/${cap}`, 'app://paneldesk/index.html')).toBe(`app://paneldesk/blob/${cap}`);
    expect(attachmentUrl(`blob/${cap}`, 'http://127.0.0.1:5000/')).toBe(`http://127.0.0.1:5000/blob/${cap}`);
    for (const bad of [`blob/${SHA}`, SHA, '../../etc/passwd', `blob/../${cap}`, `blob/${cap}/x`, `/blob/${cap}`, `https://evil/blob/${cap}`]) {
      expect(() => attachmentUrl(bad, 'app://paneldesk/')).toThrow();
    }
  });

  it('picks the view from the media type', () => {
    expect(viewerKind('application/pdf')).toBe('pdf');
    expect(viewerKind('Image/JPEG')).toBe('image');
    expect(viewerKind('image/png; charset=binary')).toBe('image');
    expect(viewerKind('image/svg+xml')).toBe('unsupported');
    expect(viewerKind('text/html')).toBe('unsupported');
  });

  it('finds text case-insensitively, across line ends, with regex characters taken literally', () => {
    expect(findMatches(PAGES, 'packet')).toEqual([
      { page: 2, start: 0, end: 6 },
      { page: 3, start: 4, end: 10 },
      { page: 3, start: 27, end: 33 },
    ]);
    expect(findMatches(PAGES, '0001   dossier')).toEqual([{ page: 2, start: 15, end: 27 }]);
    expect(findMatches(['a.c abc (x)'], 'a.c')).toEqual([{ page: 1, start: 0, end: 3 }]);
    expect(findMatches(['a.c abc (x)'], '(x)')).toEqual([{ page: 1, start: 8, end: 11 }]);
    expect(findMatches(PAGES, '   ')).toEqual([]);
    expect(queryPattern('')).toBeNull();
  });

  it('starts at the first hit on or after the current page and wraps when stepping', () => {
    const ms = findMatches(PAGES, 'packet');
    expect(firstMatchFrom(ms, 1)).toBe(0);
    expect(firstMatchFrom(ms, 3)).toBe(1);
    expect(firstMatchFrom([{ page: 1, start: 0, end: 1 }], 2)).toBe(0);
    expect(firstMatchFrom([], 1)).toBe(-1);
    expect(stepMatch(2, 3, 1)).toBe(0);
    expect(stepMatch(0, 3, -1)).toBe(2);
    expect(stepMatch(-1, 3, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });

  it('marks the part of a run a hit covers, by measured width when it can', () => {
    const page = pageText('Packet: X1');
    // 10 characters over 60 px: "X1" is the last fifth.
    expect(matchBoxes(page, { start: 8, end: 10 }, 2)).toEqual([{ left: 116, top: 40, width: 24, height: 24 }]);
    // A measure where "X" is twice as wide as other characters.
    const measure = (s: string) => [...s].reduce((w, c) => w + (c === 'X' ? 2 : 1), 0);
    const [box] = matchBoxes(page, { start: 8, end: 9 }, 1, measure);
    expect(box?.left).toBeCloseTo(10 + (60 * 8) / 11);
    expect(box?.width).toBeCloseTo((60 * 2) / 11);
  });

  it('zooms in steps, fits the width and shrinks only large images', () => {
    expect(zoomIn(1)).toBe(1.25);
    expect(zoomIn(1.4)).toBe(1.5);
    expect(zoomOut(1.4)).toBe(1.25);
    expect(zoomIn(4)).toBe(4);
    expect(zoomOut(0.25)).toBe(0.25);
    expect(fitWidthScale(0, 600)).toBe(1);
    expect(fitWidthScale(648, 600)).toBe(1);
    expect(effectiveScale('shrink', 888, 200)).toBe(1);
    expect(effectiveScale('shrink', 888, 2100)).toBeCloseTo(0.4);
    expect(effectiveScale('fit', 888, 200)).toBe(4);
    expect(effectiveScale(9, 888, 200)).toBe(4);
  });

  it('maps the files pdf.js asks for to bundled files and nothing else', () => {
    expect(bundledDataUrl('cMapUrl', 'UniGB-UCS2-H.bcmap')).toMatch(/UniGB-UCS2-H/);
    expect(bundledDataUrl('standardFontDataUrl', 'FoxitSymbol.pfb')).toMatch(/FoxitSymbol/);
    expect(bundledDataUrl('wasmUrl', 'openjpeg.wasm')).toMatch(/openjpeg/);
    expect(bundledDataUrl('cMapUrl', '../wasm/openjpeg.wasm')).toBeNull();
    expect(bundledDataUrl('toString', 'UniGB-UCS2-H.bcmap')).toBeNull();
    expect(bundledDataUrl('cMapUrl', 'nope.bcmap')).toBeNull();
  });
});

describe('AttachmentViewer: PDF', () => {
  it('loads the attachment by its capability and draws page 1 at fit width', async () => {
    const { doc, canvas } = await openPdf();
    expect(loadPdfMock).toHaveBeenCalledTimes(1);
    expect(String(loadPdfMock.mock.calls[0]?.[0])).toMatch(new RegExp(`/blob/${capOf(SHA)}$`));
    expect(screen.getByTestId('attachment-viewer')).toHaveAccessibleName('附件预览：学历证书.pdf');
    expect(screen.getByTestId('pdf-page')).toHaveTextContent('第 1 / 3 页');
    expect(screen.getByTestId('zoom-percent')).toHaveTextContent('140%');
    expect(lastRender(doc)).toMatchObject({ page: 1, scale: 1.4 });
    expect(lastRender(doc)?.canvas).toBe(canvas);
  });

  it('turns pages with the buttons, the page box and PageUp/PageDown', async () => {
    const user = userEvent.setup();
    const { doc } = await openPdf();
    const prev = screen.getByRole('button', { name: '上一页' });
    const next = screen.getByRole('button', { name: '下一页' });
    expect(prev).toBeDisabled();
    await user.click(next);
    expect(screen.getByTestId('pdf-page')).toHaveTextContent('第 2 / 3 页');
    await waitFor(() => expect(lastRender(doc)?.page).toBe(2));
    await user.click(next);
    expect(screen.getByTestId('pdf-page')).toHaveTextContent('第 3 / 3 页');
    expect(next).toBeDisabled();

    const box = screen.getByRole('spinbutton', { name: '页码' });
    await user.clear(box);
    await user.type(box, '1');
    expect(screen.getByTestId('pdf-page')).toHaveTextContent('第 1 / 3 页');

    const stage = screen.getByLabelText(/PageUp\/PageDown/);
    stage.focus();
    await user.keyboard('{PageDown}{PageDown}{PageDown}');
    expect(screen.getByTestId('pdf-page')).toHaveTextContent('第 3 / 3 页');
    await user.keyboard('{PageUp}');
    expect(screen.getByTestId('pdf-page')).toHaveTextContent('第 2 / 3 页');
    await user.keyboard('{Home}');
    expect(screen.getByTestId('pdf-page')).toHaveTextContent('第 1 / 3 页');
    await user.keyboard('{End}');
    expect(screen.getByTestId('pdf-page')).toHaveTextContent('第 3 / 3 页');
    await waitFor(() => expect(lastRender(doc)?.page).toBe(3));
  });

  it('focuses the page so the keyboard works at once, and keeps the keys working at the last page', async () => {
    const user = userEvent.setup();
    await openPdf();
    const stage = screen.getByLabelText(/PageUp\/PageDown/);
    expect(document.activeElement).toBe(stage);
    const next = screen.getByRole('button', { name: '下一页' });
    await user.click(next);
    expect(document.activeElement).toBe(next);
    await user.click(next);
    // The focused button is now disabled: focus goes back to the page rather than to <body>.
    expect(next).toBeDisabled();
    expect(document.activeElement).toBe(stage);
    await user.keyboard('{PageUp}');
    expect(screen.getByTestId('pdf-page')).toHaveTextContent('第 2 / 3 页');
  });

  it('zooms in and out in steps, with + and -, and back to fit width', async () => {
    const user = userEvent.setup();
    const { doc } = await openPdf();
    const percent = screen.getByTestId('zoom-percent');
    await user.click(screen.getByRole('button', { name: '放大' }));
    expect(percent).toHaveTextContent('150%');
    await waitFor(() => expect(lastRender(doc)?.scale).toBe(1.5));
    await user.click(screen.getByRole('button', { name: '缩小' }));
    await user.click(screen.getByRole('button', { name: '缩小' }));
    expect(percent).toHaveTextContent('100%');
    screen.getByLabelText(/PageUp\/PageDown/).focus();
    await user.keyboard('+');
    expect(percent).toHaveTextContent('125%');
    await user.keyboard('-');
    expect(percent).toHaveTextContent('100%');
    const fit = screen.getByRole('button', { name: /适合宽度/ });
    expect(fit).toHaveAttribute('aria-pressed', 'false');
    await user.click(fit);
    expect(percent).toHaveTextContent('140%');
    expect(fit).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(lastRender(doc)?.scale).toBe(1.4));
  });

  it('searches all pages, counts hits, turns to each hit and marks it', async () => {
    const user = userEvent.setup();
    const { doc } = await openPdf();
    const box = screen.getByRole('textbox', { name: '搜索文本' });
    await user.type(box, 'packet');
    const status = screen.getByTestId('search-status');
    await waitFor(() => expect(status).toHaveTextContent('找到 1 / 3 处'));
    expect(screen.getByTestId('pdf-page')).toHaveTextContent('第 2 / 3 页');
    expect(screen.getAllByTestId('pdf-hit')).toHaveLength(1);
    await user.type(box, '{Enter}');
    expect(status).toHaveTextContent('找到 2 / 3 处');
    expect(screen.getByTestId('pdf-page')).toHaveTextContent('第 3 / 3 页');
    const hits = screen.getAllByTestId('pdf-hit');
    expect(hits).toHaveLength(2);
    expect(hits[0]).toHaveClass('current');
    expect(hits[1]).not.toHaveClass('current');
    await user.click(screen.getByRole('button', { name: '下一处' }));
    expect(status).toHaveTextContent('找到 3 / 3 处');
    await user.type(box, '{Enter}');
    expect(status).toHaveTextContent('找到 1 / 3 处');
    expect(screen.getByTestId('pdf-page')).toHaveTextContent('第 2 / 3 页');
    await user.type(box, '{Shift>}{Enter}{/Shift}');
    expect(status).toHaveTextContent('找到 3 / 3 处');
    expect(screen.getByTestId('pdf-page')).toHaveTextContent('第 3 / 3 页');
    await waitFor(() => expect(lastRender(doc)?.page).toBe(3));

    await user.clear(box);
    await user.type(box, 'nowhere{Enter}');
    await waitFor(() => expect(status).toHaveTextContent('未找到'));
    expect(screen.queryAllByTestId('pdf-hit')).toHaveLength(0);
    expect(screen.getByRole('button', { name: '下一处' })).toBeDisabled();
  });

  it('reads each page’s text once across searches', async () => {
    const user = userEvent.setup();
    const doc = fakeDoc();
    const spy = vi.spyOn(doc, 'pageText');
    await openPdf(doc);
    const box = screen.getByRole('textbox', { name: '搜索文本' });
    await user.type(box, 'packet{Enter}');
    await waitFor(() => expect(screen.getByTestId('search-status')).toHaveTextContent('找到'));
    await user.clear(box);
    await user.type(box, 'dossier{Enter}');
    await waitFor(() => expect(screen.getByTestId('search-status')).toHaveTextContent('找到 1 / 1 处'));
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('names the attachment when the file is missing or damaged', async () => {
    loadPdfMock.mockRejectedValue(new PdfLoadError('missing', 'HTTP 404'));
    const { unmount } = renderWithI18n(<AttachmentViewer dossierId="D001" attachment={PDF} />);
    const alert = await screen.findByTestId('viewer-error');
    expect(alert).toHaveTextContent('无法打开附件「学历证书.pdf」');
    expect(alert).toHaveTextContent('找不到该文件');
    unmount();

    loadPdfMock.mockRejectedValue(new PdfLoadError('invalid', 'Invalid PDF structure'));
    renderWithI18n(<AttachmentViewer dossierId="D001" attachment={PDF} />, 'en-US');
    const en = await screen.findByTestId('viewer-error');
    expect(en).toHaveTextContent('Cannot open attachment “学历证书.pdf”');
    expect(en).toHaveTextContent('The file is damaged or is not a valid PDF.');
  });

  it('shows a page that fails to draw as an error, and the next page still draws', async () => {
    const user = userEvent.setup();
    const doc = fakeDoc();
    const render = doc.renderPage.bind(doc);
    doc.renderPage = async (page, canvas, scale) => {
      if (page === 2) throw new Error('broken page');
      return render(page, canvas, scale);
    };
    await openPdf(doc);
    await user.click(screen.getByRole('button', { name: '下一页' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('第 2 页无法显示。');
    await user.click(screen.getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(lastRender(doc)?.page).toBe(3));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says on the page itself when pdf.js left part of it out, in both languages', async () => {
    const user = userEvent.setup();
    const doc = fakeDoc();
    const checked: number[] = [];
    doc.pageIntegrity = async (n) => {
      checked.push(n);
      return n === 2 ? 'partial' : 'complete';
    };
    await openPdf(doc);
    await waitFor(() => expect(checked).toContain(1));
    expect(screen.queryByTestId('pdf-partial')).toBeNull();
    await user.click(screen.getByRole('button', { name: '下一页' }));
    expect(await screen.findByTestId('pdf-partial')).toHaveTextContent('第 2 页有部分内容无法显示');
    // The page is still drawn under the warning.
    expect(screen.getByTestId('pdf-canvas')).toHaveAttribute('data-rendered-page', '2');
    await user.click(screen.getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(lastRender(doc)?.page).toBe(3));
    expect(screen.queryByTestId('pdf-partial')).toBeNull();
    cleanup();

    const en = fakeDoc();
    en.pageIntegrity = async () => 'partial';
    await openPdf(en, 'en-US');
    expect(await screen.findByTestId('pdf-partial')).toHaveTextContent('Part of page 1 could not be displayed');
  });

  it('shows a loading state, and destroys the document when closed', async () => {
    let resolve!: (d: PdfDocument) => void;
    loadPdfMock.mockReturnValue(new Promise((r) => (resolve = r)));
    const { unmount } = renderWithI18n(<AttachmentViewer dossierId="D001" attachment={PDF} />);
    expect(await screen.findByRole('status')).toHaveTextContent('正在打开附件…');
    const doc = fakeDoc();
    await act(async () => resolve(doc));
    await screen.findByTestId('pdf-canvas');
    expect(doc.destroyed).toBe(false);
    unmount();
    expect(doc.destroyed).toBe(true);
  });

  it('translates its labels', async () => {
    await openPdf(fakeDoc(), 'en-US');
    expect(screen.getByTestId('pdf-page')).toHaveTextContent('Page 1 / 3');
    for (const name of ['Previous page', 'Next page', 'Zoom in', 'Zoom out', 'Previous match', 'Next match']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
    expect(screen.getByRole('textbox', { name: 'Search text' })).toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: 'Page number' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Page 1' })).toBe(screen.getByTestId('pdf-canvas'));
  });

  it('never loads a hash that is not a SHA-256', async () => {
    renderWithI18n(<AttachmentViewer dossierId="D001" attachment={{ ...PDF, sha256: '../../secrets' }} />);
    expect(await screen.findByTestId('viewer-error')).toHaveTextContent('无法打开附件「学历证书.pdf」');
    expect(loadPdfMock).not.toHaveBeenCalled();
    expect(fake.calls).toEqual([]);
  });

  it('asks the backend for a capability for this dossier and session, and loads only that URL', async () => {
    await openPdf();
    expect(fake.calls).toEqual([{ method: 'openAttachment', input: { sessionId: 'S1', dossierId: 'D001', sha256: SHA } }]);
    expect(String(loadPdfMock.mock.calls[0]?.[0])).toMatch(new RegExp(`/blob/${capOf(SHA)}$`));
  });

  it('shows the backend\'s refusal in the user\'s language and loads nothing', async () => {
    installFakeApi({ openAttachment: () => ({ ok: false, error: { code: 'DOSSIER_FORBIDDEN', message: 'recused', details: { reason: 'recused' } } }) });
    renderWithI18n(<AttachmentViewer dossierId="D001" attachment={PDF} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveAttribute('data-error-code', 'DOSSIER_FORBIDDEN');
    expect(alert).toHaveTextContent('无法打开附件「学历证书.pdf」');
    expect(alert).toHaveTextContent('您无权查看该材料或其附件');
    expect(loadPdfMock).not.toHaveBeenCalled();
  });
});

describe('AttachmentViewer: images and others', () => {
  it('shows a PNG from the blob store, shrunk to fit when large, and zooms', async () => {
    const user = userEvent.setup();
    renderWithI18n(<AttachmentViewer dossierId="D001" attachment={PNG} />);
    // Hidden (so not yet an accessible image) until it has loaded.
    const img = await screen.findByTestId('image-view');
    expect(img).toHaveAttribute('alt', '附件图片：获奖证书.png');
    expect(img.getAttribute('src')).toMatch(new RegExp(`/blob/${capOf(PNG.sha256)}$`));
    Object.defineProperty(img, 'naturalWidth', { value: 2100 });
    Object.defineProperty(img, 'naturalHeight', { value: 1400 });
    fireEvent.load(img);
    expect(screen.getByRole('img', { name: '附件图片：获奖证书.png' })).toBe(img);
    expect(screen.getByTestId('zoom-percent')).toHaveTextContent('40%');
    expect(img.style.width).toBe('840px');
    await user.click(screen.getByRole('button', { name: '放大' }));
    expect(screen.getByTestId('zoom-percent')).toHaveTextContent('50%');
    expect(img.style.width).toBe('1050px');
    expect(img.style.height).toBe('700px');
    expect(loadPdfMock).not.toHaveBeenCalled();
  });

  it('keeps a small image at 100%', async () => {
    renderWithI18n(<AttachmentViewer dossierId="D001" attachment={PNG} />);
    const img = await screen.findByTestId('image-view');
    Object.defineProperty(img, 'naturalWidth', { value: 200 });
    Object.defineProperty(img, 'naturalHeight', { value: 140 });
    fireEvent.load(img);
    expect(screen.getByTestId('zoom-percent')).toHaveTextContent('100%');
    expect(img.style.width).toBe('200px');
  });

  it('names the image when it cannot be loaded', async () => {
    renderWithI18n(<AttachmentViewer dossierId="D001" attachment={PNG} />);
    fireEvent.error(await screen.findByTestId('image-view'));
    expect(screen.getByTestId('viewer-error')).toHaveTextContent('无法打开附件「获奖证书.png」');
  });

  it('says when a type cannot be previewed', () => {
    renderWithI18n(<AttachmentViewer dossierId="D001" attachment={{ ...PNG, name: 'a.svg', mediaType: 'image/svg+xml' }} />);
    expect(screen.getByText('不支持预览此类型的文件（image/svg+xml）。')).toBeInTheDocument();
    expect(screen.queryByTestId('image-view')).toBeNull();
  });

  it('offers a close button when it stands alone', async () => {
    const onClose = vi.fn();
    renderWithI18n(<AttachmentViewer dossierId="D001" attachment={PNG} onClose={onClose} />);
    await userEvent.setup().click(screen.getByRole('button', { name: '关闭预览' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('DossierDetailView: viewing attachments', () => {
  it('opens the viewer from an attachment row', async () => {
    const user = userEvent.setup();
    loadPdfMock.mockResolvedValue(fakeDoc());
    renderWithI18n(<DossierDetailView d={DETAIL} />);
    const list = screen.getByTestId('attachment-list');
    expect(screen.queryByTestId('attachment-viewer')).toBeNull();
    await user.click(within(list).getByRole('button', { name: '查看附件「业绩证明.pdf」' }));
    const viewer = await screen.findByTestId('attachment-viewer');
    expect(within(screen.getByRole('dialog')).getByText('业绩证明.pdf')).toBeInTheDocument();
    await within(viewer).findByTestId('pdf-canvas');
    expect(String(loadPdfMock.mock.calls[0]?.[0])).toMatch(new RegExp(`/blob/${capOf('b'.repeat(64))}$`));
    expect(fake.calls.map((c) => c.input)).toEqual([{ sessionId: 'S1', dossierId: DETAIL.id, sha256: 'b'.repeat(64) }]);
    expect(screen.getByTestId('dossier-detail')).toBeInTheDocument();
  });
});
