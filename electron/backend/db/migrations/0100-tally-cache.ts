// The tally at scale (issue 9, "≤ 100 ms for 5,000 dossiers × 25 experts × 20 items"): the results read stored
// counts and totals instead of recounting every ballot and summing every score item.
// - `round_count`: each round's counts per dossier, written in the transaction that closes the round (while it is
//   still open, like every row of a round) and never changed after; `round_tracker` likewise holds the published
//   tally's tracker lines (each tracker's choices in round order), so the tally never reads 125,000 ballots again.
// - `sheet_total`: each submitted sheet version's total, written by a trigger at submit, whatever the path (the score
//   sheet, an offline merge, paper entry); `current` drops to 0 when the chair unlocks the sheet into a new version.
// Both are caches of shared/domain rules; existing data is backfilled here with the same code the services run.
import type { Db } from '../connection';
import { confirmedRecusals, recountRound } from '../../services/round-counts';
import { insertRoundCounts, insertRoundTrackers, type DossierCounts } from '../queries/tally-cache';
import type { Migration } from './index';

const SQL = `
CREATE TABLE round_count (
  session_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  dossier_id TEXT NOT NULL,
  issued INTEGER NOT NULL CHECK (issued >= 0),
  returned INTEGER NOT NULL CHECK (returned >= 0),
  valid INTEGER NOT NULL CHECK (valid >= 0),
  invalid INTEGER NOT NULL CHECK (invalid >= 0),
  agree INTEGER NOT NULL CHECK (agree >= 0),
  disagree INTEGER NOT NULL CHECK (disagree >= 0),
  abstain INTEGER NOT NULL CHECK (abstain >= 0),
  PRIMARY KEY (session_id, round_id, dossier_id),
  FOREIGN KEY (session_id, round_id, dossier_id) REFERENCES round_dossier(session_id, round_id, dossier_id)
) STRICT, WITHOUT ROWID;

-- The published tally's trackers: each tracker's choices as one letter per dossier of the round, in round order
-- (a agree, d disagree, s abstain, - no ballot: recused). Public by design (a voter finds their tracker); no voter.
CREATE TABLE round_tracker (
  session_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  tracker TEXT NOT NULL,
  choices TEXT NOT NULL CHECK (choices NOT GLOB '*[^ads-]*'),
  PRIMARY KEY (session_id, round_id, tracker),
  FOREIGN KEY (session_id, round_id) REFERENCES ballot_round(session_id, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE sheet_total (
  session_id TEXT NOT NULL,
  dossier_id TEXT NOT NULL,
  expert_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  total INTEGER NOT NULL,
  current INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1)),
  PRIMARY KEY (session_id, dossier_id, expert_id, version),
  FOREIGN KEY (session_id, dossier_id, expert_id, version) REFERENCES score_sheet(session_id, dossier_id, expert_id, version)
) STRICT, WITHOUT ROWID;

-- Backfill of the totals: every submitted version; only the latest version of a sheet is current.
INSERT INTO sheet_total (session_id, dossier_id, expert_id, version, total, current)
SELECT s.session_id, s.dossier_id, s.expert_id, s.version,
  (SELECT coalesce(sum(i.value), 0) FROM score_item i
   WHERE i.session_id = s.session_id AND i.dossier_id = s.dossier_id AND i.expert_id = s.expert_id AND i.version = s.version),
  s.version = (SELECT max(x.version) FROM score_sheet x WHERE x.session_id = s.session_id AND x.dossier_id = s.dossier_id AND x.expert_id = s.expert_id)
FROM score_sheet s WHERE s.status = 'submitted';

-- At submit (the only way a sheet becomes submitted; its items are locked from then on).
CREATE TRIGGER sheet_total_at_submit AFTER UPDATE OF status ON score_sheet
WHEN NEW.status = 'submitted' AND OLD.status <> 'submitted'
BEGIN
  INSERT INTO sheet_total (session_id, dossier_id, expert_id, version, total)
  SELECT NEW.session_id, NEW.dossier_id, NEW.expert_id, NEW.version, coalesce(sum(i.value), 0) FROM score_item i
  WHERE i.session_id = NEW.session_id AND i.dossier_id = NEW.dossier_id AND i.expert_id = NEW.expert_id AND i.version = NEW.version;
END;
-- A newer version (the chair's unlock) supersedes the submitted one; its total is kept, no longer current.
CREATE TRIGGER sheet_total_superseded AFTER INSERT ON score_sheet
BEGIN
  UPDATE sheet_total SET current = 0
  WHERE session_id = NEW.session_id AND dossier_id = NEW.dossier_id AND expert_id = NEW.expert_id AND version < NEW.version AND current = 1;
END;
CREATE TRIGGER sheet_total_fixed BEFORE UPDATE ON sheet_total
WHEN NEW.total IS NOT OLD.total OR NEW.session_id IS NOT OLD.session_id OR NEW.dossier_id IS NOT OLD.dossier_id
  OR NEW.expert_id IS NOT OLD.expert_id OR NEW.version IS NOT OLD.version OR NOT (OLD.current = 1 AND NEW.current = 0)
BEGIN SELECT RAISE(ABORT, 'a sheet total is never changed'); END;
CREATE TRIGGER sheet_total_no_del BEFORE DELETE ON sheet_total
BEGIN SELECT RAISE(ABORT, 'a sheet total is never deleted'); END;
`;

/** Added after the backfill: like every row of a round, counts go in only while it is open, and never change. */
const GUARDS = `
CREATE TRIGGER round_count_closed_ins BEFORE INSERT ON round_count
WHEN (SELECT status FROM ballot_round r WHERE r.session_id = NEW.session_id AND r.id = NEW.round_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'ballot round is not open'); END;
CREATE TRIGGER round_count_no_upd BEFORE UPDATE ON round_count
BEGIN SELECT RAISE(ABORT, 'round counts are never changed'); END;
CREATE TRIGGER round_count_no_del BEFORE DELETE ON round_count
BEGIN SELECT RAISE(ABORT, 'round counts are never deleted'); END;
CREATE TRIGGER round_tracker_closed_ins BEFORE INSERT ON round_tracker
WHEN (SELECT status FROM ballot_round r WHERE r.session_id = NEW.session_id AND r.id = NEW.round_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'ballot round is not open'); END;
CREATE TRIGGER round_tracker_no_upd BEFORE UPDATE ON round_tracker
BEGIN SELECT RAISE(ABORT, 'round trackers are never changed'); END;
CREATE TRIGGER round_tracker_no_del BEFORE DELETE ON round_tracker
BEGIN SELECT RAISE(ABORT, 'round trackers are never deleted'); END;
`;

/** Counts of every round already closed (or void), with the recount the services run at close. */
function backfillRoundCounts(db: Db): void {
  const rounds = db
    .prepare("SELECT session_id AS sessionId, id, kind, paper_counts_json AS paper FROM ballot_round WHERE status <> 'open' ORDER BY session_id, number")
    .all() as Array<{ sessionId: string; id: string; kind: 'electronic' | 'paper'; paper: string | null }>;
  const recusals = new Map<string, Map<string, Set<string>>>();
  for (const r of rounds) {
    let rec = recusals.get(r.sessionId);
    if (!rec) recusals.set(r.sessionId, (rec = confirmedRecusals(db, r.sessionId)));
    const paper = r.paper ? (JSON.parse(r.paper) as DossierCounts[]) : null;
    const counted = recountRound(db, r.sessionId, r, paper, rec);
    insertRoundCounts(db, r.sessionId, r.id, counted.counts);
    insertRoundTrackers(db, r.sessionId, r.id, counted.trackers);
  }
}

const migration: Migration = {
  version: 100,
  name: 'tally-cache',
  up(db) {
    db.exec(SQL);
    backfillRoundCounts(db);
    db.exec(GUARDS);
  },
};
export default migration;
