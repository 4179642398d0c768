// Starts the backend in an Electron utility process and talks to it by request id.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { utilityProcess } from 'electron';
import type { AppEvent } from '../../shared/contract';
import { fail } from '../../shared/errors';
import type { Result } from '../../shared/errors';
import type { HostOptions } from '../backend/host-types';
// Types only: a value import would pull the whole backend into main's bundle.
import type { FromBackend, HostOp, HostOpResult, ToBackend } from '../backend/process-entry';

/** Same names as in process-entry.ts (a test round-trips backendLaunch() through readOptions()). */
const OPTIONS_ARG_PREFIX = '--paneldesk-options=';
const SQLITE_BINDING_ENV = 'PANELDESK_SQLITE_BINDING';

/** Written by scripts/electron-native.mjs for `npm start`; packaged apps are rebuilt by electron-builder. */
export const NATIVE_BINDING_FILE = path.join('.electron-native', 'better_sqlite3.node');

export interface LaunchContext {
  /** app.getAppPath(): the folder (or asar) holding package.json and dist/. */
  appPath: string;
  /** app.getPath('userData'). */
  userDataPath: string;
  /** process.resourcesPath. */
  resourcesPath: string;
  isPackaged: boolean;
  appVersion: string;
  env: NodeJS.ProcessEnv;
}

export interface BackendLaunch {
  modulePath: string;
  args: string[];
  env: Record<string, string>;
  options: Omit<HostOptions, 'nativeBinding'>;
}

export function backendLaunch(ctx: LaunchContext): BackendLaunch {
  const options: BackendLaunch['options'] = {
    dataDir: path.join(ctx.userDataPath, 'data'),
    // electron-builder copies resources/ to <resourcesPath>/resources (extraResources).
    resourcesDir: ctx.isPackaged ? path.join(ctx.resourcesPath, 'resources') : path.join(ctx.appPath, 'resources'),
    host: 'electron',
    appVersion: ctx.appVersion,
  };
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(ctx.env)) if (value !== undefined && key !== SQLITE_BINDING_ENV) env[key] = value;
  const binding = path.join(ctx.appPath, NATIVE_BINDING_FILE);
  if (!ctx.isPackaged && existsSync(binding)) env[SQLITE_BINDING_ENV] = binding;
  return {
    modulePath: path.join(ctx.appPath, 'dist', 'backend', 'process.mjs'),
    args: [OPTIONS_ARG_PREFIX + JSON.stringify(options)],
    env,
    options,
  };
}

export interface BackendProcess {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** A host-level request (file tokens, attachment bytes, revocation); null when the backend is gone. */
  hostOp(op: HostOp): Promise<HostOpResult | null>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** Called if the process ends without close(): it is not restarted behind the user's back. */
  onUnexpectedExit(listener: (code: number) => void): void;
  /** Asks the backend to close its database, then waits for it to exit (killing it after timeoutMs). */
  close(timeoutMs?: number): Promise<void>;
  readonly running: boolean;
}

function isFromBackend(v: unknown): v is FromBackend {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as { id?: unknown; result?: unknown; event?: unknown };
  if (typeof m.id === 'number') {
    const r = 'hostResult' in m ? (m as { hostResult?: unknown }).hostResult : m.result;
    return typeof r === 'object' && r !== null;
  }
  return typeof m.event === 'object' && m.event !== null;
}

export function startBackend(launch: BackendLaunch): BackendProcess {
  const child = utilityProcess.fork(launch.modulePath, launch.args, {
    env: launch.env,
    serviceName: 'PanelDesk backend',
    stdio: 'inherit',
  });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const pendingHost = new Map<number, (result: HostOpResult | null) => void>();
  const eventListeners = new Set<(event: AppEvent) => void>();
  const exitListeners: ((code: number) => void)[] = [];
  let nextId = 1;
  let state: 'running' | 'closing' | 'exited' = 'running';
  let closing: Promise<void> | null = null;
  let exited: () => void = () => undefined;
  const exitedPromise = new Promise<void>((resolve) => (exited = resolve));

  const post = (message: ToBackend): void => child.postMessage(message);

  child.on('message', (message: unknown) => {
    if (!isFromBackend(message)) return;
    if ('hostResult' in message) {
      const resolve = pendingHost.get(message.id);
      pendingHost.delete(message.id);
      resolve?.(message.hostResult);
    } else if ('id' in message) {
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      resolve?.(message.result);
    } else {
      for (const listener of eventListeners) listener(message.event);
    }
  });

  child.on('exit', (code: number) => {
    const unexpected = state === 'running';
    state = 'exited';
    for (const resolve of pending.values()) resolve(fail('INTERNAL', `backend exited (code ${code})`));
    pending.clear();
    for (const resolve of pendingHost.values()) resolve(null);
    pendingHost.clear();
    exited();
    if (unexpected) for (const listener of exitListeners) listener(code);
  });

  return {
    get running() {
      return state === 'running';
    },
    invoke(method, input) {
      if (state !== 'running') return Promise.resolve(fail('INTERNAL', 'backend is not running'));
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        try {
          post({ id, method, input });
        } catch (err) {
          pending.delete(id);
          resolve(fail('INTERNAL', `could not reach the backend: ${String(err)}`));
        }
      });
    },
    hostOp(op) {
      if (state !== 'running') return Promise.resolve(null);
      const id = nextId++;
      return new Promise((resolve) => {
        pendingHost.set(id, resolve);
        try {
          post({ id, host: op });
        } catch {
          pendingHost.delete(id);
          resolve(null);
        }
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onUnexpectedExit(listener) {
      exitListeners.push(listener);
    },
    close(timeoutMs = 5000) {
      if (state === 'exited') return Promise.resolve();
      if (closing) return closing;
      state = 'closing';
      const timer = setTimeout(() => child.kill(), timeoutMs);
      try {
        post({ close: true });
      } catch {
        child.kill();
      }
      closing = exitedPromise.finally(() => clearTimeout(timer));
      return closing;
    },
  };
}
