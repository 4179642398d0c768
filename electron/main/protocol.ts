// The app:// protocol: serves the built renderer, and attachments only against a capability the backend granted.
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { APP_SCHEME, ATTACHMENT_CAPABILITY_RE, BLOB_PATH_PREFIX } from '../../shared/ipc';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY } from './security';

/** Must run before app 'ready': a standard, secure scheme gets an origin, fetch() and a secure context. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The raw (still percent-encoded) path of an app://paneldesk/ URL, or null for any other URL. */
export function appPathname(rawUrl: string): string | null {
  const prefix = `${APP_ORIGIN}/`;
  if (!rawUrl.startsWith(prefix)) return null;
  const rest = rawUrl.slice(prefix.length - 1);
  const end = rest.search(/[?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}

/**
 * A raw URL path turned into safe relative segments, or null.
 * Rejects `..`/`.` (plain or %2e-encoded), backslashes, NUL and control characters, drive letters,
 * empty segments, dot-files and double encoding; "/" and "dir/" mean index.html.
 */
export function safeSegments(rawPathname: string): string[] | null {
  if (!rawPathname.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPathname);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\\:%\u0000-\u001f\u007f]/.test(decoded)) return null;
  const segments = decoded.slice(1).split('/');
  if (segments[segments.length - 1] === '') segments[segments.length - 1] = 'index.html';
  for (const segment of segments) {
    if (segment === '' || segment.startsWith('.')) return null;
  }
  return segments;
}

/** Resolves segments under root; null unless the real path is a file strictly inside root. */
export async function resolveInside(root: string, segments: readonly string[]): Promise<string | null> {
  const base = path.resolve(root);
  const candidate = path.resolve(base, ...segments);
  if (!isInside(base, candidate)) return null;
  try {
    // Symlinks must not lead out of the root either.
    const [realBase, realFile] = await Promise.all([realpath(base), realpath(candidate)]);
    return isInside(realBase, realFile) ? realFile : null;
  } catch {
    return null;
  }
}

function isInside(base: string, candidate: string): boolean {
  const rel = path.relative(base, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

const COMMON_HEADERS = { 'X-Content-Type-Options': 'nosniff' } as const;

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Sniffs the few attachment kinds we display; everything else is a download-only octet stream. */
export function sniffBlobType(head: Uint8Array): string {
  const ascii = String.fromCharCode(...head.subarray(0, 12));
  if (ascii.startsWith('%PDF-')) return 'application/pdf';
  if (ascii.startsWith('\u0089PNG')) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (ascii.startsWith('GIF8')) return 'image/gif';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'image/webp';
  return 'application/octet-stream';
}

async function fileResponse(
  file: string,
  method: string,
  headersFor: (head: Uint8Array) => Record<string, string>,
): Promise<Response> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return notFound();
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      return notFound();
    }
    const head = new Uint8Array(16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const headers = { ...COMMON_HEADERS, ...headersFor(head.subarray(0, bytesRead)), 'Content-Length': String(stat.size) };
    if (method === 'HEAD') {
      await handle.close();
      return new Response(null, { status: 200, headers });
    }
    // The stream closes the handle when it ends or is cancelled.
    const body = Readable.toWeb(handle.createReadStream({ start: 0 })) as unknown as ReadableStream<Uint8Array>;
    return new Response(body, { status: 200, headers });
  } catch {
    await handle.close().catch(() => undefined);
    return notFound();
  }
}

export interface AppProtocolOptions {
  /** The built renderer (dist/renderer). */
  rendererRoot: string;
  /** The bytes behind an attachment capability, asked of the backend (which checks who holds it); null when refused. */
  readAttachment(capability: string): Promise<Uint8Array | null>;
}

/** Headers of an attachment: its sniffed type, never cached, and no script or origin if opened as a document. */
export function attachmentHeaders(head: Uint8Array): Record<string, string> {
  return {
    ...COMMON_HEADERS,
    'Content-Type': sniffBlobType(head),
    // The URL dies with the principal: nothing to cache.
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  };
}

export type AppRequest = Pick<Request, 'url' | 'method'>;

export function createAppProtocolHandler(opts: AppProtocolOptions): (request: AppRequest) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { ...COMMON_HEADERS, Allow: 'GET, HEAD' } });
    }
    const raw = appPathname(request.url);
    if (raw === null) return notFound();

    if (raw.startsWith(BLOB_PATH_PREFIX)) {
      // Only a capability's name; a bare hash (or anything else) is never looked up.
      const name = raw.slice(BLOB_PATH_PREFIX.length);
      if (!ATTACHMENT_CAPABILITY_RE.test(name)) return notFound();
      const bytes = await opts.readAttachment(name).catch(() => null);
      if (!bytes) return notFound();
      const headers = { ...attachmentHeaders(bytes.subarray(0, 16)), 'Content-Length': String(bytes.byteLength) };
      return new Response(request.method === 'HEAD' ? null : (bytes as Uint8Array<ArrayBuffer>), { status: 200, headers });
    }

    const segments = safeSegments(raw);
    if (!segments) return notFound();
    const file = await resolveInside(opts.rendererRoot, segments);
    if (!file) return notFound();
    const type = contentTypeFor(file);
    return fileResponse(file, request.method, () => ({
      'Content-Type': type,
      'Cache-Control': 'no-cache',
      ...(type.startsWith('text/html') ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {}),
    }));
  };
}

/** Call after app 'ready'. */
export function handleAppProtocol(opts: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(opts));
}
