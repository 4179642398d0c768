// The worker of the document that checks pages (pdf-loader's pageIntegrity): pdf.js's own worker code,
// with its warnings forwarded. pdf.js 5 reports what it leaves out of a page (a stream it cannot decode,
// an image, a font file) only as console warnings in its worker, never to the page: here each becomes a
// message the page can count. pdf.js ignores messages without its own fields.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  dispatchEvent(e: Event): boolean;
}
const scope = globalThis as unknown as WorkerScope;

// pdf.js's first messages arrive while its code is still loading, when nothing listens: keep, then replay.
const early: unknown[] = [];
const keep = (e: MessageEvent) => early.push(e.data);
scope.addEventListener('message', keep);

const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  const text = args.map(String).join(' ');
  if (text.startsWith('Warning:')) scope.postMessage({ paneldeskPdfWarning: text.slice(0, 300) });
  else warn(...args);
};

// A promise, not top-level await: the worker is built as a classic script.
void import(/* @vite-ignore */ workerUrl).then(() => {
  scope.removeEventListener('message', keep);
  for (const data of early) scope.dispatchEvent(new MessageEvent('message', { data }));
});
