// The browser test host stands in for main + preload in e2e runs: its shell dialogs and pushed events must
// behave like theirs, so these run the real server and its shim (in a vm, against that server).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { FILE_TOKEN_RE } from '../../../shared/file-token';
import type { Api, AppEvent } from '../../../shared/contract';
import { downloadName, startTestHost, TOKEN_COOKIE } from '../../e2e/host/server';
import type { TestHost } from '../../e2e/host/server';
import { shimSource } from '../../e2e/host/shim';

const ROOT = path.resolve(import.meta.dirname, '../../..');

let dir: string;
let host: TestHost;
let origin: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-hosttest-'));
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  fs.mkdirSync(path.join(dir, 'data'));
  host = await startTestHost({ dataDir: path.join(dir, 'data'), resourcesDir: path.join(ROOT, 'resources'), rendererDir });
  origin = new URL(host.url).origin;
  // As the first-run screen does: the secretary sets the desk's passphrase and is signed in.
  const setUp = await host.backend.invoke('setUpDesk', { passphrase: 'secretary host test' });
  expect(setUp.ok).toBe(true);
});

afterEach(async () => {
  await host.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function shell(action: string, body: unknown = {}, token = host.token): Promise<{ status: number; path: unknown }> {
  const res = await fetch(`${origin}/__paneldesk/shell/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-paneldesk-token': token },
    body: JSON.stringify(body),
  });
  return { status: res.status, path: ((await res.json()) as { path?: unknown }).path };
}

/** Reads the event stream until `count` events arrived. */
async function readEvents(count: number, after?: () => void): Promise<AppEvent[]> {
  const res = await fetch(`${origin}/__paneldesk/events?token=${host.token}`);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const events: AppEvent[] = [];
  after?.();
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = text.indexOf('\n\n')) >= 0) {
      const chunk = text.slice(0, end);
      text = text.slice(end + 2);
      if (chunk.startsWith('data: ')) events.push(JSON.parse(chunk.slice('data: '.length)) as AppEvent);
    }
  }
  await reader.cancel();
  return events;
}

/** Runs the shim as the page would, its relative fetches aimed at the host. */
function loadShim(): Api {
  const storage = new Map<string, string>();
  const win: Record<string, unknown> = {};
  const context = vm.createContext({
    window: win,
    location: { search: `?token=${host.token}` },
    sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) },
    URLSearchParams,
    fetch: (url: string, init?: RequestInit) => fetch(origin + url, init),
    EventSource: class {
      onmessage: unknown = null;
    },
  });
  vm.runInContext(shimSource(), context);
  return win.api as Api;
}

/** The tokens the backend granted through the host, in order, with the path and purpose of each. */
function spyGrants() {
  const grants: Array<{ token: string; path: string; purpose: string }> = [];
  const real = host.backend.grantFile.bind(host.backend);
  vi.spyOn(host.backend, 'grantFile').mockImplementation((file, purpose) => {
    const token = real(file, purpose);
    grants.push({ token, path: file, purpose });
    return token;
  });
  return grants;
}

describe('browser test host: shell dialogs', () => {
  it('pickExcel answers from the same queue as pickBundle with open tokens, never paths, then cancels', async () => {
    const grants = spyGrants();
    host.queuePick('/fixtures/评委名单.xlsx');
    host.queuePick('/fixtures/demo.pdbundle');
    const excel = await shell('pickExcel');
    const bundle = await shell('pickBundle');
    expect(excel.status).toBe(200);
    expect(String(excel.path)).toMatch(FILE_TOKEN_RE);
    expect(grants).toEqual([
      { token: excel.path, path: '/fixtures/评委名单.xlsx', purpose: 'open' },
      { token: bundle.path, path: '/fixtures/demo.pdbundle', purpose: 'open' },
    ]);
    expect((await shell('pickExcel')).path).toBeNull();
    expect(grants).toHaveLength(2);
  });

  it('pickSavePath without a queued answer proposes a fresh path in downloadsDir, keeping the Chinese name', async () => {
    const grants = spyGrants();
    expect(path.dirname(host.downloadsDir)).toBe(path.resolve(os.tmpdir()));
    const first = await shell('pickSavePath', { name: '评委名单模板.xlsx' });
    expect(first.status).toBe(200);
    await shell('pickSavePath', { name: '评委名单模板.xlsx' });
    expect(grants.map((g) => [g.path, g.purpose])).toEqual([
      [path.join(host.downloadsDir, '评委名单模板.xlsx'), 'save'],
      [path.join(host.downloadsDir, '评委名单模板 (2).xlsx'), 'save'],
    ]);
    expect(grants[0]?.token).toBe(first.path);
  });

  it('pickSavePath keeps only the base name of a suggested path', async () => {
    const grants = spyGrants();
    await shell('pickSavePath', { name: '../../etc/评审结果.pdf' });
    await shell('pickSavePath', { name: 'a\\b.xlsx' });
    expect(grants.map((g) => g.path)).toEqual([path.join(host.downloadsDir, '评审结果.pdf'), path.join(host.downloadsDir, 'b.xlsx')]);
  });

  it('pickSavePath gives a queued answer first, including a cancel', async () => {
    const grants = spyGrants();
    host.queuePick(null);
    host.queuePick('/chosen/结果.pdf');
    expect((await shell('pickSavePath', { name: 'a.xlsx' })).path).toBeNull();
    const chosen = await shell('pickSavePath', { name: 'a.xlsx' });
    expect(grants).toEqual([{ token: chosen.path, path: '/chosen/结果.pdf', purpose: 'save' }]);
  });

  it('a dropped file is uploaded and answered with an open token', async () => {
    const grants = spyGrants();
    const res = await fetch(`${origin}/__paneldesk/shell/upload?name=drop.pdbundle`, { method: 'POST', headers: { 'x-paneldesk-token': host.token }, body: 'PK' });
    const token = ((await res.json()) as { path: string }).path;
    expect(token).toMatch(FILE_TOKEN_RE);
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ token, purpose: 'open' });
    expect(fs.readFileSync(grants[0]?.path as string, 'utf8')).toBe('PK');
  });

  it('refuses shell calls without the token', async () => {
    expect((await shell('pickSavePath', { name: 'a.xlsx' }, 'wrong')).status).toBe(403);
    expect((await shell('pickExcel', {}, 'wrong')).status).toBe(403);
  });

  it('removes the downloads folder on close', async () => {
    const grants = spyGrants();
    await shell('pickSavePath', { name: '名单.xlsx' });
    fs.writeFileSync(grants[0]?.path as string, 'x');
    await host.close();
    expect(fs.existsSync(host.downloadsDir)).toBe(false);
    // afterEach closes again: closing twice must be harmless.
    host.close = async () => undefined;
  });

  it.each([
    ['评委名单模板.xlsx', '评委名单模板.xlsx'],
    ['dir/sub/x.pdf', 'x.pdf'],
    ['C:\\Users\\u\\y.pdbundle', 'y.pdbundle'],
    ['a\u0000b.xlsx', 'a_b.xlsx'],
    ['..', 'download'],
    ['', 'download'],
    [42, 'download'],
  ])('downloadName(%j) is %s', (input, expected) => {
    expect(downloadName(input)).toBe(expected);
  });
});

describe('browser test host: pushed events', () => {
  it('emit reaches a connected page', async () => {
    const menu: AppEvent = { type: 'menu', action: 'importBundle' };
    const got = await readEvents(1, () => setTimeout(() => host.emit(menu), 50));
    expect(got).toEqual([menu]);
  });

  it('emit before the page connects is delivered when it does', async () => {
    host.emit({ type: 'menu', action: 'importBundle' });
    expect(await readEvents(1)).toEqual([{ type: 'menu', action: 'importBundle' }]);
  });
});

describe('browser test host: shim', () => {
  it('has the preload’s shell keys', () => {
    expect(Object.keys(loadShim().shell).sort()).toEqual(['pathForFile', 'pickBundle', 'pickExcel', 'pickSavePath', 'printToPdf']);
  });

  it('pickExcel and pickSavePath go through the host and answer tokens', async () => {
    const grants = spyGrants();
    const api = loadShim();
    host.queuePick('/fixtures/名单.xlsx');
    const excel = await api.shell.pickExcel();
    expect(await api.shell.pickExcel()).toBeNull();
    const save = await api.shell.pickSavePath('评委名单模板.xlsx');
    expect(grants).toEqual([
      { token: excel, path: '/fixtures/名单.xlsx', purpose: 'open' },
      { token: save, path: path.join(host.downloadsDir, '评委名单模板.xlsx'), purpose: 'save' },
    ]);
  });

  it('maps a failed dialog call to null, like the preload', async () => {
    const api = loadShim();
    await host.close();
    host.close = async () => undefined;
    await expect(api.shell.pickSavePath('a.xlsx')).resolves.toBeNull();
    await expect(api.shell.pickExcel()).resolves.toBeNull();
  });
});

describe('browser test host: index.html and attachments', () => {
  it('serves index.html with the one shared CSP, and sets the run token as an HttpOnly same-site cookie', async () => {
    const res = await fetch(host.url);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('set-cookie')).toBe(`${TOKEN_COOKIE}=${host.token}; Path=/; HttpOnly; SameSite=Strict`);
    const anonymous = await fetch(`${origin}/`);
    expect(anonymous.headers.get('set-cookie')).toBeNull();
  });

  it('serves an attachment only with the run token and a live capability, never by bare hash', async () => {
    const ref = await firstAttachment();
    const granted = (await host.backend.invoke('openAttachment', ref)) as { ok: true; value: { url: string } };
    const url = `${origin}/${granted.value.url}`;

    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { headers: { 'x-paneldesk-token': 'wrong' } })).status).toBe(403);
    const withHeader = await fetch(url, { headers: { 'x-paneldesk-token': host.token } });
    expect(withHeader.status).toBe(200);
    expect(createHash('sha256').update(Buffer.from(await withHeader.arrayBuffer())).digest('hex')).toBe(ref.sha256);
    const withCookie = await fetch(url, { headers: { cookie: `${TOKEN_COOKIE}=${host.token}` } });
    expect(withCookie.status).toBe(200);
    await withCookie.arrayBuffer();

    expect((await fetch(`${origin}/blob/${ref.sha256}`, { headers: { 'x-paneldesk-token': host.token } })).status).toBe(404);
    host.backend.revokeCapabilities();
    expect((await fetch(url, { headers: { 'x-paneldesk-token': host.token } })).status).toBe(404);
  });
});

/** The demo session's first attachment, as the secretary sees it. */
async function firstAttachment(): Promise<{ sessionId: string; dossierId: string; sha256: string }> {
  const value = async <T>(method: Parameters<typeof host.backend.invoke>[0], input: unknown): Promise<T> => {
    const r = await host.backend.invoke(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
    return r.value as T;
  };
  const { sessionId } = await value<{ sessionId: string }>('openDemo', {});
  const { rows } = await value<{ rows: Array<{ id: string }> }>('listDossiers', { sessionId });
  for (const row of rows) {
    const d = await value<{ attachments: Array<{ sha256: string }> }>('getDossier', { sessionId, dossierId: row.id });
    if (d.attachments[0]) return { sessionId, dossierId: row.id, sha256: d.attachments[0].sha256 };
  }
  throw new Error('the demo session has no attachment');
}

describe('browser test host: files reach the backend only as dialog tokens', () => {
  const invoke = async (method: string, input: unknown) => {
    const res = await fetch(`${origin}/__paneldesk/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-paneldesk-token': host.token },
      body: JSON.stringify({ method, input }),
    });
    return (await res.json()) as { ok: boolean; error?: { code: string; details?: Record<string, unknown> } };
  };

  it('refuses a page-supplied path, and a queued pick\'s token used twice', async () => {
    const demo = path.join(ROOT, 'resources', 'demo', 'demo-session.pdbundle');
    expect(await invoke('startImport', { path: demo })).toMatchObject({ ok: false, error: { code: 'FILE_TOKEN_INVALID', details: { field: 'path', reason: 'not_a_token' } } });
    host.queuePick(demo);
    const token = (await shell('pickBundle')).path;
    expect(await invoke('startImport', { path: token })).toMatchObject({ ok: true });
    expect(await invoke('startImport', { path: token })).toMatchObject({ ok: false, error: { code: 'FILE_TOKEN_INVALID', details: { reason: 'used' } } });
  });
});
