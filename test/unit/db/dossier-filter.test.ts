// The renderer filters the dossier list locally (shared/dossier-filter.ts); this checks that it answers exactly
// what listDossiers' SQL answers on the same rows, for the secretary's whole list and for an expert's scope.
import fc from 'fast-check';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { LEVELS, REVIEW_TYPES, type DossierDoc } from '../../../shared/bundle/schema';
import { filterDossierRows, foldAscii, type DossierFilter } from '../../../shared/dossier-filter';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';
import { listDossiers } from '../../../electron/backend/db/queries/dossiers';
import { insertSessionContent, sessionContent } from '../../fixtures/session-docs';
import { tmpDir } from '../../fixtures/tmp';

// Letters in both cases, LIKE's wildcards and escape, spaces (trimmed) and CJK: where a local filter could
// differ from SQLite's LIKE. No NUL (SQLite's LIKE stops at it; bundle text never holds one).
const CHARS = ['a', 'A', 'b', 'B', 'é', 'É', '%', '_', '\\', ' ', '张', '三', '0', '1'];
const text = (max: number) => fc.array(fc.constantFrom(...CHARS), { maxLength: max }).map((cs) => cs.join(''));
const SPECIALTIES = ['机械', '电气', '经济'];
const GROUPS = ['G1', 'G2'];

const dossierFields = fc.record({
  packetNo: text(4),
  name: text(5),
  employer: text(6),
  specialty: fc.constantFrom(...SPECIALTIES),
  level: fc.constantFrom(...LEVELS),
  reviewType: fc.constantFrom(...REVIEW_TYPES),
  groupId: fc.constantFrom(...GROUPS),
});

const filter: fc.Arbitrary<DossierFilter> = fc.record(
  {
    search: text(3),
    groupId: fc.constantFrom(...GROUPS, 'G9'),
    level: fc.constantFrom(...LEVELS),
    specialty: fc.constantFrom(...SPECIALTIES, '其他'),
    greenChannel: fc.boolean(),
  },
  { requiredKeys: [] },
);

let db: Db;
beforeEach(() => {
  db = openDatabase(tmpDir());
  onTestFinished(() => {
    db.close();
  });
});
let sessions = 0;

/** A session whose dossiers carry the generated fields (packet numbers made unique, as a bundle's are). */
function sessionWith(fields: Array<Pick<DossierDoc, 'packetNo' | 'name' | 'employer' | 'specialty' | 'level' | 'reviewType' | 'groupId'>>): string {
  const c = sessionContent();
  const sessionId = `S-PROP-${++sessions}`;
  c.session.sessionId = sessionId;
  const template = c.dossiers[0] as DossierDoc;
  c.dossiers = fields.map((f, i) => ({ ...template, ...f, id: `D${i}`, packetNo: `${f.packetNo}#${i}`, attachments: [] }));
  // E01 (in G1) has declared a conflict with the first dossier; the secretary confirms it below.
  c.conflicts = c.dossiers.length > 0 ? [{ expertId: 'E01', dossierId: 'D0', reason: '同单位' }] : [];
  insertSessionContent(db, c);
  db.prepare("UPDATE conflict SET status = 'confirmed' WHERE session_id = ?").run(sessionId);
  return sessionId;
}

describe('filterDossierRows', () => {
  it('answers what listDossiers answers, for any rows and any filter (secretary and expert scope)', () => {
    fc.assert(
      fc.property(fc.array(dossierFields, { maxLength: 12 }), fc.array(filter, { minLength: 1, maxLength: 6 }), (fields, filters) => {
        const sessionId = sessionWith(fields);
        for (const scope of [null, { expertId: 'E01' }, { expertId: 'E04' }]) {
          const all = listDossiers(db, { sessionId }, scope);
          for (const f of filters) expect(filterDossierRows(all, f)).toEqual(listDossiers(db, { sessionId, ...f }, scope));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps an expert to the rows the backend gave: no filter brings back a recused or other group dossier', () => {
    const sessionId = sessionWith([
      { packetNo: 'A', name: '张三', employer: 'x', specialty: '机械', level: 'senior', reviewType: 'normal', groupId: 'G1' },
      { packetNo: 'B', name: '张三', employer: 'x', specialty: '机械', level: 'senior', reviewType: 'normal', groupId: 'G1' },
      { packetNo: 'C', name: '张三', employer: 'x', specialty: '经济', level: 'senior', reviewType: 'normal', groupId: 'G2' },
    ]);
    const mine = listDossiers(db, { sessionId }, { expertId: 'E01' });
    // D0 is recused (confirmed conflict), D2 belongs to G2: only D1 is E01's.
    expect(mine.map((r) => r.id)).toEqual(['D1']);
    expect(filterDossierRows(mine, { search: '张' }).map((r) => r.id)).toEqual(['D1']);
    expect(filterDossierRows(mine, { groupId: 'G2' })).toEqual([]);
  });

  it('matches ASCII letters in any case, like SQLite, and other letters exactly', () => {
    expect(foldAscii('AbC-É')).toBe('abc-É');
    const sessionId = sessionWith([{ packetNo: 'JL', name: 'Émile', employer: 'ACME 50%', specialty: '机械', level: 'senior', reviewType: 'normal', groupId: 'G1' }]);
    const all = listDossiers(db, { sessionId });
    for (const search of ['jl', 'acme', '50%', 'émile', 'Émile', '_'])
      expect(filterDossierRows(all, { search }).map((r) => r.id)).toEqual(listDossiers(db, { sessionId, search }).map((r) => r.id));
    expect(filterDossierRows(all, { search: 'acme' })).toHaveLength(1);
    expect(filterDossierRows(all, { search: 'émile' })).toHaveLength(0);
    expect(filterDossierRows(all, { search: '_' })).toHaveLength(0);
  });
});
