import type { Db } from '../connection';

export function getPref(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM pref WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? row.value : null;
}

export function setPref(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO pref (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
