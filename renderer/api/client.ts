// The renderer's typed client over window.api (the preload in the app, the shim in the browser test host).
import type { Api, AppEvent, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { AppErrorShape, Result } from '../../shared/errors';

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

export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const fn = api()[method] as unknown as (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
  const res = await fn(input);
  if (!res.ok && res.error.code === 'DESK_IDLE_LOCKED') idleLockHandler?.();
  if (!res.ok) throw new ApiError(res.error);
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
