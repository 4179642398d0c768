// The backend's single entry: validates each call against the contract, checks the caller's role,
// runs the handler and answers {ok, value} or {ok:false, error:{code, message, details}}.
import { contract, isMethodName, type AppEvent } from '../../shared/contract';
import { AppError, fail, ok, type Result } from '../../shared/errors';
import { MAX_PAYLOAD_BYTES } from '../../shared/ipc';
import type { Ctx } from './context';
import { openDatabase } from './db/connection';
import { toAppError } from './errors';
import { handlers, type HandlerEnv } from './handlers';
import type { BackendHost, Caller, HostOptions } from './host-types';
import { Jobs } from './jobs';
import { deskProtected } from './services/desk';
import { recoverDataDir } from './services/recovery';
import { DEFAULT_SCRYPT_LOG_N } from './crypto/key-vault';

function payloadSize(input: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(input ?? null), 'utf8');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export function createHost(opts: HostOptions): BackendHost {
  const listeners = new Set<(e: AppEvent) => void>();
  const emit = (e: AppEvent): void => listeners.forEach((l) => l(e));
  const jobs = new Jobs(emit);
  // Until roles and passphrases arrive, the person at the keyboard sets the session up.
  const caller: Caller = { role: 'secretary' };

  let env: HandlerEnv | null = null;
  let openError: AppError | null = null;
  try {
    const db = openDatabase(opts.dataDir, { nativeBinding: opts.nativeBinding });
    // What a killed import left behind (temp files, blobs no row names) goes before anything else runs.
    try {
      const leftovers = recoverDataDir(db, opts.dataDir);
      if (leftovers.length > 0) console.warn(`[backend] removed ${leftovers.length} leftover file(s) of an interrupted import`);
    } catch (err) {
      // Leftovers cost only space; they never stop the desk from opening.
      console.warn('[backend] could not clear leftovers of an interrupted import:', err);
    }
    // A protected desk starts locked: nobody is the secretary until the passphrase is given.
    if (deskProtected(db)) caller.role = 'locked';
    const ctx: Ctx = { db, dataDir: opts.dataDir, resourcesDir: opts.resourcesDir, caller, scryptLogN: opts.scryptLogN ?? DEFAULT_SCRYPT_LOG_N };
    env = { ctx, jobs, info: { version: opts.appVersion, dataDir: opts.dataDir, host: opts.host } };
  } catch (err) {
    // The app stays up and tells the user; the file is left exactly as it was.
    openError = toAppError(err);
  }

  async function invoke(method: string, input: unknown): Promise<Result<unknown>> {
    if (!isMethodName(method)) return fail('CONTRACT_UNKNOWN_METHOD', `unknown method ${String(method).slice(0, 80)}`, { field: 'method' });
    const size = payloadSize(input);
    if (size > MAX_PAYLOAD_BYTES) return fail('CONTRACT_PAYLOAD_TOO_LARGE', `payload of ${size} bytes`, { limit: MAX_PAYLOAD_BYTES });
    const spec = contract[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // An unexpected key is reported at its parent; name the key itself so the field says where.
      const where = issue ? [...issue.path, ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])] : [];
      const field = where.map(String).join('.');
      return fail('CONTRACT_INVALID_INPUT', `${method}: ${field}: ${issue?.message ?? 'invalid'}`, {
        field,
        reason: issue?.message ?? 'invalid',
      });
    }
    if (!spec.roles.includes(caller.role)) return fail('CONTRACT_FORBIDDEN', `${method} is not allowed for ${caller.role}`, { field: 'role' });
    if (!env) {
      const e = openError ?? new AppError('INTERNAL', 'backend not ready');
      return { ok: false, error: e.toShape() };
    }
    try {
      const handler = handlers[method] as (env: HandlerEnv, input: unknown) => unknown;
      return ok(await handler(env, parsed.data));
    } catch (err) {
      const e = toAppError(err);
      if (e.code === 'INTERNAL') console.error(`[backend] ${method} failed:`, err);
      return { ok: false, error: e.toShape() };
    }
  }

  return {
    invoke,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      jobs.abortAll();
      env?.ctx.db.close();
      env = null;
    },
  };
}
