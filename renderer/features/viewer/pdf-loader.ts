// The only module that touches pdf.js: a small interface the viewer uses (and tests replace).
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type * as PdfJsModule from 'pdfjs-dist';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import { BundledBinaryData } from './pdf-data';
import { fetchPdfBytes } from './pdf-bytes';
import { PdfLoadError, type PdfFailure } from './pdf-errors';
import type { PageText, TextSpan } from './search';

export interface PdfDocument {
  readonly numPages: number;
  /** Page size in CSS pixels at scale 1 (rotation applied). */
  pageSize(n: number): Promise<{ width: number; height: number }>;
  /** Draws page `n` (1-based) into `canvas`; rejects when `signal` aborts it. */
  renderPage(n: number, canvas: HTMLCanvasElement, scale: number, signal?: AbortSignal): Promise<void>;
  pageText(n: number): Promise<PageText>;
  /**
   * Whether pdf.js had to leave something out of page `n` (a broken stream, an undecodable image, a font
   * file it could not read): 'partial' then, 'complete' if not, 'unknown' if it cannot tell.
   */
  pageIntegrity(n: number): Promise<PageIntegrity>;
  destroy(): Promise<void>;
}

export type PageIntegrity = 'complete' | 'partial' | 'unknown';

export { PdfLoadError, type PdfFailure } from './pdf-errors';

/** Keep one canvas under this many pixels: a zoomed page on a HiDPI screen can exceed GPU limits. */
const MAX_CANVAS_PIXELS = 16_777_216;
/** Width in pixels of the off-screen drawing that checks a page (only whether it fails matters). */
const PROBE_WIDTH = 64;

function failureOf(err: unknown): PdfFailure {
  const e = err as { name?: string; status?: number; missing?: boolean };
  if (e?.name === 'ResponseException') return e.missing || e.status === 404 ? 'missing' : 'other';
  if (e?.name === 'InvalidPDFException' || e?.name === 'FormatError') return 'invalid';
  if (e?.name === 'PasswordException') return 'password';
  return 'other';
}

export async function loadPdf(url: string, signal?: AbortSignal): Promise<PdfDocument> {
  // pdf.js is large: load it only when a PDF is opened.
  const pdfjs = await import('pdfjs-dist');
  if (signal?.aborted) throw new PdfLoadError('other', 'aborted');
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  // The bytes first, checked to start as a PDF: pdf.js never sees (and never "repairs") anything else.
  const data = await fetchPdfBytes(url, signal);
  if (signal?.aborted) throw new PdfLoadError('other', 'aborted');
  const probeBytes = data.slice();
  const options: ProbeOptions = {
    // No new Function(): the CSP has no 'unsafe-eval'.
    isEvalSupported: false,
    // Fonts, CMaps and decoders come from the bundle through the main thread, never a URL the worker fetches.
    BinaryDataFactory: BundledBinaryData,
    useWorkerFetch: false,
    enableXfa: false,
  };
  const task: PDFDocumentLoadingTask = pdfjs.getDocument({ data, ...options, verbosity: pdfjs.VerbosityLevel.ERRORS });
  const probe = pageProbe(pdfjs, probeBytes, options);
  const onAbort = () => void task.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (err) {
    void task.destroy();
    throw new PdfLoadError(failureOf(err), err instanceof Error ? err.message : String(err));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }

  return {
    numPages: doc.numPages,

    async pageSize(n) {
      const vp = (await doc.getPage(n)).getViewport({ scale: 1 });
      return { width: vp.width, height: vp.height };
    },

    async renderPage(n, canvas, scale, renderSignal) {
      const page = await doc.getPage(n);
      renderSignal?.throwIfAborted();
      const viewport = page.getViewport({ scale });
      const dpr = window.devicePixelRatio || 1;
      const ratio = Math.min(dpr, Math.sqrt(MAX_CANVAS_PIXELS / (viewport.width * viewport.height)));
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      // CSSOM, not a style attribute in markup: allowed under style-src 'self'.
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      const render = page.render({
        canvas,
        viewport,
        transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
      });
      const cancel = () => render.cancel();
      renderSignal?.addEventListener('abort', cancel, { once: true });
      try {
        await render.promise;
      } finally {
        renderSignal?.removeEventListener('abort', cancel);
      }
    },

    async pageText(n) {
      const page = await doc.getPage(n);
      const vp = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      let text = '';
      const spans: TextSpan[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const tx = pdfjs.Util.transform(vp.transform, item.transform) as number[];
        const height = Math.hypot(tx[2] ?? 0, tx[3] ?? 0);
        spans.push({
          start: text.length,
          end: text.length + item.str.length,
          left: tx[4] ?? 0,
          top: (tx[5] ?? 0) - height,
          width: item.width,
          height,
          font: content.styles[item.fontName]?.fontFamily ?? 'sans-serif',
        });
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      return { text, spans };
    },

    pageIntegrity: (n) => probe.check(n),

    async destroy() {
      await Promise.all([task.destroy(), probe.destroy()]);
    },
  };
}

type PdfJs = typeof PdfJsModule;
type ProbeOptions = { isEvalSupported: boolean; BinaryDataFactory: typeof BundledBinaryData; useWorkerFetch: boolean; enableXfa: boolean };

/**
 * pdf.js 5 reports content it leaves out only as console warnings in its worker (onUnsupportedFeature
 * is gone, and stopAtErrors does not reject a render once drawing has begun). So a second document over
 * the same bytes, in its own worker that forwards its warnings (pdf-probe-worker.ts), draws each page
 * off screen, one page at a time: a warning during that drawing means the page shown lacks something.
 * It is opened only when the first page is checked.
 */
function pageProbe(pdfjs: PdfJs, bytes: Uint8Array, options: ProbeOptions) {
  let opened: { task: PDFDocumentLoadingTask; worker: Worker; pdfWorker: InstanceType<PdfJs['PDFWorker']> } | null = null;
  let warnings = 0;
  const known = new Map<number, Promise<PageIntegrity>>();
  let queue: Promise<unknown> = Promise.resolve();

  const open = () => {
    if (opened) return opened;
    const worker = new Worker(new URL('./pdf-probe-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (e: MessageEvent) => {
      if (typeof (e.data as { paneldeskPdfWarning?: unknown } | null)?.paneldeskPdfWarning === 'string') warnings++;
    });
    // pdf.js takes a Worker as its port (its typings say null only).
    const pdfWorker = new pdfjs.PDFWorker({ port: worker as unknown as null, verbosity: pdfjs.VerbosityLevel.WARNINGS });
    opened = { worker, pdfWorker, task: pdfjs.getDocument({ ...options, data: bytes, worker: pdfWorker, verbosity: pdfjs.VerbosityLevel.WARNINGS }) };
    return opened;
  };

  const draw = async (n: number): Promise<PageIntegrity> => {
    let doc: PDFDocumentProxy;
    try {
      doc = await open().task.promise;
    } catch {
      return 'unknown';
    }
    const before = warnings;
    try {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: PROBE_WIDTH / Math.max(1, page.getViewport({ scale: 1 }).width) });
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.ceil(viewport.width));
      canvas.height = Math.max(1, Math.ceil(viewport.height));
      await page.render({ canvas, viewport }).promise;
    } catch {
      return 'partial';
    }
    return warnings > before ? 'partial' : 'complete';
  };

  return {
    check(n: number): Promise<PageIntegrity> {
      let result = known.get(n);
      if (!result) {
        // One page at a time, so each warning belongs to the page being drawn.
        result = queue.then(() => draw(n));
        queue = result;
        known.set(n, result);
      }
      return result;
    },
    async destroy() {
      if (!opened) return;
      await opened.task.destroy();
      opened.pdfWorker.destroy();
      opened.worker.terminate();
    },
  };
}
