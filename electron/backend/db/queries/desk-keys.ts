// Desk roles' signing keys (secretary, examiner), sealed under the role's passphrase.
import type { Db } from '../connection';

export type DeskRole = 'secretary' | 'examiner';

export interface DeskKeyRow {
  keyid: string;
  role: DeskRole;
  publicKey: string;
  sealedJson: string;
  createdAt: string;
  retiredAt: string | null;
}

const COLS = 'keyid, role, public_key AS publicKey, sealed_json AS sealedJson, created_at AS createdAt, retired_at AS retiredAt';

export function currentDeskKey(db: Db, role: DeskRole): DeskKeyRow | null {
  return (db.prepare(`SELECT ${COLS} FROM desk_key WHERE role = ? AND retired_at IS NULL`).get(role) as DeskKeyRow | undefined) ?? null;
}

export function deskKeyById(db: Db, keyid: string): DeskKeyRow | null {
  return (db.prepare(`SELECT ${COLS} FROM desk_key WHERE keyid = ?`).get(keyid) as DeskKeyRow | undefined) ?? null;
}

/** Retires the role's current key (it stays, to verify what it signed) and stores the new one. */
export function replaceDeskKey(db: Db, k: Omit<DeskKeyRow, 'retiredAt'>): void {
  db.prepare('UPDATE desk_key SET retired_at = ? WHERE role = ? AND retired_at IS NULL').run(k.createdAt, k.role);
  db.prepare('INSERT INTO desk_key (keyid, role, public_key, sealed_json, created_at) VALUES (?, ?, ?, ?, ?)').run(k.keyid, k.role, k.publicKey, k.sealedJson, k.createdAt);
}
