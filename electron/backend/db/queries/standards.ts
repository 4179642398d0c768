import { StandardDoc, type QuotaDoc } from '../../../../shared/bundle/schema';
import type { Db } from '../connection';
import { prepared } from '../statements';

export function insertStandards(db: Db, sessionId: string, standards: readonly StandardDoc[]): void {
  const stmt = prepared(db,
    'INSERT INTO standard (session_id, id, version, name, series, specialty, level, doc_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const s of standards) stmt.run(sessionId, s.id, s.version, s.name, s.series, s.specialty, s.level, JSON.stringify(s));
}

export function getStandard(db: Db, sessionId: string, id: string): StandardDoc | null {
  const row = prepared(db, 'SELECT doc_json AS json FROM standard WHERE session_id = ? AND id = ?').get(sessionId, id) as
    | { json: string }
    | undefined;
  return row ? StandardDoc.parse(JSON.parse(row.json)) : null;
}

export function listStandards(db: Db, sessionId: string): StandardDoc[] {
  const rows = prepared(db, 'SELECT doc_json AS json FROM standard WHERE session_id = ? ORDER BY id').all(sessionId) as Array<{ json: string }>;
  return rows.map((r) => StandardDoc.parse(JSON.parse(r.json)));
}

export function insertQuotas(db: Db, sessionId: string, quotas: readonly QuotaDoc[]): void {
  const stmt = prepared(db, 'INSERT INTO quota (session_id, id, scope, value, count) VALUES (?, ?, ?, ?, ?)');
  for (const q of quotas) stmt.run(sessionId, q.id, q.scope, q.value, q.count);
}
