import { StandardDoc, type QuotaDoc } from '../../../../shared/bundle/schema';
import type { Db } from '../connection';
import { prepared } from '../statements';

export function insertStandards(db: Db, sessionId: string, standards: readonly StandardDoc[]): void {
  const stmt = prepared(db,
    'INSERT INTO standard (session_id, id, version, name, series, specialty, level, doc_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const s of standards) stmt.run(sessionId, s.id, s.version, s.name, s.series, s.specialty, s.level, JSON.stringify(s));
}

// Validating a standard document costs milliseconds and every open, save and list reads one: the parse is
// kept per stored text (a session update that changes a standard changes its text, so it is parsed again).
// The documents handed out are frozen, as they are shared.
const parsed = new Map<string, StandardDoc>();
const PARSED_MAX = 64;

function parseStandard(json: string): StandardDoc {
  let doc = parsed.get(json);
  if (!doc) {
    doc = deepFreeze(StandardDoc.parse(JSON.parse(json)));
    if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value as string);
    parsed.set(json, doc);
  }
  return doc;
}

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

export function getStandard(db: Db, sessionId: string, id: string): StandardDoc | null {
  const row = prepared(db, 'SELECT doc_json AS json FROM standard WHERE session_id = ? AND id = ?').get(sessionId, id) as
    | { json: string }
    | undefined;
  return row ? parseStandard(row.json) : null;
}

export function listStandards(db: Db, sessionId: string): StandardDoc[] {
  const rows = prepared(db, 'SELECT doc_json AS json FROM standard WHERE session_id = ? ORDER BY id').all(sessionId) as Array<{ json: string }>;
  return rows.map((r) => parseStandard(r.json));
}

export function insertQuotas(db: Db, sessionId: string, quotas: readonly QuotaDoc[]): void {
  const stmt = prepared(db, 'INSERT INTO quota (session_id, id, scope, value, count) VALUES (?, ?, ?, ?, ?)');
  for (const q of quotas) stmt.run(sessionId, q.id, q.scope, q.value, q.count);
}
