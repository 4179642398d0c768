// Anchors for the audit log: desk signing keys (secretary, examiner), signed checkpoints of the chain,
// and columns/indexes so the readable log filters by person, dossier, kind and time in SQL.
import type { Migration } from './index';

const SQL = `
-- A desk role's Ed25519 key, sealed under that role's passphrase. A new passphrase makes a new key;
-- old keys stay (retired_at set) so the checkpoints they signed still verify.
CREATE TABLE desk_key (
  keyid TEXT PRIMARY KEY CHECK (length(keyid) = 64),
  role TEXT NOT NULL CHECK (role IN ('secretary', 'examiner')),
  public_key TEXT NOT NULL CHECK (length(public_key) = 64),
  sealed_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retired_at TEXT
) STRICT;
CREATE UNIQUE INDEX desk_key_current ON desk_key(role) WHERE retired_at IS NULL;

-- A signed statement "the chain had count entries and this head": DSSE envelope over canonical JSON.
CREATE TABLE audit_checkpoint (
  id INTEGER PRIMARY KEY,
  count INTEGER NOT NULL CHECK (count >= 0),
  head TEXT NOT NULL CHECK (length(head) = 64),
  role TEXT NOT NULL CHECK (role IN ('secretary', 'examiner', 'chair')),
  session_id TEXT,
  expert_id TEXT,
  keyid TEXT NOT NULL CHECK (length(keyid) = 64),
  at TEXT NOT NULL,
  envelope_json TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;

-- Who or what an entry is about, derived from the stored JSON (not hashed; the chain covers payload_json).
ALTER TABLE audit_log ADD COLUMN actor_expert TEXT GENERATED ALWAYS AS (CASE WHEN instr(actor, ':') > 0 THEN substr(actor, instr(actor, ':') + 1) END) VIRTUAL;
ALTER TABLE audit_log ADD COLUMN subject_expert TEXT GENERATED ALWAYS AS (json_extract(payload_json, '$.expertId')) VIRTUAL;
ALTER TABLE audit_log ADD COLUMN subject_dossier TEXT GENERATED ALWAYS AS (json_extract(payload_json, '$.dossierId')) VIRTUAL;
CREATE INDEX audit_log_session ON audit_log(session_id, seq);
CREATE INDEX audit_log_kind ON audit_log(kind, seq);
CREATE INDEX audit_log_actor_expert ON audit_log(actor_expert, seq);
CREATE INDEX audit_log_subject_expert ON audit_log(subject_expert, seq);
CREATE INDEX audit_log_subject_dossier ON audit_log(subject_dossier, seq);
CREATE INDEX audit_log_at ON audit_log(at);
`;

const migration: Migration = {
  version: 60,
  name: 'audit-anchors',
  up(db) {
    db.exec(SQL);
  },
};
export default migration;
