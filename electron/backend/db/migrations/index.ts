// Numbered migrations (Signal-Desktop style): each step runs once, all pending ones in one transaction,
// and PRAGMA user_version records the last. A database from a newer app is refused, never touched.
import { AppError } from '../../../../shared/errors';
import type { Db } from '../connection';
import m0010 from './0010-init';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export const MIGRATIONS: readonly Migration[] = [m0010];

export function latestVersion(list: readonly Migration[] = MIGRATIONS): number {
  return list.length === 0 ? 0 : (list[list.length - 1] as Migration).version;
}

export function checkOrder(list: readonly Migration[]): void {
  for (let i = 1; i < list.length; i++) {
    const prev = list[i - 1] as Migration;
    const cur = list[i] as Migration;
    if (cur.version <= prev.version) {
      throw new Error(`migration ${cur.version} (${cur.name}) is not after ${prev.version} (${prev.name})`);
    }
  }
}

export function migrate(db: Db, file: string, list: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  checkOrder(list);
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = latestVersion(list);
  if (current > latest) {
    throw new AppError('DB_NEWER_VERSION', `database schema ${current} is newer than this app's ${latest}`, {
      file,
      actual: String(current),
      expected: String(latest),
    });
  }
  const pending = list.filter((m) => m.version > current);
  if (pending.length === 0) return { from: current, to: current };
  try {
    db.transaction(() => {
      for (const m of pending) m.up(db);
      db.pragma(`user_version = ${latest}`);
    }).immediate();
  } catch (err) {
    throw new AppError('DB_MIGRATION_FAILED', `migration failed: ${(err as Error).message}`, { file });
  }
  return { from: current, to: latest };
}
