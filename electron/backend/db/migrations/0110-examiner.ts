// The examiner's spot checks (抽查) and signed findings (issue 11). A drawn sample is kept as drawn (never changed);
// a finding may be revised until the examiner signs, every revision on the audit chain; a signed statement is never
// changed (a later one is a new version).
import type { Migration } from './index';

const SQL = `
CREATE TABLE examiner_sample (
  session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  id INTEGER NOT NULL CHECK (id >= 1),
  bundle_hash TEXT NOT NULL CHECK (length(bundle_hash) = 64),
  salt TEXT NOT NULL,
  stratified INTEGER NOT NULL CHECK (stratified IN (0, 1)),
  size_asked INTEGER,
  rate_asked REAL,
  population INTEGER NOT NULL CHECK (population >= 1),
  dossier_ids_json TEXT NOT NULL,
  drawn_at TEXT NOT NULL,
  PRIMARY KEY (session_id, id),
  CHECK ((size_asked IS NULL) <> (rate_asked IS NULL))
) STRICT;

CREATE TABLE examiner_finding (
  session_id TEXT NOT NULL,
  sample_id INTEGER NOT NULL,
  dossier_id TEXT NOT NULL,
  conforms INTEGER NOT NULL CHECK (conforms IN (0, 1)),
  reason TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (session_id, sample_id, dossier_id),
  FOREIGN KEY (session_id, sample_id) REFERENCES examiner_sample(session_id, id) ON DELETE CASCADE,
  FOREIGN KEY (session_id, dossier_id) REFERENCES dossier(session_id, id) ON DELETE CASCADE,
  CHECK (conforms = 1 OR length(trim(reason)) > 0)
) STRICT;

CREATE TABLE examiner_statement (
  session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 1),
  keyid TEXT NOT NULL CHECK (length(keyid) = 64),
  envelope_json TEXT NOT NULL,
  payload_sha256 TEXT NOT NULL CHECK (length(payload_sha256) = 64),
  signed_at TEXT NOT NULL,
  PRIMARY KEY (session_id, version)
) STRICT;

CREATE TRIGGER examiner_sample_no_upd BEFORE UPDATE ON examiner_sample
BEGIN SELECT RAISE(ABORT, 'a drawn sample is never changed'); END;
CREATE TRIGGER examiner_statement_no_upd BEFORE UPDATE ON examiner_statement
BEGIN SELECT RAISE(ABORT, 'a signed findings statement is never changed'); END;
CREATE TRIGGER examiner_statement_no_del BEFORE DELETE ON examiner_statement
BEGIN SELECT RAISE(ABORT, 'a signed findings statement is never deleted'); END;
`;

const migration: Migration = {
  version: 110,
  name: 'examiner',
  up(db) {
    db.exec(SQL);
  },
};
export default migration;
