// Window and session hardening: CSP, navigation, popups, webviews, permissions, IPC senders.
import type { BrowserWindow, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from '../../shared/ipc';

/** The one policy for every document served from app:// (defined once in shared/csp.ts). */
export { CONTENT_SECURITY_POLICY } from '../../shared/csp';

/** The origin the renderer is served from: app://paneldesk. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True for URLs on our own app:// origin (Node's URL gives custom schemes an opaque origin, so compare parts). */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

/** Navigation stays on app://paneldesk; popups and <webview> never happen. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** The app needs no camera, geolocation, notifications, clipboard reads…: every request is refused. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

/** Only our main window's top frame, showing app://paneldesk, may call the backend. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, mainWindow: BrowserWindow | null): boolean {
  if (!mainWindow || mainWindow.isDestroyed()) return false;
  const contents = mainWindow.webContents;
  if (event.sender !== contents) return false;
  const frame = event.senderFrame;
  const main = contents.mainFrame;
  if (!frame || !main || frame.parent !== null) return false;
  if (frame !== main && (frame.processId !== main.processId || frame.routingId !== main.routingId)) return false;
  return isAppUrl(frame.url);
}
