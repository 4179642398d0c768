import type { BrowserWindow, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  isTrustedSender,
} from '../../../electron/main/security';
import { FakeBrowserWindow, FakeFrame, FakeWebContents, fakeEvent } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron());

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('Content-Security-Policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('allows neither inline code nor eval anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-hashes|wasm-unsafe-eval|strict-dynamic/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/(^|\s)\*(\s|;|$)/);
  });

  it('has exactly the expected directives', () => {
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'"],
      'worker-src': ["'self'", 'blob:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"],
    });
  });
});

describe('isAppUrl', () => {
  it.each([
    ['app://paneldesk/index.html', true],
    ['app://paneldesk/', true],
    ['app://evil/index.html', false],
    ['app://paneldesk.evil/index.html', false],
    ['app://user@paneldesk/', false],
    ['https://paneldesk/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('hardenWebContents', () => {
  function hardened(): FakeWebContents {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents);
    return contents;
  }

  it.each(['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://evil/index.html', 'data:text/html,hi'])(
    'prevents navigation to %s',
    (url) => {
      const contents = hardened();
      const event = fakeEvent({ url });
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault).toHaveBeenCalled();
      const redirect = fakeEvent({ url });
      contents.emit('will-redirect', redirect, url);
      expect(redirect.preventDefault).toHaveBeenCalled();
    },
  );

  it('allows navigation within app://paneldesk', () => {
    const contents = hardened();
    const event = fakeEvent({ url: `${APP_ORIGIN}/index.html#/sessions` });
    contents.emit('will-navigate', event, event.url);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every window.open, even to our own origin', () => {
    const contents = hardened();
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    for (const url of ['https://example.com/', `${APP_ORIGIN}/index.html`, 'about:blank']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('prevents attaching a <webview>', () => {
    const contents = hardened();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, { nodeIntegration: true }, { src: 'https://example.com/' });
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('hardenSession', () => {
  it('refuses every permission request and check', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    hardenSession(session as unknown as Session);
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      wc: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (wc: unknown, permission: string, origin: string) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check({}, permission, APP_ORIGIN)).toBe(false);
    }
  });
});

describe('isTrustedSender', () => {
  function setup(url = `${APP_ORIGIN}/index.html`) {
    const win = new FakeBrowserWindow();
    win.webContents.mainFrame.url = url;
    const asWindow = win as unknown as BrowserWindow;
    const eventFrom = (sender: unknown, senderFrame: unknown) =>
      ({ sender, senderFrame }) as unknown as Parameters<typeof isTrustedSender>[0];
    return { win, asWindow, eventFrom };
  }

  it("accepts the main window's top frame on app://paneldesk", () => {
    const { win, asWindow, eventFrom } = setup();
    expect(isTrustedSender(eventFrom(win.webContents, win.webContents.mainFrame), asWindow)).toBe(true);
    // Another wrapper of the same frame (same process and routing id) is the same frame.
    const twin = new FakeFrame(win.webContents.mainFrame.url);
    expect(isTrustedSender(eventFrom(win.webContents, twin), asWindow)).toBe(true);
  });

  it('rejects a subframe of the main window', () => {
    const { win, asWindow, eventFrom } = setup();
    const child = new FakeFrame(`${APP_ORIGIN}/index.html`, win.webContents.mainFrame, 7, 2);
    expect(isTrustedSender(eventFrom(win.webContents, child), asWindow)).toBe(false);
  });

  it('rejects a different frame in the same contents', () => {
    const { win, asWindow, eventFrom } = setup();
    expect(isTrustedSender(eventFrom(win.webContents, new FakeFrame(`${APP_ORIGIN}/`, null, 7, 99)), asWindow)).toBe(false);
    expect(isTrustedSender(eventFrom(win.webContents, new FakeFrame(`${APP_ORIGIN}/`, null, 8, 1)), asWindow)).toBe(false);
  });

  it('rejects other web contents', () => {
    const { win, asWindow, eventFrom } = setup();
    const other = new FakeWebContents();
    expect(isTrustedSender(eventFrom(other, other.mainFrame), asWindow)).toBe(false);
    expect(win).toBeDefined();
  });

  it.each(['https://evil.example/', 'app://evil/index.html', 'file:///tmp/x.html', 'about:blank'])('rejects the main frame showing %s', (url) => {
    const { win, asWindow, eventFrom } = setup(url);
    expect(isTrustedSender(eventFrom(win.webContents, win.webContents.mainFrame), asWindow)).toBe(false);
  });

  it('rejects a missing frame, a missing window and a destroyed window', () => {
    const { win, asWindow, eventFrom } = setup();
    expect(isTrustedSender(eventFrom(win.webContents, null), asWindow)).toBe(false);
    expect(isTrustedSender(eventFrom(win.webContents, win.webContents.mainFrame), null)).toBe(false);
    win.destroyed = true;
    expect(isTrustedSender(eventFrom(win.webContents, win.webContents.mainFrame), asWindow)).toBe(false);
  });
});
