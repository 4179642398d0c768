// 0110-examiner: STRICT tables; a drawn sample and a signed statement never change; a non-conformity needs a reason.
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';
import { getSample, insertSample, listFindings, upsertFinding } from '../../../electron/backend/db/queries/examiner';
import { tmpDir } from '../../fixtures/tmp';

function seed(db: Db): void {
  db.prepare(
    "INSERT INTO session (id, name, committee_name, committee_json, meeting_date, settings_json, bundle_version, bundle_hash, imported_at) VALUES ('S', 'n', 'c', '{}', '2026-01-01', '{}', 1, 'h', 't')",
  ).run();
  db.prepare("INSERT INTO review_group (session_id, id, name) VALUES ('S', 'G', 'g')").run();
  db.prepare("INSERT INTO standard (session_id, id, version, name, series, specialty, level, doc_json) VALUES ('S', 'STD', '1', 's', 's', 's', 'intermediate', '{}')").run();
  for (const id of ['D1', 'D2']) {
    db.prepare(
      `INSERT INTO dossier (session_id, id, packet_no, name, gender, id_number, education, major, work_start, employer, region_code, current_title, series,
         specialty, level, review_type, standard_id, group_id, commitment_signed, achievements_json, eligibility, content_hash)
       VALUES ('S', ?, ?, 'n', 'F', 'x', '21', 'm', '2000', 'e', '220000', 't', 's', 's', 'intermediate', 'normal', 'STD', 'G', 1, '[]', 'met', 'h')`,
    ).run(id, id);
  }
}

describe('0110-examiner schema', () => {
  it('creates STRICT tables and keeps a sample as drawn', () => {
    const db = openDatabase(tmpDir());
    try {
      const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table'").all() as Array<{ name: string; strict: number }>;
      for (const t of ['examiner_sample', 'examiner_finding', 'examiner_statement']) expect(tables.find((x) => x.name === t)).toEqual({ name: t, strict: 1 });
      seed(db);
      const id = insertSample(db, 'S', { bundleHash: 'a'.repeat(64), salt: 's', stratified: false, sizeAsked: 1, rateAsked: null, population: 2, dossierIds: ['D2'], drawnAt: 't' });
      expect(getSample(db, 'S')).toMatchObject({ id, dossierIds: ['D2'], stratified: false });
      expect(() => db.prepare("UPDATE examiner_sample SET salt = 'other' WHERE id = ?").run(id)).toThrow(/never changed/);
      // Exactly one of size and rate.
      expect(() => insertSample(db, 'S', { bundleHash: 'a'.repeat(64), salt: 's', stratified: false, sizeAsked: 1, rateAsked: 0.5, population: 2, dossierIds: [], drawnAt: 't' })).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });

  it('revises a finding in place, refuses a non-conformity without reason, and never changes a signed statement', () => {
    const db = openDatabase(tmpDir());
    try {
      seed(db);
      const id = insertSample(db, 'S', { bundleHash: 'a'.repeat(64), salt: 's', stratified: false, sizeAsked: 1, rateAsked: null, population: 2, dossierIds: ['D2'], drawnAt: 't' });
      upsertFinding(db, { sessionId: 'S', sampleId: id, dossierId: 'D2', conforms: true, reason: '', at: 't1' });
      upsertFinding(db, { sessionId: 'S', sampleId: id, dossierId: 'D2', conforms: false, reason: '缺签名', at: 't2' });
      expect(listFindings(db, 'S', id)).toEqual([{ dossierId: 'D2', conforms: false, reason: '缺签名', recordedAt: 't2' }]);
      expect(() => upsertFinding(db, { sessionId: 'S', sampleId: id, dossierId: 'D2', conforms: false, reason: ' ', at: 't3' })).toThrow(/CHECK/);
      db.prepare("INSERT INTO examiner_statement (session_id, version, keyid, envelope_json, payload_sha256, signed_at) VALUES ('S', 1, ?, '{}', ?, 't')").run('k'.repeat(64), 'p'.repeat(64));
      expect(() => db.prepare("UPDATE examiner_statement SET signed_at = 'x'").run()).toThrow(/never changed/);
      expect(() => db.prepare('DELETE FROM examiner_statement').run()).toThrow(/never deleted/);
    } finally {
      db.close();
    }
  });
});
