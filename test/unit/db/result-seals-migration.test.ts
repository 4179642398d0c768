// 0090-result-seals: a STRICT table of seals, found by statement version, never changed or deleted.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/backend/db/connection';
import { insertSeal, sealsOf } from '../../../electron/backend/db/queries/result-seals';
import { tmpDir } from '../../fixtures/tmp';

describe('0090-result-seals schema', () => {
  it('stores seals by content and statement version, and refuses to change or delete one', () => {
    const db = openDatabase(tmpDir());
    try {
      const table = db.prepare("SELECT strict FROM pragma_table_list WHERE schema = 'main' AND name = 'result_seal'").get() as { strict: number };
      expect(table.strict).toBe(1);
      db.prepare(
        "INSERT INTO session (id, name, committee_name, committee_json, meeting_date, settings_json, bundle_version, bundle_hash, imported_at) VALUES ('S', 'n', 'c', '{}', '2026-01-01', '{}', 1, 'h', 't')",
      ).run();
      const seal = { bundleHash: 'a'.repeat(64), statementVersion: 1, auditCount: 7, auditHead: 'b'.repeat(64), prints: ['minutes'], envelopeJson: '{}', sealedAt: '2026-12-10T00:00:00.000Z' };
      insertSeal(db, 'S', seal);
      expect(sealsOf(db, 'S', 1)).toEqual([seal]);
      expect(sealsOf(db, 'S', 2)).toEqual([]);
      expect(() => insertSeal(db, 'S', seal)).toThrow(/UNIQUE/);
      expect(() => insertSeal(db, 'S', { ...seal, bundleHash: 'short' })).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE result_seal SET audit_count = 8 WHERE session_id = 'S'").run()).toThrow(/never changed/);
      expect(() => db.prepare("DELETE FROM result_seal WHERE session_id = 'S'").run()).toThrow(/never deleted/);
    } finally {
      db.close();
    }
  });
});
