// Expert keys (sealed under a passphrase), passphrase failures, and versioned score sheets.
import type { Migration } from './index';

const SQL = `
CREATE TABLE expert_key (
  session_id TEXT NOT NULL,
  expert_id TEXT NOT NULL,
  keyid TEXT NOT NULL CHECK (length(keyid) = 64),
  public_key TEXT NOT NULL CHECK (length(public_key) = 64),
  sealed_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  confirmed_at TEXT,
  PRIMARY KEY (session_id, expert_id),
  FOREIGN KEY (session_id, expert_id) REFERENCES expert(session_id, id) ON DELETE CASCADE
) STRICT;

CREATE TABLE auth_failure (
  session_id TEXT NOT NULL,
  expert_id TEXT NOT NULL,
  failures INTEGER NOT NULL CHECK (failures >= 0),
  last_at TEXT NOT NULL,
  PRIMARY KEY (session_id, expert_id)
) STRICT;

-- One row per version; a submitted version is never changed again (trigger below).
CREATE TABLE score_sheet (
  session_id TEXT NOT NULL,
  dossier_id TEXT NOT NULL,
  expert_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
  opinion TEXT NOT NULL DEFAULT '',
  recommendation TEXT CHECK (recommendation IN ('agree', 'disagree', 'abstain')),
  updated_at TEXT NOT NULL,
  submitted_at TEXT,
  keyid TEXT,
  envelope_json TEXT,
  payload_sha256 TEXT,
  unlock_reason TEXT,
  PRIMARY KEY (session_id, dossier_id, expert_id, version),
  FOREIGN KEY (session_id, dossier_id) REFERENCES dossier(session_id, id) ON DELETE CASCADE,
  FOREIGN KEY (session_id, expert_id) REFERENCES expert(session_id, id) ON DELETE CASCADE
) STRICT;

CREATE TABLE score_item (
  session_id TEXT NOT NULL,
  dossier_id TEXT NOT NULL,
  expert_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  value INTEGER NOT NULL CHECK (value >= 0),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (session_id, dossier_id, expert_id, version, item_id),
  FOREIGN KEY (session_id, dossier_id, expert_id, version) REFERENCES score_sheet(session_id, dossier_id, expert_id, version) ON DELETE CASCADE
) STRICT;

CREATE TRIGGER score_sheet_locked BEFORE UPDATE ON score_sheet WHEN OLD.status = 'submitted'
BEGIN SELECT RAISE(ABORT, 'submitted score sheet is locked'); END;
CREATE TRIGGER score_item_locked_ins BEFORE INSERT ON score_item
WHEN (SELECT status FROM score_sheet s WHERE s.session_id = NEW.session_id AND s.dossier_id = NEW.dossier_id
      AND s.expert_id = NEW.expert_id AND s.version = NEW.version) = 'submitted'
BEGIN SELECT RAISE(ABORT, 'submitted score sheet is locked'); END;
CREATE TRIGGER score_item_locked_upd BEFORE UPDATE ON score_item
WHEN (SELECT status FROM score_sheet s WHERE s.session_id = OLD.session_id AND s.dossier_id = OLD.dossier_id
      AND s.expert_id = OLD.expert_id AND s.version = OLD.version) = 'submitted'
BEGIN SELECT RAISE(ABORT, 'submitted score sheet is locked'); END;
CREATE TRIGGER score_item_locked_del BEFORE DELETE ON score_item
WHEN (SELECT status FROM score_sheet s WHERE s.session_id = OLD.session_id AND s.dossier_id = OLD.dossier_id
      AND s.expert_id = OLD.expert_id AND s.version = OLD.version) = 'submitted'
BEGIN SELECT RAISE(ABORT, 'submitted score sheet is locked'); END;
`;

const migration: Migration = {
  version: 30,
  name: 'scoring',
  up(db) {
    db.exec(SQL);
  },
};
export default migration;
