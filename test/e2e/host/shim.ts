// The browser test host's window.api: the same shape as the preload's, over HTTP with the run's token.
import { METHOD_NAMES } from '../../../shared/contract';

/** Source of a classic script that defines window.api before the app's module runs. */
export function shimSource(): string {
  return `(() => {
  'use strict';
  const token = new URLSearchParams(location.search).get('token') || sessionStorage.getItem('paneldesk-token') || '';
  sessionStorage.setItem('paneldesk-token', token);
  const headers = { 'content-type': 'application/json', 'x-paneldesk-token': token };
  const post = (path, body) => fetch(path, { method: 'POST', headers, body: JSON.stringify(body) }).then((r) => r.json());
  // Like the preload: a dialog that fails counts as cancelled.
  const pick = (action, body) => post('/__paneldesk/shell/' + action, body).then((r) => (typeof r.path === 'string' ? r.path : null), () => null);
  const listeners = new Set();
  const events = new EventSource('/__paneldesk/events?token=' + encodeURIComponent(token));
  events.onmessage = (m) => { const e = JSON.parse(m.data); listeners.forEach((l) => l(e)); };
  const api = {};
  for (const name of ${JSON.stringify(METHOD_NAMES)}) {
    api[name] = (input) => post('/__paneldesk/invoke', { method: name, input: input === undefined ? {} : input });
  }
  api.onEvent = (listener) => { listeners.add(listener); return () => listeners.delete(listener); };
  api.shell = {
    pickBundle: () => pick('pickBundle', {}),
    pickExcel: () => pick('pickExcel', {}),
    pickSavePath: (name) => pick('pickSavePath', { name }),
    pathForFile: (file) =>
      fetch('/__paneldesk/shell/upload?name=' + encodeURIComponent(file.name), { method: 'POST', headers: { 'x-paneldesk-token': token }, body: file })
        .then((r) => r.json()).then((r) => r.path),
    printToPdf: (request) =>
      post('/__paneldesk/shell/printToPdf', request).then(
        (r) => (r && typeof r.ok === 'boolean' ? r : { ok: false, error: { code: 'PRINT_FAILED', message: 'no answer' } }),
        (e) => ({ ok: false, error: { code: 'PRINT_FAILED', message: String(e) } }),
      ),
  };
  Object.freeze(api.shell);
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false, configurable: false });
})();
`;
}
