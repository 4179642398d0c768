// The committee meeting: check-in, officers, commitments, ballot rounds and anonymous ballots, quota decisions and
// the signed results. docs/meeting-rules.md; issue 9.
//
// Ballot secrecy is in the schema, not only in the code:
// - `ballot` holds no voter and no time; its key is a random id, and WITHOUT ROWID stores rows in key order, so the
//   storage order is random too (no rowid that counts insertions);
// - `round_participation` ("has voted") is a separate table keyed by expert, also without times;
// - the roll of a round is fixed when it opens.
// Closed (or void) rounds are immutable: triggers refuse any change to them, their ballots and participation.
import type { Migration } from './index';

/** Rows that belong to a ballot round are added only while that round is open. */
function whileRoundOpen(trigger: string, table: string): string {
  return `CREATE TRIGGER ${trigger} BEFORE INSERT ON ${table}
WHEN (SELECT status FROM ballot_round r WHERE r.session_id = NEW.session_id AND r.id = NEW.round_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'ballot round is not open'); END;`;
}

const ROUND_ROWS = [
  ['ballot_closed_ins', 'ballot'],
  ['participation_closed_ins', 'round_participation'],
  ['roll_closed_ins', 'round_roll'],
  ['round_dossier_closed_ins', 'round_dossier'],
  ['paper_entry_closed_ins', 'paper_entry'],
] as const;

const SQL = `
CREATE TABLE meeting (
  session_id TEXT PRIMARY KEY REFERENCES session(id) ON DELETE CASCADE,
  opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  quorum_base TEXT NOT NULL CHECK (quorum_base IN ('all_members', 'sitting_members')),
  recused_count_in_a INTEGER NOT NULL CHECK (recused_count_in_a IN (0, 1)),
  max_revotes INTEGER NOT NULL CHECK (max_revotes >= 0),
  commitment_text TEXT NOT NULL,
  teller_id TEXT,
  scrutineer_id TEXT,
  CHECK (teller_id IS NULL OR scrutineer_id IS NULL OR teller_id <> scrutineer_id)
) STRICT;

-- One row per expert: arrival and departure (times kept: the minutes list who came late or left early).
CREATE TABLE meeting_presence (
  session_id TEXT NOT NULL,
  expert_id TEXT NOT NULL,
  arrived_at TEXT NOT NULL,
  late INTEGER NOT NULL CHECK (late IN (0, 1)),
  left_at TEXT,
  PRIMARY KEY (session_id, expert_id),
  FOREIGN KEY (session_id, expert_id) REFERENCES expert(session_id, id) ON DELETE CASCADE
) STRICT;

-- The signed commitment (承诺书): DSSE over the text's hash, by the expert's own key.
CREATE TABLE meeting_commitment (
  session_id TEXT NOT NULL,
  expert_id TEXT NOT NULL,
  text_sha256 TEXT NOT NULL CHECK (length(text_sha256) = 64),
  keyid TEXT NOT NULL,
  envelope_json TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  PRIMARY KEY (session_id, expert_id),
  FOREIGN KEY (session_id, expert_id) REFERENCES expert(session_id, id) ON DELETE CASCADE
) STRICT;

CREATE TABLE ballot_round (
  session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  number INTEGER NOT NULL CHECK (number >= 1),
  purpose TEXT NOT NULL CHECK (purpose IN ('vote', 'tiebreak')),
  kind TEXT NOT NULL DEFAULT 'electronic' CHECK (kind IN ('electronic', 'paper')),
  -- Paper rounds: the counts the teller and the scrutineer entered alike, set when the round closes.
  paper_counts_json TEXT,
  quota_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'void')),
  opened_at TEXT NOT NULL,
  closed_at TEXT,
  void_reason TEXT,
  PRIMARY KEY (session_id, id),
  UNIQUE (session_id, number),
  CHECK ((purpose = 'tiebreak') = (quota_id IS NOT NULL))
) STRICT;
-- At most one open round per session.
CREATE UNIQUE INDEX ballot_round_one_open ON ballot_round (session_id) WHERE status = 'open';

CREATE TABLE round_dossier (
  session_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  dossier_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (session_id, round_id, dossier_id),
  FOREIGN KEY (session_id, round_id) REFERENCES ballot_round(session_id, id),
  FOREIGN KEY (session_id, dossier_id) REFERENCES dossier(session_id, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE round_roll (
  session_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  expert_id TEXT NOT NULL,
  PRIMARY KEY (session_id, round_id, expert_id),
  FOREIGN KEY (session_id, round_id) REFERENCES ballot_round(session_id, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE round_participation (
  session_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  expert_id TEXT NOT NULL,
  PRIMARY KEY (session_id, round_id, expert_id),
  FOREIGN KEY (session_id, round_id) REFERENCES ballot_round(session_id, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE ballot (
  session_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  ballot_id TEXT NOT NULL CHECK (length(ballot_id) = 32),
  tracker TEXT NOT NULL,
  dossier_id TEXT NOT NULL,
  choice TEXT NOT NULL CHECK (choice IN ('agree', 'disagree', 'abstain')),
  PRIMARY KEY (session_id, round_id, ballot_id),
  FOREIGN KEY (session_id, round_id) REFERENCES ballot_round(session_id, id)
) STRICT, WITHOUT ROWID;

-- Paper counts, entered by the teller and confirmed blind by the scrutineer (or the other way round); every attempt kept.
CREATE TABLE paper_entry (
  session_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  entrant_id TEXT NOT NULL,
  counts_json TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  PRIMARY KEY (session_id, round_id, seq),
  FOREIGN KEY (session_id, round_id) REFERENCES ballot_round(session_id, id)
) STRICT;

-- The chair's reasoned decision on a quota tie, once the re-votes are used up.
CREATE TABLE quota_decision (
  session_id TEXT NOT NULL,
  quota_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  chosen_json TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (session_id, quota_id, seq)
) STRICT;

-- The chair's signed results statement; a correction is a new version with a reason; none is ever changed.
CREATE TABLE results_statement (
  session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 1),
  signed_by TEXT NOT NULL,
  keyid TEXT NOT NULL,
  envelope_json TEXT NOT NULL,
  payload_sha256 TEXT NOT NULL,
  correction_reason TEXT,
  signed_at TEXT NOT NULL,
  PRIMARY KEY (session_id, version)
) STRICT;

CREATE TRIGGER ballot_round_closed_upd BEFORE UPDATE ON ballot_round WHEN OLD.status <> 'open'
BEGIN SELECT RAISE(ABORT, 'closed ballot round is immutable'); END;
CREATE TRIGGER ballot_round_no_del BEFORE DELETE ON ballot_round
BEGIN SELECT RAISE(ABORT, 'ballot rounds are never deleted'); END;
CREATE TRIGGER ballot_no_upd BEFORE UPDATE ON ballot
BEGIN SELECT RAISE(ABORT, 'ballots are never changed'); END;
CREATE TRIGGER ballot_no_del BEFORE DELETE ON ballot
BEGIN SELECT RAISE(ABORT, 'ballots are never deleted'); END;
CREATE TRIGGER participation_no_change BEFORE DELETE ON round_participation
BEGIN SELECT RAISE(ABORT, 'participation is never deleted'); END;
CREATE TRIGGER roll_no_del BEFORE DELETE ON round_roll
BEGIN SELECT RAISE(ABORT, 'a round roll is never changed'); END;
CREATE TRIGGER round_dossier_no_del BEFORE DELETE ON round_dossier
BEGIN SELECT RAISE(ABORT, 'round dossiers are never changed'); END;
CREATE TRIGGER paper_entry_no_upd BEFORE UPDATE ON paper_entry
BEGIN SELECT RAISE(ABORT, 'paper entries are never changed'); END;
CREATE TRIGGER paper_entry_no_del BEFORE DELETE ON paper_entry
BEGIN SELECT RAISE(ABORT, 'paper entries are never deleted'); END;
CREATE TRIGGER quota_decision_no_upd BEFORE UPDATE ON quota_decision
BEGIN SELECT RAISE(ABORT, 'quota decisions are never changed'); END;
CREATE TRIGGER quota_decision_no_del BEFORE DELETE ON quota_decision
BEGIN SELECT RAISE(ABORT, 'quota decisions are never deleted'); END;
CREATE TRIGGER results_statement_no_upd BEFORE UPDATE ON results_statement
BEGIN SELECT RAISE(ABORT, 'a signed results statement is never changed'); END;
CREATE TRIGGER results_statement_no_del BEFORE DELETE ON results_statement
BEGIN SELECT RAISE(ABORT, 'a signed results statement is never deleted'); END;
`;

const migration: Migration = {
  version: 70,
  name: 'meeting',
  up(db) {
    db.exec(SQL);
    for (const [trigger, table] of ROUND_ROWS) db.exec(whileRoundOpen(trigger, table));
  },
};
export default migration;
