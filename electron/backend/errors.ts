// Mapping thrown things to coded errors: the UI shows the code's translation, logs keep the message.
import { AppError } from '../../shared/errors';
import { DB_FILE } from './db/connection';

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // `throw undefined` / `Promise.reject()` must map too: the dispatcher and jobs promise never to throw.
  const code = (err as { code?: unknown } | null | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  // A full disk or quota, wherever it struck: the file system call names its path, SQLite its database.
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    const p = (err as { path?: unknown }).path;
    return new AppError('DISK_FULL', message, typeof p === 'string' ? { path: p } : undefined);
  }
  if (code === 'SQLITE_FULL') return new AppError('DISK_FULL', message, { file: DB_FILE });
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new AppError('DB_CORRUPT', message);
  return new AppError('INTERNAL', message);
}
