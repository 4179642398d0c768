// Numbered migrations (Signal-Desktop style): each step runs once, all pending ones in one transaction,
// and PRAGMA user_version records the last. A database from a newer app is refused, never touched.
import { AppError } from '../../../../shared/errors';
import type { Db } from '../connection';
import m0010 from './0010-init';
import m0020 from './0020-attendance';
import m0030 from './0030-scoring';
import m0040 from './0040-roles';
// speed (issue 14): indexes for the interactive calls
import m0050 from './0050-indexes';
// audit anchors (audit engineer)
import m0060 from './0060-audit-anchors';
// the committee meeting (issue 9)
import m0070 from './0070-meeting';
// the meeting's open points: co-signed counts, per-ballot paper entry, arbitration (meeting engineer)
import m0080 from './0080-meeting-counts';
// result bundles: the seals (rbundle engineer)
import m0090 from './0090-result-seals';
// the tally at scale: stored round counts and sheet totals (completed engineer)
import m0100 from './0100-tally-cache';
// the examiner's workspace (issue 11)
import m0110 from './0110-examiner';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export const MIGRATIONS: readonly Migration[] = [m0010, m0020, m0030, m0040, m0050, m0060, m0070, m0080, m0090, m0100, m0110];

/** Identifies our database files (PRAGMA application_id): 'PDSK'. */
export const APPLICATION_ID = 0x5044534b;

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

/** Refuses a database written by a newer app; reads only, so it can run before any pragma writes. */
export function assertNotNewer(db: Db, file: string, list: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = latestVersion(list);
  if (current > latest) {
    throw new AppError('DB_NEWER_VERSION', `database schema ${current} is newer than this app's ${latest}`, {
      file,
      actual: String(current),
      expected: String(latest),
    });
  }
  return current;
}

export function migrate(db: Db, file: string, list: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  checkOrder(list);
  const current = assertNotNewer(db, file, list);
  const latest = latestVersion(list);
  const pending = list.filter((m) => m.version > current);
  if (pending.length === 0) return { from: current, to: current };
  try {
    db.transaction(() => {
      for (const m of pending) m.up(db);
      // Stamped in the same transaction as the schema: a crash can't leave our tables in an unclaimed file.
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${latest}`);
    }).immediate();
  } catch (err) {
    throw new AppError('DB_MIGRATION_FAILED', `migration failed: ${(err as Error).message}`, { file });
  }
  return { from: current, to: latest };
}
