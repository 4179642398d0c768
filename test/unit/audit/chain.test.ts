import { describe, expect, it } from 'vitest';
import { AUDIT_GENESIS, auditHash, findFirstBrokenLink } from '../../../shared/audit';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';
import { appendAudit, auditHead, listAudit, type AuditRow } from '../../../electron/backend/db/queries/audit';
import { tmpDir } from '../../fixtures/tmp';

function withDb<T>(fn: (db: Db) => T): T {
  const db = openDatabase(tmpDir());
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Five entries through appendAudit, read back from the database. */
function buildChain(db: Db): AuditRow[] {
  appendAudit(db, { sessionId: null, actor: 'secretary', kind: 'app.started', payload: { version: '0.1.0' }, at: '2026-06-15T08:00:00.000Z' });
  appendAudit(db, { sessionId: 'S1', actor: 'secretary', kind: 'session.imported', payload: { dossiers: 4, name: '工程系列高级评审' }, at: '2026-06-15T08:01:00.000Z' });
  appendAudit(db, { sessionId: 'S1', actor: 'E02', kind: 'conflict.confirmed', payload: { expertId: 'E02', dossierId: 'D001', reason: '同单位' } });
  appendAudit(db, { sessionId: 'S2', actor: 'secretary', kind: 'session.imported', payload: [1, 2.5, null, { z: 1, a: [true] }] });
  appendAudit(db, { sessionId: 'S1', actor: 'chair', kind: 'ballot.opened', payload: undefined });
  return listAudit(db);
}

const clone = (rows: AuditRow[]): AuditRow[] => rows.map((r) => ({ ...r }));

describe('the audit hash chain', () => {
  it('starts at the genesis hash and links each entry to the one before', () => {
    withDb((db) => {
      expect(auditHead(db)).toEqual({ seq: 0, hash: AUDIT_GENESIS });
      const rows = buildChain(db);
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(rows[0]?.prevHash).toBe(AUDIT_GENESIS);
      for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
      expect(auditHead(db)).toEqual({ seq: 5, hash: rows[4]?.hash });
      expect(new Set(rows.map((r) => r.hash)).size).toBe(5);
    });
  });

  it('a chain written by appendAudit and read back verifies', () => {
    withDb((db) => {
      const rows = buildChain(db);
      expect(findFirstBrokenLink(rows)).toBeNull();
      expect(findFirstBrokenLink([])).toBeNull();
    });
  });

  it('appendAudit returns exactly what it stored (an absent payload is stored as null)', () => {
    withDb((db) => {
      const returned = appendAudit(db, { sessionId: null, actor: 'a', kind: 'k', payload: undefined, at: '2026-01-01T00:00:00.000Z' });
      expect(returned.payload).toBeNull();
      expect(listAudit(db)).toEqual([returned]);
    });
  });

  it('the hash covers every field, so each alteration changes it', () => {
    const entry = { seq: 1, sessionId: 'S1', at: '2026-01-01T00:00:00.000Z', actor: 'a', kind: 'k', payload: { n: 1 } };
    const h = auditHash(AUDIT_GENESIS, entry);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    // Key order of the payload does not matter (canonical JSON) …
    expect(auditHash(AUDIT_GENESIS, { ...entry, payload: { n: 1 } })).toBe(h);
    // … but every value does.
    for (const changed of [{ seq: 2 }, { sessionId: null }, { at: '2026-01-01T00:00:01.000Z' }, { actor: 'b' }, { kind: 'x' }, { payload: { n: 2 } }]) {
      expect(auditHash(AUDIT_GENESIS, { ...entry, ...changed })).not.toBe(h);
    }
    expect(auditHash('1'.repeat(64), entry)).not.toBe(h);
  });

  it('detects an altered payload at its seq', () => {
    withDb((db) => {
      const rows = clone(buildChain(db));
      rows[1] = { ...rows[1]!, payload: { dossiers: 5, name: '工程系列高级评审' } };
      expect(findFirstBrokenLink(rows)).toEqual({ seq: 2, reason: 'hash' });
    });
  });

  it('detects an altered actor or time', () => {
    withDb((db) => {
      const base = buildChain(db);
      expect(findFirstBrokenLink(base.map((r) => (r.seq === 3 ? { ...r, actor: 'E01' } : r)))).toEqual({ seq: 3, reason: 'hash' });
      expect(findFirstBrokenLink(base.map((r) => (r.seq === 4 ? { ...r, at: '2020-01-01T00:00:00.000Z' } : r)))).toEqual({ seq: 4, reason: 'hash' });
    });
  });

  it('detects a removed entry at the entry after it', () => {
    withDb((db) => {
      const rows = buildChain(db);
      expect(findFirstBrokenLink(rows.filter((r) => r.seq !== 3))).toEqual({ seq: 4, reason: 'prev_hash' });
      expect(findFirstBrokenLink(rows.filter((r) => r.seq !== 1))).toEqual({ seq: 2, reason: 'prev_hash' });
    });
  });

  it('detects reordered entries', () => {
    withDb((db) => {
      const rows = buildChain(db);
      const [a, b, c, d, e] = rows as [AuditRow, AuditRow, AuditRow, AuditRow, AuditRow];
      expect(findFirstBrokenLink([a, c, b, d, e])).toEqual({ seq: 3, reason: 'prev_hash' });
      expect(findFirstBrokenLink([b, a, c, d, e])).toEqual({ seq: 2, reason: 'prev_hash' });
      expect(findFirstBrokenLink([a, b, c, e, d])).toEqual({ seq: 5, reason: 'prev_hash' });
    });
  });

  it('detects a repeated or renumbered entry by its seq', () => {
    withDb((db) => {
      const rows = buildChain(db);
      const [a, b, c] = rows as [AuditRow, AuditRow, AuditRow];
      expect(findFirstBrokenLink([a, b, b, c])).toEqual({ seq: 2, reason: 'seq' });
      expect(findFirstBrokenLink([a, b, { ...c, seq: 2 }])).toEqual({ seq: 2, reason: 'seq' });
    });
  });

  it('detects a re-hashed entry whose successor was left alone', () => {
    withDb((db) => {
      const rows = clone(buildChain(db));
      const forged = { ...rows[1]!, payload: { dossiers: 0 } };
      const { prevHash, hash: _old, ...entry } = forged;
      rows[1] = { ...forged, hash: auditHash(prevHash, entry) };
      expect(findFirstBrokenLink(rows)).toEqual({ seq: 3, reason: 'prev_hash' });
    });
  });

  it('lists one session’s entries in order', () => {
    withDb((db) => {
      buildChain(db);
      expect(listAudit(db, { sessionId: 'S1' }).map((r) => r.seq)).toEqual([2, 3, 5]);
      expect(listAudit(db, { sessionId: 'S9' })).toEqual([]);
    });
  });

  it('an entry appended in a transaction that rolls back leaves no trace', () => {
    withDb((db) => {
      buildChain(db);
      const head = auditHead(db);
      expect(() =>
        db.transaction(() => {
          appendAudit(db, { sessionId: 'S1', actor: 'x', kind: 'k', payload: {} });
          throw new Error('the change failed');
        })(),
      ).toThrow('the change failed');
      expect(auditHead(db)).toEqual(head);
    });
  });
});

describe('the audit_log table is append-only', () => {
  it('refuses UPDATE', () => {
    withDb((db) => {
      buildChain(db);
      expect(() => db.prepare("UPDATE audit_log SET payload_json = '{}' WHERE seq = 2").run()).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
      expect(findFirstBrokenLink(listAudit(db))).toBeNull();
    });
  });

  it('refuses DELETE, of one row or of all', () => {
    withDb((db) => {
      buildChain(db);
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 5').run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
      expect(listAudit(db)).toHaveLength(5);
    });
  });

  it('refuses a second row with the same seq', () => {
    withDb((db) => {
      const rows = buildChain(db);
      const r = rows[0]!;
      expect(() =>
        db
          .prepare('INSERT INTO audit_log (seq, session_id, at, actor, kind, payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(r.seq, r.sessionId, r.at, r.actor, 'forged', '{}', r.prevHash, 'f'.repeat(64)),
      ).toThrow(/UNIQUE|PRIMARY KEY/);
    });
  });
});
