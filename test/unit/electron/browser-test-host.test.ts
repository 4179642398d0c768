// The browser test host stands in for main + preload in e2e runs: its shell dialogs and pushed events must
// behave like theirs, so these run the real server and its shim (in a vm, against that server).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api, AppEvent } from '../../../shared/contract';
import { downloadName, startTestHost } from '../../e2e/host/server';
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

describe('browser test host: shell dialogs', () => {
  it('pickExcel answers from the same queue as pickBundle, then cancels', async () => {
    host.queuePick('/fixtures/评委名单.xlsx');
    host.queuePick('/fixtures/demo.pdbundle');
    expect(await shell('pickExcel')).toEqual({ status: 200, path: '/fixtures/评委名单.xlsx' });
    expect(await shell('pickBundle')).toEqual({ status: 200, path: '/fixtures/demo.pdbundle' });
    expect((await shell('pickExcel')).path).toBeNull();
  });

  it('pickSavePath without a queued answer proposes a fresh path in downloadsDir, keeping the Chinese name', async () => {
    expect(path.dirname(host.downloadsDir)).toBe(path.resolve(os.tmpdir()));
    const first = await shell('pickSavePath', { name: '评委名单模板.xlsx' });
    expect(first).toEqual({ status: 200, path: path.join(host.downloadsDir, '评委名单模板.xlsx') });
    const second = await shell('pickSavePath', { name: '评委名单模板.xlsx' });
    expect(second.path).toBe(path.join(host.downloadsDir, '评委名单模板 (2).xlsx'));
  });

  it('pickSavePath keeps only the base name of a suggested path', async () => {
    expect((await shell('pickSavePath', { name: '../../etc/评审结果.pdf' })).path).toBe(path.join(host.downloadsDir, '评审结果.pdf'));
    expect((await shell('pickSavePath', { name: 'a\\b.xlsx' })).path).toBe(path.join(host.downloadsDir, 'b.xlsx'));
  });

  it('pickSavePath gives a queued answer first, including a cancel', async () => {
    host.queuePick(null);
    host.queuePick('/chosen/结果.pdf');
    expect((await shell('pickSavePath', { name: 'a.xlsx' })).path).toBeNull();
    expect((await shell('pickSavePath', { name: 'a.xlsx' })).path).toBe('/chosen/结果.pdf');
  });

  it('refuses shell calls without the token', async () => {
    expect((await shell('pickSavePath', { name: 'a.xlsx' }, 'wrong')).status).toBe(403);
    expect((await shell('pickExcel', {}, 'wrong')).status).toBe(403);
  });

  it('removes the downloads folder on close', async () => {
    const saved = (await shell('pickSavePath', { name: '名单.xlsx' })).path as string;
    fs.writeFileSync(saved, 'x');
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

  it('pickExcel and pickSavePath go through the host', async () => {
    const api = loadShim();
    host.queuePick('/fixtures/名单.xlsx');
    expect(await api.shell.pickExcel()).toBe('/fixtures/名单.xlsx');
    expect(await api.shell.pickExcel()).toBeNull();
    expect(await api.shell.pickSavePath('评委名单模板.xlsx')).toBe(path.join(host.downloadsDir, '评委名单模板.xlsx'));
  });

  it('maps a failed dialog call to null, like the preload', async () => {
    const api = loadShim();
    await host.close();
    host.close = async () => undefined;
    await expect(api.shell.pickSavePath('a.xlsx')).resolves.toBeNull();
    await expect(api.shell.pickExcel()).resolves.toBeNull();
  });
});
