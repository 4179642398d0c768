// Browser test host: the real backend and the built renderer on 127.0.0.1, answering the contract over HTTP.
// The renderer cannot tell it from the preload; a per-run token guards every call.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AppEvent } from '../../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import type { FilePurpose } from '../../../shared/file-token';
import { ATTACHMENT_CAPABILITY_RE, BLOB_PATH_PREFIX, MAX_PAYLOAD_BYTES } from '../../../shared/ipc';
import { createHost } from '../../../electron/backend/host';
import type { BackendHost } from '../../../electron/backend/host-types';
import { shimSource } from './shim';
import { PRINT_METHODS } from '../../../shared/print';
import { hostPrintToPdf } from './print';

/** The app's one policy (shared/csp.ts), sent with index.html as Electron's app:// handler does. */
export const CSP = CONTENT_SECURITY_POLICY;
/** The page's session cookie carrying the run token, so attachment URLs (<img>, pdf.js) are authorized too. */
export const TOKEN_COOKIE = 'paneldesk-token';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface TestHostOptions {
  dataDir: string;
  resourcesDir: string;
  rendererDir: string;
  port?: number;
}

export interface TestHost {
  url: string;
  token: string;
  backend: BackendHost;
  /** Where an unqueued save dialog puts files (pickSavePath), so a test can read what the app saved; removed on close. */
  downloadsDir: string;
  /** The answer of the next file dialog, open or save (null = the user cancels); the page gets a token for it, as from Electron. */
  queuePick(file: string | null): void;
  /** Pushes an event to the page as main would (e.g. { type: 'menu', action: 'importBundle' } for the native menu). */
  emit(event: AppEvent): void;
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(Object.assign(new Error('payload too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The suggested name as a bare file name: no directory part, no control characters; Chinese is kept. */
export function downloadName(suggested: unknown): string {
  const base = path.basename(typeof suggested === 'string' ? suggested.replace(/\\/g, '/') : '');
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f]/g, '_').slice(0, 255);
  return clean.trim() === '' || clean === '.' || clean === '..' ? 'download' : clean;
}

/** A path in `dir` for `name` that no earlier save took: 名单.xlsx, then 名单 (2).xlsx, … */
function freshPath(dir: string, name: string, taken: Set<string>): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const file = path.join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    if (!taken.has(file) && !fs.existsSync(file)) {
      taken.add(file);
      return file;
    }
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export async function startTestHost(opts: TestHostOptions): Promise<TestHost> {
  const runToken = randomBytes(24).toString('hex');
  const backend = createHost({ dataDir: opts.dataDir, resourcesDir: opts.resourcesDir, host: 'browser-test', appVersion: '0.0.0-test' });
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-uploads-'));
  const downloadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-downloads-'));
  const handedOut = new Set<string>();
  const picks: Array<string | null> = [];
  const nextPick = (): string | null => (picks.length > 0 ? (picks.shift() ?? null) : null);
  // Like Electron main: the page gets a one-use token for the chosen file, never its path.
  const token = (file: string | null, purpose: FilePurpose): string | null => (file === null ? null : backend.grantFile(path.resolve(file), purpose));
  const streams = new Set<http.ServerResponse>();
  const send = (s: http.ServerResponse, e: AppEvent) => s.write(`data: ${JSON.stringify(e)}\n\n`);
  const unsubscribe = backend.onEvent((e: AppEvent) => {
    for (const s of streams) send(s, e);
  });
  // Test-pushed events wait for the page's event stream if it is not connected yet (e.g. mid-reload).
  const pending: AppEvent[] = [];
  const shim = shimSource();
  const rendererRoot = path.resolve(opts.rendererDir);
  let origin = '';

  // Print pages get their own token, good for the few read-only methods a print view calls (shared/print.ts).
  const printTokens = new Set<string>();
  const cookieToken = (req: http.IncomingMessage): string | undefined =>
    (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim())
      .find((c) => c.startsWith(`${TOKEN_COOKIE}=`))
      ?.slice(TOKEN_COOKIE.length + 1);
  const tokenOf = (req: http.IncomingMessage, url: URL) => req.headers['x-paneldesk-token'] ?? url.searchParams.get('token') ?? cookieToken(req);
  const authorized = (req: http.IncomingMessage, url: URL) => {
    const given = tokenOf(req, url);
    return (given === runToken || (typeof given === 'string' && printTokens.has(given))) && req.headers.host === origin.slice('http://'.length);
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/__paneldesk/')) {
      if (!authorized(req, url)) return json(res, 403, { ok: false, error: { code: 'CONTRACT_BAD_SENDER', message: 'bad token or host' } });
      const route = url.pathname.slice('/__paneldesk/'.length);
      if (route === 'events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        for (const e of pending.splice(0)) send(res, e);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (req.method !== 'POST') return json(res, 405, {});
      if (route === 'invoke') {
        let body: { method?: unknown; input?: unknown };
        try {
          body = JSON.parse((await readBody(req, MAX_PAYLOAD_BYTES * 2)).toString('utf8')) as typeof body;
        } catch (err) {
          const code = (err as { status?: number }).status === 413 ? 'CONTRACT_PAYLOAD_TOO_LARGE' : 'CONTRACT_INVALID_INPUT';
          return json(res, 200, { ok: false, error: { code, message: (err as Error).message } });
        }
        const caller = tokenOf(req, url);
        if (caller !== runToken && !(PRINT_METHODS as readonly string[]).includes(String(body.method))) {
          return json(res, 200, { ok: false, error: { code: 'CONTRACT_BAD_SENDER', message: 'a print page may only read' } });
        }
        return json(res, 200, await backend.invoke(String(body.method), body.input));
      }
      if (route === 'shell/pickBundle' || route === 'shell/pickExcel') return json(res, 200, { path: token(nextPick(), 'open') });
      if (route === 'shell/pickSavePath') {
        let name: unknown;
        try {
          name = (JSON.parse((await readBody(req, 64 * 1024)).toString('utf8')) as { name?: unknown }).name;
        } catch {
          return json(res, 400, { path: null });
        }
        // A queued answer (a path or a cancel) wins; otherwise the user accepts the proposed name.
        if (picks.length > 0) return json(res, 200, { path: token(nextPick(), 'save') });
        return json(res, 200, { path: token(freshPath(downloadsDir, downloadName(name), handedOut), 'save') });
      }
      if (route === 'shell/printToPdf') {
        if (tokenOf(req, url) !== runToken) return json(res, 403, {});
        let request: unknown;
        try {
          request = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8')) as unknown;
        } catch {
          return json(res, 200, { ok: false, error: { code: 'CONTRACT_INVALID_INPUT', message: 'bad print request' } });
        }
        const printToken = randomBytes(24).toString('hex');
        printTokens.add(printToken);
        try {
          const result = await hostPrintToPdf(
            {
              pageUrl: `${origin}/?token=${printToken}`,
              // Like the save dialog: a queued answer wins, else the proposed name in downloadsDir.
              savePath: (name) => (picks.length > 0 ? nextPick() : freshPath(downloadsDir, downloadName(name), handedOut)),
            },
            request,
          );
          return json(res, 200, result);
        } finally {
          printTokens.delete(printToken);
        }
      }
      if (route === 'shell/upload') {
        const name = path.basename(url.searchParams.get('name') ?? 'upload.bin').replace(/[^A-Za-z0-9._-]/g, '_');
        const file = path.join(fs.mkdtempSync(path.join(uploads, 'u-')), name);
        await pipeline(req, fs.createWriteStream(file));
        return json(res, 200, { path: token(file, 'open') });
      }
      return json(res, 404, {});
    }
    if (url.pathname.startsWith(BLOB_PATH_PREFIX)) {
      // The run token (cookie, header or query) and a live capability of the current person; never a bare hash.
      if (!authorized(req, url)) return json(res, 403, {});
      const cap = url.pathname.slice(BLOB_PATH_PREFIX.length);
      const blob = ATTACHMENT_CAPABILITY_RE.test(cap) ? await backend.serveAttachment(cap) : null;
      if (!blob) return json(res, 404, {});
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(blob.size),
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; sandbox",
      });
      await pipeline(blob.stream, res);
      return;
    }
    if (url.pathname === '/__shim.js') {
      res.writeHead(200, { 'content-type': TYPES['.js'] as string, 'cache-control': 'no-store' });
      res.end(shim);
      return;
    }
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(rendererRoot, rel);
    if (!file.startsWith(rendererRoot + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    if (rel === 'index.html') {
      // The shim is a classic script: it runs before the app's module.
      const html = fs.readFileSync(file, 'utf8').replace('<head>', '<head>\n    <script src="/__shim.js"></script>');
      const headers: http.OutgoingHttpHeaders = { 'content-type': type, 'content-security-policy': CSP, 'cache-control': 'no-store' };
      // The page's own requests for attachments carry the run token as a same-site, script-invisible cookie.
      if (url.searchParams.get('token') === runToken) headers['set-cookie'] = `${TOKEN_COOKIE}=${runToken}; Path=/; HttpOnly; SameSite=Strict`;
      res.writeHead(200, headers);
      res.end(html);
      return;
    }
    res.writeHead(200, { 'content-type': type });
    fs.createReadStream(file).pipe(res);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { ok: false, error: { code: 'INTERNAL', message: String(err) } });
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  origin = `http://127.0.0.1:${addr.port}`;

  return {
    url: `${origin}/?token=${runToken}`,
    token: runToken,
    backend,
    downloadsDir,
    queuePick: (file) => picks.push(file),
    emit(event) {
      if (streams.size === 0) pending.push(event);
      for (const s of streams) send(s, event);
    },
    async close() {
      unsubscribe();
      for (const s of streams) s.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      backend.close();
      fs.rmSync(uploads, { recursive: true, force: true });
      fs.rmSync(downloadsDir, { recursive: true, force: true });
    },
  };
}
