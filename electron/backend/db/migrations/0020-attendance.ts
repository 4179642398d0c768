// Attendance taken at the meeting: who is present decides quorum and, later, who may vote.
import type { Migration } from './index';

const migration: Migration = {
  version: 20,
  name: 'attendance',
  up(db) {
    db.exec(`
      CREATE TABLE attendance (
        session_id TEXT NOT NULL,
        expert_id TEXT NOT NULL,
        present INTEGER NOT NULL CHECK (present IN (0, 1)),
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (session_id, expert_id),
        FOREIGN KEY (session_id, expert_id) REFERENCES expert(session_id, id) ON DELETE CASCADE
      ) STRICT;
    `);
  },
};
export default migration;
