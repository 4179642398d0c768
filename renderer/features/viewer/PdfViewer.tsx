import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Button, InputNumber, Spin, type InputRef } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { OpenFailed } from './OpenFailed';
import { loadPdf, PdfLoadError, type PdfDocument, type PdfFailure } from './pdf-loader';
import { PdfSearch, usePdfSearch } from './PdfSearch';
import { matchBoxes, type Measure } from './search';
import { isTyping, useKeepFocus, useStageWidth, useZoom, zoomKey } from './viewer-hooks';
import { ZoomControls } from './ZoomControls';

/** Text widths from a 2D context, where there is one (not in jsdom). */
function createMeasure(): Measure | undefined {
  if (typeof OffscreenCanvas === 'undefined') return undefined;
  const ctx = new OffscreenCanvas(1, 1).getContext('2d');
  if (!ctx) return undefined;
  return (text, family) => {
    ctx.font = `100px ${family}`;
    return ctx.measureText(text).width;
  };
}

type LoadState = { status: 'loading' } | { status: 'ready'; doc: PdfDocument } | { status: 'failed'; reason: PdfFailure };

/** Opens the PDF at `url` (a blob URL from attachmentUrl) and shows it, or says why it cannot. */
export function PdfViewer({ url, name }: { url: string; name: string }) {
  const { t } = useTranslation();
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });

  useEffect(() => {
    const ac = new AbortController();
    let opened: PdfDocument | null = null;
    loadPdf(url, ac.signal).then(
      (doc) => {
        if (ac.signal.aborted) void doc.destroy();
        else {
          opened = doc;
          setLoad({ status: 'ready', doc });
        }
      },
      (err: unknown) => {
        if (!ac.signal.aborted) setLoad({ status: 'failed', reason: err instanceof PdfLoadError ? err.reason : 'other' });
      },
    );
    return () => {
      ac.abort();
      void opened?.destroy();
    };
  }, [url]);

  if (load.status === 'failed') return <OpenFailed name={name} reason={load.reason} />;
  if (load.status === 'loading') {
    return (
      <div className="viewer-loading" role="status">
        <Spin />
        <span>{t('viewer.loading')}</span>
      </div>
    );
  }
  return <PdfPages doc={load.doc} />;
}

interface PageSize {
  page: number;
  width: number;
  height: number;
}

/** One page at a time on a canvas, with page navigation, zoom and text search. */
export function PdfPages({ doc }: { doc: PdfDocument }) {
  const { t } = useTranslation();
  const pages = doc.numPages;
  const [page, setPage] = useState(1);
  const [size, setSize] = useState<PageSize | null>(null);
  const [rendered, setRendered] = useState(0);
  const [failedPage, setFailedPage] = useState(0);
  // Pages pdf.js drew with something left out (checked after each draw; see pdf-loader's pageIntegrity).
  const [partialPages, setPartialPages] = useState<ReadonlySet<number>>(new Set());
  const [checked, setChecked] = useState(0);
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const searchRef = useRef<InputRef>(null);
  const stageWidth = useStageWidth(stageRef);
  const zoom = useZoom('fit', stageWidth, size?.width ?? 0);
  const scale = zoom.scale;
  const search = usePdfSearch(doc, page, setPage);
  const sized = size?.page === page;
  const measure = useMemo(() => createMeasure(), []);
  useKeepFocus(stageRef, `${page}@${scale}`);

  const go = (n: number) => setPage(Math.min(pages, Math.max(1, Math.round(n))));

  useEffect(() => {
    stageRef.current?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    let live = true;
    doc.pageSize(page).then(
      (s) => live && setSize({ page, ...s }),
      () => live && setFailedPage(page),
    );
    if (stageRef.current) stageRef.current.scrollTop = 0;
    return () => {
      live = false;
    };
  }, [doc, page]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!sized || !canvas) return;
    const ac = new AbortController();
    doc.renderPage(page, canvas, scale, ac.signal).then(
      () => {
        if (ac.signal.aborted) return;
        setRendered(page);
        void doc.pageIntegrity(page).then((r) => {
          if (r === 'partial') setPartialPages((s) => (s.has(page) ? s : new Set(s).add(page)));
          setChecked(page);
        });
      },
      () => !ac.signal.aborted && setFailedPage(page),
    );
    return () => ac.abort();
  }, [doc, page, scale, sized]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const typing = isTyping(e.target);
    if (e.key === 'PageDown') go(page + 1);
    else if (e.key === 'PageUp') go(page - 1);
    else if (e.key === 'Home' && !typing) go(1);
    else if (e.key === 'End' && !typing) go(pages);
    else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') searchRef.current?.focus();
    else if (!zoomKey(e, zoom)) return;
    e.preventDefault();
  };

  const pageText = search.result?.texts[page - 1];
  const hits = pageText
    ? search.result!.matches.flatMap((m, i) =>
        m.page === page ? matchBoxes(pageText, m, scale, measure).map((b) => ({ ...b, current: i === search.current })) : [],
      )
    : [];

  return (
    <div className="viewer-body" onKeyDown={onKeyDown}>
      <div className="viewer-toolbar" role="toolbar" aria-label={t('viewer.toolbar')}>
        <div className="viewer-group">
          <Button icon={<LeftOutlined />} aria-label={t('viewer.prevPage')} title={t('viewer.prevPage')} disabled={page <= 1} onClick={() => go(page - 1)} />
          <InputNumber
            size="middle"
            min={1}
            max={pages}
            value={page}
            precision={0}
            controls={false}
            className="viewer-page-input"
            aria-label={t('viewer.pageNumber')}
            onChange={(v) => typeof v === 'number' && go(v)}
          />
          <span data-testid="pdf-page" className="viewer-status" aria-live="polite">
            {t('viewer.pageOf', { page, pages })}
          </span>
          <Button icon={<RightOutlined />} aria-label={t('viewer.nextPage')} title={t('viewer.nextPage')} disabled={page >= pages} onClick={() => go(page + 1)} />
        </div>
        <ZoomControls zoom={zoom} />
        <PdfSearch search={search} inputRef={searchRef} />
      </div>
      <div className="viewer-stage" ref={stageRef} tabIndex={0} aria-label={t('viewer.stage')}>
        {failedPage === page ? (
          <Alert type="error" showIcon role="alert" title={t('viewer.renderFailed', { page })} />
        ) : (
          <>
            {partialPages.has(page) ? <Alert type="warning" showIcon data-testid="pdf-partial" className="viewer-partial" title={t('viewer.partialPage', { page })} /> : null}
            <div className="viewer-page">
              <canvas
                ref={canvasRef}
                data-testid="pdf-canvas"
                data-rendered-page={rendered || undefined}
                data-checked-page={checked || undefined}
                role="img"
                aria-label={t('viewer.pageImage', { page })}
              />
              {hits.map((b, i) => (
                <div
                  key={i}
                  className={b.current ? 'viewer-hit current' : 'viewer-hit'}
                  data-testid="pdf-hit"
                  style={{ left: b.left, top: b.top, width: b.width, height: b.height }}
                />
              ))}
            </div>
          </>
        )}
      </div>
    </div>
  );
}
