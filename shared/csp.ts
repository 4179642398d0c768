// The one Content-Security-Policy: Electron's app:// handler and the browser test host send it as a header,
// the renderer's index.html carries it as a <meta> (written by vite.renderer.config.ts), and the e2e tests check it.
// No 'unsafe-inline', no 'unsafe-eval': antd's styles are extracted at build time, pdf.js runs without eval.
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'"]],
  ['style-src', ["'self'"]],
  // data: for antd's inline icons, blob: for pdf.js and image previews; attachments come from 'self' (blob/<capability>).
  ['img-src', ["'self'", 'data:', 'blob:']],
  ['font-src', ["'self'"]],
  ['worker-src', ["'self'", 'blob:']],
  ['connect-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
];

/** Directives a <meta> element cannot carry (Chromium ignores them there, with a console error). */
const HEADER_ONLY = new Set(['frame-ancestors', 'sandbox', 'report-uri']);

const serialize = (ds: typeof CSP_DIRECTIVES): string => ds.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');

/** The policy as an HTTP header. */
export const CONTENT_SECURITY_POLICY = serialize(CSP_DIRECTIVES);
/** The same policy for index.html's <meta http-equiv>: header-only directives left out. */
export const CONTENT_SECURITY_POLICY_META = serialize(CSP_DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name)));
/** The placeholder in renderer/index.html that the build replaces with CONTENT_SECURITY_POLICY_META. */
export const CSP_META_PLACEHOLDER = '%PANELDESK_CSP%';

/** index.html with the policy in its <meta>; throws when the placeholder is missing, so a build never ships without it. */
export function withCspMeta(html: string): string {
  if (!html.includes(CSP_META_PLACEHOLDER)) throw new Error(`index.html has no ${CSP_META_PLACEHOLDER} placeholder for the CSP`);
  return html.split(CSP_META_PLACEHOLDER).join(CONTENT_SECURITY_POLICY_META);
}
