// The anchored audit log: what an attacker holding the database file can and cannot do unseen.
// Each attack rewrites the file directly (triggers dropped), then checkAuditAnchors runs on a fresh host.
import { describe, expect, it } from 'vitest';
import { AUDIT_GENESIS, auditHash } from '../../../shared/audit';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';
import { listAudit } from '../../../electron/backend/db/queries/audit';
import { checkAuditAnchors } from '../../../electron/backend/services/audit';
import type { BackendHost } from '../../../electron/backend/host-types';
import { enrol, err, ok, openHost, TEST_SECRETARY_PASS } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';

const DESK = TEST_SECRETARY_PASS;
const CHAIR = 'chair pass 12345';
const EXPERT = 'expert pass 12345';

/** Rewrites the chain as an attacker would: `edit` the rows, then re-hash and re-link everything. */
function rewriteChain(dir: string, edit: (rows: ReturnType<typeof listAudit>) => ReturnType<typeof listAudit>): void {
  const db = openDatabase(dir);
  try {
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    const rows = edit(listAudit(db));
    db.transaction(() => {
      db.prepare('DELETE FROM audit_log').run();
      let prev = AUDIT_GENESIS;
      rows.forEach((r, i) => {
        const entry = { seq: i + 1, sessionId: r.sessionId, at: r.at, actor: r.actor, kind: r.kind, payload: r.payload };
        const hash = auditHash(prev, entry);
        db.prepare('INSERT INTO audit_log (seq, session_id, at, actor, kind, payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          entry.seq,
          entry.sessionId,
          entry.at,
          entry.actor,
          entry.kind,
          JSON.stringify(entry.payload),
          prev,
          hash,
        );
        prev = hash;
      });
    })();
  } finally {
    db.close();
  }
}

function withDb(dir: string, fn: (db: Db) => void): void {
  const db = openDatabase(dir);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

/** The check itself, straight on the file: a protected desk reopens locked, and signing in would add a checkpoint. */
async function check(dir: string, sessionId: string) {
  const db = openDatabase(dir);
  try {
    return checkAuditAnchors({ db, dataDir: dir, resourcesDir: '', caller: { role: 'examiner' }, callerEpoch: 0, lastActivity: 0, enrolment: null, onPrincipalChange: [], scryptLogN: 10 }, sessionId);
  } finally {
    db.close();
  }
}

/** Demo session, attendance recorded, then a checkpoint by the secretary (protected desk). */
async function withCheckpoint(): Promise<{ dir: string; sessionId: string; host: BackendHost }> {
  const dir = tmpDir('pd-anchor-');
  const host = openHost(dir);
  const { sessionId } = await ok(host, 'openDemo', {});
  const experts = await ok(host, 'listExperts', { sessionId });
  for (const e of experts.slice(0, 3)) await ok(host, 'setAttendance', { sessionId, expertId: e.id, present: true });
  const cp = await ok(host, 'checkpointAuditLog', { passphrase: DESK });
  expect(cp).toMatchObject({ signer: { role: 'secretary' } });
  expect(cp.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
  // Something after the checkpoint, which no signature covers yet.
  await ok(host, 'setAttendance', { sessionId, expertId: experts[3]?.id ?? '', present: true });
  return { dir, sessionId, host };
}

describe('checkAuditAnchors', () => {
  it('passes an untouched log and says what covers it', async () => {
    const { dir, sessionId, host } = await withCheckpoint();
    host.close();
    const r = await check(dir, sessionId);
    expect(r.ok).toBe(true);
    expect(r.chain.ok).toBe(true);
    expect(r.checkpoints).toMatchObject({ total: 1, valid: 1 });
    expect(r.checkpoints.latest?.signer.role).toBe('secretary');
    // The checkpoint's own entry and the attendance after it.
    expect(r.uncovered).toBe(2);
    expect(r.problems).toEqual([]);
  });

  it('detects a rewrite with re-hashing below a checkpoint', async () => {
    const { dir, sessionId, host } = await withCheckpoint();
    host.close();
    rewriteChain(dir, (rows) => rows.map((r) => (r.kind === 'attendance.set' ? { ...r, payload: { ...(r.payload as object), present: false } } : r)));
    const r = await check(dir, sessionId);
    // The chain itself links up again: only the anchor tells.
    expect(r.chain.ok).toBe(true);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ source: 'checkpoint', problem: 'not_on_chain', signer: expect.objectContaining({ role: 'secretary' }) })]);
  });

  it('detects a truncated tail that reaches below a checkpoint', async () => {
    const { dir, sessionId, host } = await withCheckpoint();
    host.close();
    let checkpointCount = 0;
    withDb(dir, (db) => {
      checkpointCount = (db.prepare('SELECT count FROM audit_checkpoint').get() as { count: number }).count;
      db.exec('DROP TRIGGER audit_log_no_delete');
      db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(checkpointCount);
    });
    const r = await check(dir, sessionId);
    expect(r.chain.ok).toBe(true);
    expect(r.entries).toBe(checkpointCount - 1);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ source: 'checkpoint', problem: 'beyond_end', count: checkpointCount });
  });

  it('detects an entry removed, with or without re-hashing the rest', async () => {
    const { dir, sessionId, host } = await withCheckpoint();
    host.close();
    const copy = tmpDir('pd-anchor-copy-');
    const fs = await import('node:fs');
    fs.cpSync(dir, copy, { recursive: true });
    // Without re-hashing: the chain breaks where the entry was.
    withDb(dir, (db) => {
      db.exec('DROP TRIGGER audit_log_no_delete');
      db.prepare("DELETE FROM audit_log WHERE seq = (SELECT MIN(seq) FROM audit_log WHERE kind = 'attendance.set')").run();
    });
    const plain = await check(dir, sessionId);
    expect(plain.ok).toBe(false);
    expect(plain.chain.firstBrokenLink?.reason).toBe('prev_hash');
    // Removed, renumbered and re-hashed: the chain links up, the checkpoint does not.
    let dropped = false;
    rewriteChain(copy, (rows) =>
      rows.filter((r) => {
        if (!dropped && r.kind === 'attendance.set') return !(dropped = true);
        return true;
      }),
    );
    const rehashed = await check(copy, sessionId);
    expect(rehashed.chain.ok).toBe(true);
    expect(rehashed.ok).toBe(false);
    expect(rehashed.problems.map((p) => p.problem)).toContain('not_on_chain');
  });

  it('detects a checkpoint whose signed position was altered in the table', async () => {
    const { dir, sessionId, host } = await withCheckpoint();
    host.close();
    withDb(dir, (db) => {
      db.exec('DROP TRIGGER audit_checkpoint_no_update');
      db.prepare('UPDATE audit_checkpoint SET count = count + 1').run();
    });
    const r = await check(dir, sessionId);
    expect(r.problems[0]).toMatchObject({ source: 'checkpoint', problem: 'bad_signature' });
  });

  it('cannot see a cut after the latest checkpoint (the documented limit)', async () => {
    const { dir, sessionId, host } = await withCheckpoint();
    host.close();
    withDb(dir, (db) => {
      db.exec('DROP TRIGGER audit_log_no_delete');
      db.prepare('DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)').run();
    });
    const r = await check(dir, sessionId);
    expect(r.ok).toBe(true);
    expect(r.uncovered).toBe(1);
  });
});

describe('signed sheets carry the chain position and are checked against it', () => {
  async function submitted() {
    const dir = tmpDir('pd-anchor-sheet-');
    const host = openHost(dir);
    const { sessionId } = await ok(host, 'openDemo', {});
    const member = (await ok(host, 'listExperts', { sessionId })).find((e) => e.role === 'member') as { id: string };
    await enrol(host, sessionId, member.id, EXPERT);
    await ok(host, 'signIn', { sessionId, expertId: member.id, passphrase: EXPERT, as: 'expert' });
    const d = (await ok(host, 'listMyDossiers', { sessionId })).find((r) => r.status !== 'recused') as { dossierId: string };
    const view = await ok(host, 'getScoreSheet', { sessionId, dossierId: d.dossierId });
    for (const it of view.standard.items) {
      await ok(host, 'saveScore', { sessionId, dossierId: d.dossierId, itemId: it.id, value: it.bands && it.bands.length > 0 ? (it.bands[0] as { score: number }).score : 0 });
    }
    await ok(host, 'submitSheet', { sessionId, dossierId: d.dossierId, passphrase: EXPERT });
    host.close();
    return { dir, sessionId, dossierId: d.dossierId, expertId: member.id };
  }

  it('a sheet signs the head and the count of entries before it', async () => {
    const { dir, sessionId } = await submitted();
    withDb(dir, (db) => {
      const env = JSON.parse((db.prepare("SELECT envelope_json AS e FROM score_sheet WHERE status = 'submitted'").get() as { e: string }).e) as { payload: string };
      const payload = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as { auditHead: string; auditCount: number };
      const submittedEntry = listAudit(db).find((r) => r.kind === 'sheet.submitted');
      expect(payload.auditCount).toBe((submittedEntry?.seq ?? 0) - 1);
      expect(payload.auditHead).toBe(submittedEntry?.prevHash);
    });
    const r = await check(dir, sessionId);
    expect(r.sheets).toEqual({ total: 1, onChain: 1, otherDesk: 0 });
    expect(r.checkpoints.total).toBe(0);
    expect(r.ok).toBe(true);
  });

  it('detects a signed sheet whose head is not on the chain (rewrite before it, no checkpoint at all)', async () => {
    const { dir, sessionId, dossierId, expertId } = await submitted();
    rewriteChain(dir, (rows) => rows.map((r) => (r.kind === 'key.created' ? { ...r, at: '2020-01-01T00:00:00.000Z' } : r)));
    const r = await check(dir, sessionId);
    expect(r.chain.ok).toBe(true);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ source: 'sheet', problem: 'not_on_chain', dossierId, signer: expect.objectContaining({ expertId }) })]);
  });
});

describe('who signs checkpoints, and when', () => {
  it('the secretary on returning with the passphrase, the chair on signing in, the examiner on signing in', async () => {
    const dir = tmpDir('pd-anchor-who-');
    const host = openHost(dir);
    const { sessionId } = await ok(host, 'openDemo', {});
    const chair = (await ok(host, 'listExperts', { sessionId })).find((e) => e.role === 'chair') as { id: string; name: string };
    await ok(host, 'setExaminerPassphrase', { passphrase: 'examiner pass 1' });
    await enrol(host, sessionId, chair.id, CHAIR);
    await ok(host, 'signIn', { sessionId, expertId: chair.id, passphrase: CHAIR, as: 'chair' });
    await ok(host, 'signInSecretary', { passphrase: DESK });
    await ok(host, 'signInExaminer', { passphrase: 'examiner pass 1' });
    const r = await ok(host, 'checkAuditAnchors', { sessionId });
    expect(r.ok).toBe(true);
    expect(r.checkpoints.signers.map((s) => s.signer.role)).toEqual(['chair', 'secretary', 'examiner']);
    expect(r.checkpoints.signers[0]?.signer.name).toBe(chair.name);
    const kinds = (await ok(host, 'listAuditEvents', { sessionId, kinds: ['audit.checkpoint'] })).rows;
    expect(kinds).toHaveLength(3);
    host.close();
  });

  it('checkpoint now: a wrong passphrase is refused and counted, an expert may not', async () => {
    const dir = tmpDir('pd-anchor-now-');
    const host = openHost(dir);
    const { sessionId } = await ok(host, 'openDemo', {});
    expect(await err(host, 'checkpointAuditLog', { passphrase: 'not the pass' })).toMatchObject({ code: 'AUTH_BAD_PASSPHRASE', details: { remaining: 4 } });
    expect((await ok(host, 'checkAuditAnchors', { sessionId })).checkpoints.total).toBe(0);
    const member = (await ok(host, 'listExperts', { sessionId })).find((e) => e.role === 'member') as { id: string };
    await enrol(host, sessionId, member.id, EXPERT);
    await ok(host, 'signIn', { sessionId, expertId: member.id, passphrase: EXPERT, as: 'expert' });
    expect((await err(host, 'checkpointAuditLog', { passphrase: EXPERT })).code).toBe('CONTRACT_FORBIDDEN');
    host.close();
  });
});
