// File tokens: the host's dialogs grant one per chosen file; a contract call spends it. The renderer thus
// names only files the user picked, each for its purpose (open or save), and each token works once.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { FILE_TOKEN_RE, type FilePurpose } from '../../shared/file-token';

/** Outstanding tokens kept; the oldest go first (a user never has this many dialogs pending). */
const MAX_LIVE = 64;
/** Spent tokens remembered, so a second use says "used" rather than "unknown". */
const MAX_SPENT = 256;

interface Grant {
  path: string;
  purpose: FilePurpose;
}

export class FileGrants {
  private readonly live = new Map<string, Grant>();
  private readonly spent = new Set<string>();

  /** A fresh token for `file` (an absolute path the host's dialog or a drop produced). */
  grant(file: string, purpose: FilePurpose): string {
    if (typeof file !== 'string' || !path.isAbsolute(file) || file.includes('\0')) {
      throw new AppError('FILE_TOKEN_INVALID', 'only absolute paths from a dialog can be granted', { reason: 'not_absolute' });
    }
    if (purpose !== 'open' && purpose !== 'save') throw new AppError('FILE_TOKEN_INVALID', 'unknown purpose', { reason: 'purpose' });
    const token = `ft_${randomBytes(32).toString('base64url')}`;
    this.live.set(token, { path: file, purpose });
    if (this.live.size > MAX_LIVE) this.live.delete(this.live.keys().next().value as string);
    return token;
  }

  /** The path behind `token`, which is spent by this call. FILE_TOKEN_INVALID names the field and why. */
  take(token: string, purpose: FilePurpose, field: string): string {
    const refuse = (reason: string): never => {
      throw new AppError('FILE_TOKEN_INVALID', `${field}: not a ${purpose} token from a file dialog (${reason})`, { field, reason });
    };
    if (!FILE_TOKEN_RE.test(token)) refuse('not_a_token');
    if (this.spent.has(token)) refuse('used');
    const g = this.live.get(token);
    if (!g) return refuse('unknown');
    // Spent even when the purpose is wrong: a token offered for the wrong use is not trusted again.
    this.live.delete(token);
    this.spent.add(token);
    if (this.spent.size > MAX_SPENT) this.spent.delete(this.spent.values().next().value as string);
    if (g.purpose !== purpose) refuse('purpose');
    return g.path;
  }
}

export interface ResolvedFiles<T> {
  input: T;
  /** Open files the call read: a successor token is issued for each if the call succeeds. */
  opened: Array<{ field: string; path: string }>;
}

/** Replaces each token field of `input` with its path (fields from shared/file-token.ts fileFieldsOf). */
export function resolveFileFields<T>(grants: FileGrants, fields: ReadonlyArray<{ field: string; purpose: FilePurpose }>, input: T): ResolvedFiles<T> {
  const out = { ...(input as Record<string, unknown>) };
  const opened: Array<{ field: string; path: string }> = [];
  for (const { field, purpose } of fields) {
    const token = out[field];
    if (token === undefined) continue;
    const file = grants.take(String(token), purpose, field);
    out[field] = file;
    if (purpose === 'open') opened.push({ field, path: file });
  }
  return { input: out as T, opened };
}
