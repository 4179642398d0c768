// What must hold after every restart of a killed backend: the database is sound, the audit entries
// link up, no session is half-imported, the data folder holds nothing the database does not know, and
// every acknowledged write is there (the ledger of Checks).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { findFirstBrokenLink } from '../../shared/audit';
import { listAudit } from '../../electron/backend/db/queries/audit';
import { DB_FILE } from '../../electron/backend/db/connection';
import type { Check } from './operations';
import type { World } from './world';

/** Every file under `dir`, relative, with '/' separators. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

const DB_FILES = new Set([DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]);
const BLOB = /^blobs\/sha256\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** Files in the data folder that the database does not account for (temp files, unrecorded blobs). */
export function strayFiles(db: Database.Database, dataDir: string): string[] {
  const known = db.prepare('SELECT 1 FROM blob WHERE sha256 = ?').pluck();
  return listFiles(dataDir).filter((f) => {
    if (DB_FILES.has(f)) return false;
    const m = BLOB.exec(f);
    return !(m && m[2]?.startsWith(m[1] ?? '') && known.get(m[2]) !== undefined);
  });
}

/** Hashes of blobs already verified, so each file is read once per run. */
const verifiedBlobs = new Set<string>();

export function databaseProblems(db: Database.Database): string[] {
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') problems.push(`integrity_check: ${integrity.map((r) => r.integrity_check).join('; ').slice(0, 300)}`);
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) problems.push(`foreign_key_check: ${fk.length} violation(s)`);
  return problems;
}

export function stateProblems(db: Database.Database, world: World, ledger: Map<string, Array<Check | null>>): string[] {
  const problems: string[] = [];
  // Every entry links to the one before (the signed checkpoints are checked through the backend, run.ts).
  const broken = findFirstBrokenLink(listAudit(db));
  if (broken) problems.push(`audit chain broken at seq ${broken.seq} (${broken.reason})`);

  // No half-imported session: each one holds everything its bundle brought, every attachment on disk.
  for (const s of db.prepare('SELECT id FROM session').pluck().all() as string[]) {
    const plan = world.sessions.get(s);
    if (!plan) {
      problems.push(`unknown session ${s}`);
      continue;
    }
    const count = (sql: string): number => (db.prepare(sql).get(s) as { n: number }).n;
    const dossiers = count('SELECT count(*) AS n FROM dossier WHERE session_id = ?');
    const attachments = count('SELECT count(*) AS n FROM attachment WHERE session_id = ?');
    const experts = count('SELECT count(*) AS n FROM expert WHERE session_id = ?');
    if (dossiers !== plan.dossiers || attachments !== plan.attachments || experts !== plan.experts) {
      problems.push(`half-imported session ${s}: ${dossiers}/${plan.dossiers} dossiers, ${attachments}/${plan.attachments} attachments, ${experts}/${plan.experts} experts`);
    }
  }
  const dataDir = path.dirname(db.name);
  for (const b of db.prepare('SELECT sha256, size FROM blob').all() as Array<{ sha256: string; size: number }>) {
    const file = path.join(dataDir, 'blobs', 'sha256', b.sha256.slice(0, 2), b.sha256);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      problems.push(`blob ${b.sha256.slice(0, 12)}… recorded but missing`);
      continue;
    }
    if (bytes.length !== b.size) problems.push(`blob ${b.sha256.slice(0, 12)}… has ${bytes.length} bytes, recorded ${b.size}`);
    else if (!verifiedBlobs.has(b.sha256)) {
      if (createHash('sha256').update(bytes).digest('hex') !== b.sha256) problems.push(`blob ${b.sha256.slice(0, 12)}… content does not match its name`);
      else verifiedBlobs.add(b.sha256);
    }
  }
  const strays = strayFiles(db, dataDir);
  if (strays.length > 0) problems.push(`orphan or temp files in the data folder: ${strays.slice(0, 5).join(', ')}${strays.length > 5 ? ` (+${strays.length - 5})` : ''}`);

  // Every acknowledged write (or, for the one in flight at the kill, its old or new state).
  for (const [key, alternatives] of ledger) {
    if (alternatives.length === 0 || alternatives.includes(null)) {
      // An unacknowledged write that may or may not have happened: keep only what holds now.
      ledger.set(key, alternatives.filter((c): c is Check => c !== null && c(db) === null).slice(0, 1));
      continue;
    }
    const results = alternatives.map((c) => (c as Check)(db));
    const held = results.findIndex((r) => r === null);
    if (held < 0) problems.push(`acknowledged write lost: ${results[results.length - 1] ?? key}`);
    // From now on, what is there is what must stay.
    else ledger.set(key, [alternatives[held] as Check]);
  }
  return problems;
}
