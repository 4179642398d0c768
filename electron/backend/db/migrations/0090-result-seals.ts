// Result bundles (docs/bundle-format.md §12): the seal the chair, the teller and the scrutineer signed over a
// bundle hash, kept so that exporting the same content again needs no passphrase and gives the same bytes.
// A seal is evidence: never changed, never deleted.
import type { Migration } from './index';

const SQL = `
CREATE TABLE result_seal (
  session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  bundle_hash TEXT NOT NULL CHECK (length(bundle_hash) = 64),
  statement_version INTEGER NOT NULL CHECK (statement_version >= 1),
  audit_count INTEGER NOT NULL CHECK (audit_count >= 0),
  audit_head TEXT NOT NULL CHECK (length(audit_head) = 64),
  prints_json TEXT NOT NULL,
  envelope_json TEXT NOT NULL,
  sealed_at TEXT NOT NULL,
  PRIMARY KEY (session_id, bundle_hash)
) STRICT;
CREATE TRIGGER result_seal_no_upd BEFORE UPDATE ON result_seal
BEGIN SELECT RAISE(ABORT, 'a result seal is never changed'); END;
CREATE TRIGGER result_seal_no_del BEFORE DELETE ON result_seal
BEGIN SELECT RAISE(ABORT, 'a result seal is never deleted'); END;
`;

const migration: Migration = {
  version: 90,
  name: 'result-seals',
  up(db) {
    db.exec(SQL);
  },
};
export default migration;
