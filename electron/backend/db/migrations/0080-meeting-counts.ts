// The meeting's open points (issue 9): the teller's and the scrutineer's co-signed counts (计票结果报告单), paper
// ballots entered one by one, and the chair's arbitration of two paper entries that differ. docs/meeting-rules.md §7.
import type { Migration } from './index';

const SQL = `
-- 计票结果报告单: each officer signs, with their own key, the counts of every round closed so far (by their hash).
-- A round closed later changes the hash: both sign again; earlier signatures stay.
CREATE TABLE count_signature (
  session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  officer TEXT NOT NULL CHECK (officer IN ('teller', 'scrutineer')),
  expert_id TEXT NOT NULL,
  keyid TEXT NOT NULL,
  counts_sha256 TEXT NOT NULL CHECK (length(counts_sha256) = 64),
  envelope_json TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  PRIMARY KEY (session_id, seq),
  UNIQUE (session_id, officer, counts_sha256)
) STRICT;
CREATE TRIGGER count_signature_no_upd BEFORE UPDATE ON count_signature
BEGIN SELECT RAISE(ABORT, 'a co-signed count report is never changed'); END;
CREATE TRIGGER count_signature_no_del BEFORE DELETE ON count_signature
BEGIN SELECT RAISE(ABORT, 'a co-signed count report is never deleted'); END;

-- A paper entry made ballot by ballot keeps the ballots (one mark per dossier, in the round's order); its counts
-- are derived from them, so the round closes the same way as with counts.
ALTER TABLE paper_entry ADD COLUMN ballots_json TEXT;

-- Two entries that differ after a recount: the chair accepts one of them, with a reason (仲裁).
CREATE TABLE paper_arbitration (
  session_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  entry_seq INTEGER NOT NULL,
  chair_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (session_id, round_id),
  FOREIGN KEY (session_id, round_id, entry_seq) REFERENCES paper_entry(session_id, round_id, seq)
) STRICT;
CREATE TRIGGER paper_arbitration_closed_ins BEFORE INSERT ON paper_arbitration
WHEN (SELECT status FROM ballot_round r WHERE r.session_id = NEW.session_id AND r.id = NEW.round_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'ballot round is not open'); END;
CREATE TRIGGER paper_arbitration_no_upd BEFORE UPDATE ON paper_arbitration
BEGIN SELECT RAISE(ABORT, 'an arbitration is never changed'); END;
CREATE TRIGGER paper_arbitration_no_del BEFORE DELETE ON paper_arbitration
BEGIN SELECT RAISE(ABORT, 'an arbitration is never deleted'); END;
`;

const migration: Migration = {
  version: 80,
  name: 'meeting-counts',
  up(db) {
    db.exec(SQL);
  },
};
export default migration;
