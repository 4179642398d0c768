// Mapping thrown things to coded errors: the UI shows the code's translation, logs keep the message.
import { AppError } from '../../shared/errors';

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // `throw undefined` / `Promise.reject()` must map too: the dispatcher and jobs promise never to throw.
  const code = (err as { code?: unknown } | null | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new AppError('DISK_FULL', message);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new AppError('DB_CORRUPT', message);
  return new AppError('INTERNAL', message);
}
