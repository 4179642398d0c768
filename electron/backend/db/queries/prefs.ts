import type { Db } from '../connection';
import { prepared } from '../statements';

export function getPref(db: Db, key: string): string | null {
  const row = prepared(db, 'SELECT value FROM pref WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? row.value : null;
}

export function setPref(db: Db, key: string, value: string): void {
  prepared(db, 'INSERT INTO pref (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
