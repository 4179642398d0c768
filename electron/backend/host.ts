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
import { idleExpired, lockDesk } from './services/desk';
import { recoverDataDir } from './services/recovery';
import { DEFAULT_SCRYPT_LOG_N } from './crypto/key-vault';
// The shell boundary: file tokens, attachment capabilities, the principal that owns them.
import { fileFieldsOf, type FileTokenRenewal } from '../../shared/file-token';
import { AttachmentCapabilities } from './attachment-caps';
import { openBlob } from './blobs/store';
import { FileGrants, resolveFileFields } from './file-grants';
import { principalKey } from './principal';
import { checkAttachmentAccess } from './services/attachment-access';

/** Calls a screen makes without a user acting (start-up, polling): they neither need nor refresh activity. */
const PASSIVE = new Set(['getAppInfo', 'getPrefs', 'listSessions', 'getPrincipal', 'getScoringProgress']);

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
  // Every desk starts locked: nobody is anybody until a passphrase is given (a new data folder first asks
  // the secretary to set one).
  const caller: Caller = { role: 'locked' };
  const jobs = new Jobs(emit, () => principalKey(caller));
  const files = new FileGrants();
  const attachments = new AttachmentCapabilities();

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
    const ctx: Ctx = {
      db,
      dataDir: opts.dataDir,
      resourcesDir: opts.resourcesDir,
      caller,
      callerEpoch: 0,
      lastActivity: performance.now(),
      enrolment: null,
      scryptLogN: opts.scryptLogN ?? DEFAULT_SCRYPT_LOG_N,
      demoKeySeed: opts.demoKeySeed,
      // Capabilities belong to the person who was granted them.
      onPrincipalChange: [() => attachments.revokeAll()],
    };
    env = { ctx, jobs, attachments, info: { version: opts.appVersion, dataDir: opts.dataDir, host: opts.host } };
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
    if (!env) {
      const e = openError ?? new AppError('INTERNAL', 'backend not ready');
      return { ok: false, error: e.toShape() };
    }
    // The idle lock is enforced here, not trusted to the renderer's timer.
    let idleLocked = false;
    if (idleExpired(env.ctx)) {
      lockDesk(env.ctx, 'idle');
      idleLocked = true;
    }
    if (!spec.roles.includes(caller.role)) {
      if (idleLocked) return fail('DESK_IDLE_LOCKED', 'the desk locked itself after the idle timeout', { field: 'role' });
      return fail('CONTRACT_FORBIDDEN', `${method} is not allowed for ${caller.role}`, { field: 'role' });
    }
    if (!PASSIVE.has(method)) env.ctx.lastActivity = performance.now();
    const before = principalKey(caller);
    try {
      // File tokens become paths here, so services keep taking real paths.
      const { input: resolved, opened } = resolveFileFields(files, fileFieldsOf(spec.input), parsed.data);
      const handler = handlers[method] as (env: HandlerEnv, input: unknown) => unknown;
      const value = await handler(env, resolved);
      // A follow-up on the same chosen file (retry with a key, apply after preview) needs a fresh token.
      if (opened.length === 0) return ok(value);
      const reply: Result<unknown> & FileTokenRenewal = { ok: true, value, renewed: Object.fromEntries(opened.map((o) => [o.field, files.grant(o.path, 'open')])) };
      return reply;
    } catch (err) {
      const e = toAppError(err);
      if (e.code === 'INTERNAL') console.error(`[backend] ${method} failed:`, err);
      return { ok: false, error: e.toShape() };
    } finally {
      // Sign-in, sign-out, lock: another person's capabilities must not outlive them.
      if (principalKey(caller) !== before) attachments.revokeAll();
    }
  }

  async function serveAttachment(capability: string): ReturnType<BackendHost['serveAttachment']> {
    if (!env) return null;
    const ref = attachments.resolve(capability, principalKey(caller));
    if (!ref) return null;
    try {
      // Checked again: a recusal confirmed since the grant closes it too.
      checkAttachmentAccess(env.ctx, ref);
      return await openBlob(env.ctx.dataDir, ref.sha256);
    } catch {
      return null;
    }
  }

  return {
    invoke,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    grantFile: (path, purpose) => files.grant(path, purpose),
    serveAttachment,
    revokeCapabilities: () => attachments.revokeAll(),
    close() {
      attachments.revokeAll();
      jobs.abortAll();
      env?.ctx.db.close();
      env = null;
    },
  };
}
