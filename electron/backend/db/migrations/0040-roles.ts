// Roles that hold on a shared laptop: keys are revoked, never replaced in place (old signatures stay
// verifiable), and a submitted score sheet cannot be deleted, only superseded by a new version.
import type { Migration } from './index';

const SQL = `
CREATE TABLE expert_key_v2 (
  session_id TEXT NOT NULL,
  expert_id TEXT NOT NULL,
  keyid TEXT NOT NULL CHECK (length(keyid) = 64),
  public_key TEXT NOT NULL CHECK (length(public_key) = 64),
  sealed_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  confirmed_at TEXT,
  revoked_at TEXT,
  revoke_reason TEXT,
  CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL)),
  PRIMARY KEY (session_id, keyid),
  FOREIGN KEY (session_id, expert_id) REFERENCES expert(session_id, id) ON DELETE CASCADE
) STRICT;
INSERT INTO expert_key_v2 (session_id, expert_id, keyid, public_key, sealed_json, created_at, confirmed_at)
  SELECT session_id, expert_id, keyid, public_key, sealed_json, created_at, confirmed_at FROM expert_key;
DROP TABLE expert_key;
ALTER TABLE expert_key_v2 RENAME TO expert_key;
-- One live key per expert; revoked ones are kept for verifying what they signed.
CREATE UNIQUE INDEX expert_key_live ON expert_key(session_id, expert_id) WHERE revoked_at IS NULL;

-- A revoked key's row never changes again; a live key may only be confirmed or revoked.
CREATE TRIGGER expert_key_revoked_locked BEFORE UPDATE ON expert_key WHEN OLD.revoked_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'revoked key is immutable'); END;
CREATE TRIGGER expert_key_no_delete BEFORE DELETE ON expert_key
WHEN NOT EXISTS (SELECT 1 FROM session s WHERE s.id = OLD.session_id AND s.status = 'purging')
BEGIN SELECT RAISE(ABORT, 'expert keys are never deleted'); END;

-- Submitted sheets are evidence: no DELETE, except when the whole session is being purged.
CREATE TRIGGER score_sheet_submitted_no_delete BEFORE DELETE ON score_sheet
WHEN OLD.status = 'submitted' AND NOT EXISTS (SELECT 1 FROM session s WHERE s.id = OLD.session_id AND s.status = 'purging')
BEGIN SELECT RAISE(ABORT, 'submitted score sheet is locked'); END;
`;

const migration: Migration = {
  version: 40,
  name: 'roles',
  up(db) {
    db.exec(SQL);
  },
};
export default migration;
