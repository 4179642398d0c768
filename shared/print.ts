// The print pipeline's shared part: which print views exist, how a host opens one, what it may call,
// and the page header/footer both hosts hand to Chromium (Electron printToPDF, headless page.pdf()).
// No zod here: the renderer imports this, and building a zod object probes eval (a CSP report).
import type { MethodName } from './contract';

export const PRINT_VIEWS = ['audit-log', 'meeting-minutes', 'tally-sheet', 'notice-list', 'paper-ballots', 'score-sheets', 'examiner-findings'] as const;
export type PrintView = (typeof PRINT_VIEWS)[number];

export interface PrintRequest {
  view: PrintView;
  /** Flat string parameters of the view (filters, session id), carried in the URL fragment. */
  params: Record<string, string>;
  /** The file name the save dialog proposes (bare name, .pdf). */
  suggestedName: string;
}


/** The only contract methods a print window may call: it reads, it never changes anything. */
export const PRINT_METHODS: readonly MethodName[] = [
  'getPrefs',
  'getAppInfo',
  'getPrincipal',
  'getOverview',
  'listSessions',
  'listAuditEvents',
  'checkAuditAnchors',
  // the meeting prints (issue 9 item 6): reads only
  'getMeeting',
  'getMeetingResults',
  'listIdentities',
  'listPrintDossiers',
  'listScoreSheetsForPrint',
  'getNoticeHolidays',
  // the examiner's findings report (issue 11): reads only
  'getFindingsStatement',
  'getExaminerAnalysis',
];

/** The fragment the renderer's entry recognises as a print view: #print/<view>?<params>. */
export const PRINT_HASH_PREFIX = '#print/';

// shared/ has no DOM types (no URLSearchParams): plain percent-encoding.
function encodeParams(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

function decodeParams(q: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of q.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    try {
      out[decodeURIComponent(eq < 0 ? part : part.slice(0, eq))] = decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1));
    } catch {
      // A malformed escape is dropped, not fatal: the view validates what it needs.
    }
  }
  return out;
}

export function printHash(view: PrintView, params: Record<string, string>): string {
  const q = encodeParams(params);
  return `${PRINT_HASH_PREFIX}${view}${q ? `?${q}` : ''}`;
}

export function parsePrintHash(hash: string): { view: PrintView; params: Record<string, string> } | null {
  if (!hash.startsWith(PRINT_HASH_PREFIX)) return null;
  const rest = hash.slice(PRINT_HASH_PREFIX.length);
  const q = rest.indexOf('?');
  const view = q < 0 ? rest : rest.slice(0, q);
  if (!(PRINT_VIEWS as readonly string[]).includes(view)) return null;
  const params = decodeParams(q < 0 ? '' : rest.slice(q + 1));
  return { view: view as PrintView, params };
}

/**
 * What the print view puts on <html> when it has rendered: the host waits for `ready` (or `error`, a
 * code), then prints with `header` (committee · session · meeting date) and `footer` (the short hash).
 */
export const PRINT_ATTR = { ready: 'data-print-ready', error: 'data-print-error', header: 'data-print-header', footer: 'data-print-footer' } as const;

/** A4 margins in inches (Electron's unit; Playwright takes the same as strings with "in"). */
export const PRINT_MARGINS_IN = { top: 0.75, bottom: 0.7, left: 0.6, right: 0.6 } as const;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Chromium's header/footer templates: the header text, and "X / Y" with the short hash on every page. */
export function pageTemplates(header: string, footer: string): { headerTemplate: string; footerTemplate: string } {
  const style = 'font-size:8pt;width:100%;box-sizing:border-box;padding:0 0.6in;color:#222;font-family:"WenQuanYi Zen Hei","Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;';
  return {
    headerTemplate: `<div style="${style}display:flex;justify-content:space-between;"><span>${escapeHtml(header)}</span></div>`,
    footerTemplate: `<div style="${style}display:flex;justify-content:space-between;"><span>${escapeHtml(footer)}</span><span style="margin-left:2em;"><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
  };
}
