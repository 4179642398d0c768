// First schema: sessions as imported from a session bundle, app prefs, and the audit log.
import type { Migration } from './index';

const SQL = `
CREATE TABLE pref (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE session (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  committee_name TEXT NOT NULL,
  committee_json TEXT NOT NULL,
  meeting_date TEXT NOT NULL,
  meeting_place TEXT,
  settings_json TEXT NOT NULL,
  bundle_version INTEGER NOT NULL CHECK (bundle_version >= 1),
  bundle_hash TEXT NOT NULL,
  issuer_keyid TEXT,
  status TEXT NOT NULL DEFAULT 'setup' CHECK (status IN ('setup', 'scoring', 'voting', 'closed')),
  imported_at TEXT NOT NULL
) STRICT;

CREATE TABLE expert (
  session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  gender TEXT,
  affiliation TEXT NOT NULL,
  specialty TEXT NOT NULL,
  title TEXT,
  role TEXT NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member')),
  PRIMARY KEY (session_id, id)
) STRICT;

CREATE TABLE review_group (
  session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  specialty TEXT,
  leader_id TEXT,
  PRIMARY KEY (session_id, id)
) STRICT;

CREATE TABLE group_member (
  session_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  expert_id TEXT NOT NULL,
  PRIMARY KEY (session_id, group_id, expert_id),
  FOREIGN KEY (session_id, group_id) REFERENCES review_group(session_id, id) ON DELETE CASCADE,
  FOREIGN KEY (session_id, expert_id) REFERENCES expert(session_id, id) ON DELETE CASCADE
) STRICT;

-- The whole standard document (items, bands, eligibility) as validated JSON: standards are versioned data.
CREATE TABLE standard (
  session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  name TEXT NOT NULL,
  series TEXT NOT NULL,
  specialty TEXT NOT NULL,
  level TEXT NOT NULL,
  doc_json TEXT NOT NULL,
  PRIMARY KEY (session_id, id)
) STRICT;

CREATE TABLE quota (
  session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  scope TEXT NOT NULL,
  value TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (session_id, id)
) STRICT;

CREATE TABLE dossier (
  session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  packet_no TEXT NOT NULL,
  name TEXT NOT NULL,
  gender TEXT NOT NULL,
  id_number TEXT NOT NULL,
  education TEXT NOT NULL,
  major TEXT NOT NULL,
  work_start TEXT NOT NULL,
  employer TEXT NOT NULL,
  region_code TEXT NOT NULL,
  current_title TEXT NOT NULL,
  current_title_date TEXT,
  series TEXT NOT NULL,
  specialty TEXT NOT NULL,
  level TEXT NOT NULL,
  review_type TEXT NOT NULL CHECK (review_type IN ('normal', 'exceptional', 'green_channel')),
  standard_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  commitment_signed INTEGER NOT NULL CHECK (commitment_signed IN (0, 1)),
  green_justification TEXT,
  achievements_json TEXT NOT NULL,
  eligibility TEXT NOT NULL CHECK (eligibility IN ('met', 'not_met', 'waived')),
  content_hash TEXT NOT NULL,
  PRIMARY KEY (session_id, id),
  FOREIGN KEY (session_id, standard_id) REFERENCES standard(session_id, id),
  FOREIGN KEY (session_id, group_id) REFERENCES review_group(session_id, id)
) STRICT;
CREATE INDEX dossier_group ON dossier(session_id, group_id);

CREATE TABLE blob (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  size INTEGER NOT NULL CHECK (size >= 0),
  media_type TEXT NOT NULL
) STRICT;

CREATE TABLE attachment (
  session_id TEXT NOT NULL,
  dossier_id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  sha256 TEXT NOT NULL REFERENCES blob(sha256),
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (session_id, dossier_id, ord),
  FOREIGN KEY (session_id, dossier_id) REFERENCES dossier(session_id, id) ON DELETE CASCADE
) STRICT;

CREATE TABLE conflict (
  session_id TEXT NOT NULL,
  expert_id TEXT NOT NULL,
  dossier_id TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('declared', 'suggested', 'manual')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'dismissed')),
  reason TEXT NOT NULL,
  decided_at TEXT,
  PRIMARY KEY (session_id, expert_id, dossier_id),
  FOREIGN KEY (session_id, expert_id) REFERENCES expert(session_id, id) ON DELETE CASCADE,
  FOREIGN KEY (session_id, dossier_id) REFERENCES dossier(session_id, id) ON DELETE CASCADE
) STRICT;

-- Append-only hash chain: hash = sha256(prev_hash || canonical entry). Never updated or deleted.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  session_id TEXT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`;

const migration: Migration = {
  version: 10,
  name: 'init',
  up(db) {
    db.exec(SQL);
  },
};
export default migration;
