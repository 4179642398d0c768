import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createAppProtocolHandler,
  handleAppProtocol,
  registerAppScheme,
  safeSegments,
  sniffBlobType,
} from '../../../electron/main/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security';
import { electronState } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron());

let tmp: string;
let rendererRoot: string;
/** What the fake backend grants: one capability for the PDF; every other name is refused. */
const CAP = 'Zq3_x-' + 'a'.repeat(37);
const readAttachment = vi.fn(async (cap: string): Promise<Uint8Array | null> => (cap === CAP ? new Uint8Array(PDF) : null));
let serve: ReturnType<typeof createAppProtocolHandler>;
const SECRET = 'TOP-SECRET-OUTSIDE-ROOT';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const PDF_SHA = createHash('sha256').update(PDF).digest('hex');

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'paneldesk-protocol-'));
  rendererRoot = path.join(tmp, 'dist', 'renderer');
  mkdirSync(path.join(rendererRoot, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererRoot, 'index.html'), '<!doctype html><title>评审台</title>');
  writeFileSync(path.join(rendererRoot, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(path.join(rendererRoot, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(rendererRoot, 'assets', 'font.woff2'), 'w');
  writeFileSync(path.join(rendererRoot, '.env'), SECRET);
  writeFileSync(path.join(tmp, 'dist', 'secret.txt'), SECRET);
  writeFileSync(path.join(tmp, 'secret.txt'), SECRET);
  symlinkSync(path.join(tmp, 'secret.txt'), path.join(rendererRoot, 'assets', 'link.txt'));
  serve = createAppProtocolHandler({ rendererRoot, readAttachment });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serve({ url, method });

describe('app:// scheme registration', () => {
  it('registers app as standard, secure and fetch-capable, without bypassing CSP', () => {
    registerAppScheme();
    const calls = electronState().protocol.registerSchemesAsPrivileged.mock.calls;
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('installs the handler for the app scheme', () => {
    handleAppProtocol({ rendererRoot, readAttachment });
    const { handle } = electronState().protocol;
    expect(handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});

describe('serving the renderer', () => {
  it('serves index.html for / with the CSP header', async () => {
    const res = await get('app://paneldesk/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('评审台');
  });

  it.each([
    ['/index.html', 'text/html; charset=utf-8'],
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/font.woff2', 'font/woff2'],
  ])('serves %s as %s', async (p, type) => {
    const res = await get(`app://paneldesk${p}?v=1#x`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://paneldesk/assets/app.js', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String('console.log(1);'.length));
    expect(await res.text()).toBe('');
  });

  it('refuses other methods', async () => {
    expect((await get('app://paneldesk/index.html', 'POST')).status).toBe(405);
  });

  it('404s a missing file and a directory', async () => {
    expect((await get('app://paneldesk/missing.js')).status).toBe(404);
    expect((await get('app://paneldesk/assets')).status).toBe(404);
  });

  it.each([
    'app://paneldesk/../secret.txt',
    'app://paneldesk/../../secret.txt',
    'app://paneldesk/assets/../../secret.txt',
    'app://paneldesk/%2e%2e/secret.txt',
    'app://paneldesk/%2E%2E/%2e%2e/secret.txt',
    'app://paneldesk/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://paneldesk/.%2e/secret.txt',
    'app://paneldesk/%252e%252e/secret.txt',
    'app://paneldesk/..%5csecret.txt',
    'app://paneldesk/assets\\..\\..\\secret.txt',
    'app://paneldesk/assets%5c..%5c..%5csecret.txt',
    'app://paneldesk/index.html%00.js',
    'app://paneldesk/%00',
    'app://paneldesk//etc/passwd',
    `app://paneldesk/${encodeURIComponent('/etc/passwd')}`,
    'app://paneldesk/C:/Windows/win.ini',
    'app://paneldesk/.env',
    'app://paneldesk/assets/link.txt',
    'app://paneldesk/%E0%A4%A',
    'app://evil/index.html',
    'app://PANELDESK/index.html',
    'https://paneldesk/index.html',
    'file:///etc/passwd',
  ])('rejects %s with 404', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(SECRET);
  });

  it('rejects an absolute path to a real file outside the root', async () => {
    const outside = path.join(tmp, 'secret.txt');
    const res = await get(`app://paneldesk${outside}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(SECRET);
  });
});

describe('safeSegments', () => {
  it('maps / and dir/ to index.html', () => {
    expect(safeSegments('/')).toEqual(['index.html']);
    expect(safeSegments('/assets/')).toEqual(['assets', 'index.html']);
    expect(safeSegments('/assets/a%20b.js')).toEqual(['assets', 'a b.js']);
  });

  it.each(['..', '/..', '/a/../b', '/a/./b', '/%2e%2e', '/a%2f..%2fb', '/a\\b', '/a%5cb', '/a%00', '/a//b', '/c:/x', '/%zz', '/%2541'])(
    'rejects %s',
    (raw) => {
      expect(safeSegments(raw)).toBeNull();
    },
  );
});

describe('serving attachments', () => {
  it('serves the bytes behind a capability the backend honours, with a sniffed type, never cached', async () => {
    const res = await get(`app://paneldesk/blob/${CAP}`);
    expect(res.status).toBe(200);
    expect(readAttachment).toHaveBeenLastCalledWith(CAP);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('404s a capability the backend refuses (unknown, revoked, another person\'s)', async () => {
    expect((await get(`app://paneldesk/blob/${'B'.repeat(43)}`)).status).toBe(404);
    expect(readAttachment).toHaveBeenLastCalledWith('B'.repeat(43));
  });

  it('refuses a bare-hash URL without even asking the backend', async () => {
    readAttachment.mockClear();
    const res = await get(`app://paneldesk/blob/${PDF_SHA}`);
    expect(res.status).toBe(404);
    expect(readAttachment).not.toHaveBeenCalled();
  });

  it.each([
    PDF_SHA.toUpperCase(),
    PDF_SHA.slice(1),
    `${PDF_SHA}0`,
    `${PDF_SHA}.pdf`,
    `${PDF_SHA}/..`,
    `../${PDF_SHA}`,
    `%2e%2e/%2e%2e/secret.txt`,
    `..%2f..%2fsecret.txt`,
    '/etc/passwd',
    encodeURIComponent('/etc/passwd'),
    'zz'.repeat(32),
    `${PDF_SHA.slice(0, 2)}/${PDF_SHA}`,
    `${CAP}/..`,
    `${CAP}.pdf`,
  ])('rejects blob name %s', async (name) => {
    readAttachment.mockClear();
    const res = await get(`app://paneldesk/blob/${name}`);
    expect(res.status).toBe(404);
    expect(readAttachment).not.toHaveBeenCalled();
    expect(await res.text()).not.toContain(SECRET);
  });

  it('sniffs only the kinds it knows', () => {
    expect(sniffBlobType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('image/png');
    expect(sniffBlobType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffBlobType(Buffer.from('<html><script>'))).toBe('application/octet-stream');
  });
});
