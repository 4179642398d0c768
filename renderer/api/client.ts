// The renderer's typed client over window.api (the preload in the app, the shim in the browser test host).
import type { Api, AppEvent, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { AppErrorShape, Result } from '../../shared/errors';
import type { FileTokenRenewal } from '../../shared/file-token';

declare global {
  interface Window {
    api: Api;
  }
}

/** A failed call, carrying the backend's coded error for the UI to translate. */
export class ApiError extends Error {
  readonly shape: AppErrorShape;
  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.shape = shape;
  }
}

function api(): Api {
  return window.api;
}

let idleLockHandler: (() => void) | null = null;

/** Who to tell when the backend answers DESK_IDLE_LOCKED (the store shows the lock screen). */
export function onIdleLocked(handler: (() => void) | null): void {
  idleLockHandler = handler;
}

// A dialog's file token works once. The renderer keeps the first one as the file's handle (e.g. to retry an
// import with a passphrase, or apply a previewed merge); the backend answers each use of an open file with a
// successor, and `call` passes the latest successor whenever a handle comes back.
const MAX_HANDLES = 32;
const liveToken = new Map<string, string>();

function withLiveTokens(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const [k, v] of Object.entries(out)) if (typeof v === 'string' && liveToken.has(v)) out[k] = liveToken.get(v);
  return out;
}

function keepRenewals(input: unknown, renewed: FileTokenRenewal['renewed']): void {
  if (!renewed || typeof input !== 'object' || input === null) return;
  for (const [field, token] of Object.entries(renewed)) {
    const handle = (input as Record<string, unknown>)[field];
    if (typeof handle !== 'string' || typeof token !== 'string') continue;
    liveToken.delete(handle);
    liveToken.set(handle, token);
    if (liveToken.size > MAX_HANDLES) liveToken.delete(liveToken.keys().next().value as string);
  }
}

export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const fn = api()[method] as unknown as (input: MethodInput<M>) => Promise<Result<MethodOutput<M>> & FileTokenRenewal>;
  const res = await fn(withLiveTokens(input) as MethodInput<M>);
  if (!res.ok && res.error.code === 'DESK_IDLE_LOCKED') idleLockHandler?.();
  if (!res.ok) throw new ApiError(res.error);
  keepRenewals(input, res.renewed);
  return res.value as MethodOutput<M>;
}

export function onEvent(listener: (e: AppEvent) => void): () => void {
  return api().onEvent(listener);
}

export function shell(): Api['shell'] {
  return api().shell;
}

/** Any thrown value as a coded error shape. */
export function errorShape(err: unknown): AppErrorShape {
  if (err instanceof ApiError) return err.shape;
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}
