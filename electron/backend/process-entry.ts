// Entry of the backend's Electron utility process: one host, driven by messages from main.
// No `electron` import: a utility process gets its port as process.parentPort.
import { createHost } from './host';
import type { BackendHost, HostOptions } from './host-types';
import type { AppEvent } from '../../shared/contract';
import type { FilePurpose } from '../../shared/file-token';
import { AppError, fail } from '../../shared/errors';
import type { Result } from '../../shared/errors';

/** Host-level requests from main, outside the contract (the renderer cannot send these). */
export type HostOp =
  | { op: 'grantFile'; path: string; purpose: FilePurpose }
  | { op: 'readAttachment'; capability: string }
  | { op: 'revokeCapabilities' };
/** Their answers: a token (null when refused), an attachment's bytes (null when refused), or nothing. */
export type HostOpResult = { token: string | null } | { bytes: Uint8Array | null } | Record<string, never>;

/** main → backend */
export type ToBackend = { id: number; method: string; input: unknown } | { id: number; host: HostOp } | { close: true };
/** backend → main */
export type FromBackend = { id: number; result: Result<unknown> } | { id: number; hostResult: HostOpResult } | { event: AppEvent };

export const OPTIONS_ARG_PREFIX = '--paneldesk-options=';
export const OPTIONS_ENV = 'PANELDESK_BACKEND_OPTIONS';
export const SQLITE_BINDING_ENV = 'PANELDESK_SQLITE_BINDING';

/** The part of Electron's ParentPort we use. */
export interface ParentPortLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  postMessage(message: FromBackend): void;
}

/** Options from `--paneldesk-options=<json>` (or the env variable), plus the native binding path. */
export function readOptions(argv: readonly string[], env: NodeJS.ProcessEnv): HostOptions {
  const arg = argv.find((a) => a.startsWith(OPTIONS_ARG_PREFIX));
  const json = arg ? arg.slice(OPTIONS_ARG_PREFIX.length) : env[OPTIONS_ENV];
  if (!json) throw new Error('backend options missing');
  const parsed = JSON.parse(json) as Partial<HostOptions>;
  if (typeof parsed.dataDir !== 'string' || typeof parsed.resourcesDir !== 'string' || typeof parsed.appVersion !== 'string') {
    throw new Error('backend options incomplete');
  }
  return {
    dataDir: parsed.dataDir,
    resourcesDir: parsed.resourcesDir,
    appVersion: parsed.appVersion,
    host: 'electron',
    nativeBinding: env[SQLITE_BINDING_ENV] || undefined,
  };
}

function isHostOp(v: unknown): v is { id: number; host: HostOp } {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as { id?: unknown; host?: { op?: unknown } | null };
  return typeof m.id === 'number' && typeof m.host === 'object' && m.host !== null && typeof m.host.op === 'string';
}

/** Runs one host-level request; anything malformed or refused answers null. */
export async function runHostOp(host: BackendHost | null, op: HostOp): Promise<HostOpResult> {
  switch (op.op) {
    case 'grantFile':
      try {
        return { token: host ? host.grantFile(op.path, op.purpose) : null };
      } catch {
        return { token: null };
      }
    case 'readAttachment': {
      const blob = host && typeof op.capability === 'string' ? await host.serveAttachment(op.capability).catch(() => null) : null;
      if (!blob) return { bytes: null };
      // Whole, in one message: attachments are documents of a few MB, and structured clone moves them once.
      const chunks: Buffer[] = [];
      for await (const c of blob.stream) chunks.push(c as Buffer);
      return { bytes: new Uint8Array(Buffer.concat(chunks)) };
    }
    case 'revokeCapabilities':
      host?.revokeCapabilities();
      return {};
    default:
      return {};
  }
}

function isRequest(v: unknown): v is { id: number; method: string; input: unknown } {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as { id?: unknown; method?: unknown };
  return typeof m.id === 'number' && typeof m.method === 'string';
}

/** Answers every request; when the host could not start, every answer is that start-up error. */
export function serve(port: ParentPortLike, start: () => BackendHost, exit: (code: number) => void): void {
  let host: BackendHost | null = null;
  let startError: Result<never> | null = null;
  try {
    host = start();
    host.onEvent((event) => port.postMessage({ event }));
  } catch (err) {
    startError = err instanceof AppError ? { ok: false, error: err.toShape() } : fail('INTERNAL', `backend failed to start: ${String(err)}`);
  }
  port.on('message', ({ data }) => {
    if (typeof data === 'object' && data !== null && (data as { close?: unknown }).close === true) {
      host?.close();
      exit(0);
      return;
    }
    if (isHostOp(data)) {
      void runHostOp(host, data.host)
        .catch((): HostOpResult => ({}))
        .then((hostResult) => port.postMessage({ id: data.id, hostResult }));
      return;
    }
    if (!isRequest(data)) return;
    const { id } = data;
    const pending = host ? host.invoke(data.method, data.input) : Promise.resolve(startError ?? fail('INTERNAL', 'no host'));
    pending
      .catch((err: unknown) => fail('INTERNAL', String(err)))
      .then((result) => port.postMessage({ id, result }));
  });
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) {
  serve(parentPort, () => createHost(readOptions(process.argv, process.env)), (code) => process.exit(code));
}
