import type { Db } from '../connection';
import { prepared } from '../statements';

export function setAttendance(db: Db, args: { sessionId: string; expertId: string; present: boolean; at: string }): void {
  prepared(db,
    `INSERT INTO attendance (session_id, expert_id, present, recorded_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(session_id, expert_id) DO UPDATE SET present = excluded.present, recorded_at = excluded.recorded_at`,
  ).run(args.sessionId, args.expertId, args.present ? 1 : 0, args.at);
}

/** expert id → present (experts never marked are absent from the map). */
export function attendanceMap(db: Db, sessionId: string): Map<string, { present: boolean; recordedAt: string }> {
  const rows = prepared(db, 'SELECT expert_id AS expertId, present, recorded_at AS recordedAt FROM attendance WHERE session_id = ?')
    .all(sessionId) as Array<{ expertId: string; present: number; recordedAt: string }>;
  return new Map(rows.map((r) => [r.expertId, { present: r.present === 1, recordedAt: r.recordedAt }]));
}
