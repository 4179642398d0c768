import { describe, expect, it } from 'vitest';
import { err, ok, openHost } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';

const DESK = 'secretary desk pass';

describe('the secretary’s desk passphrase', () => {
  it('once set, the app starts locked, experts sign in, and only the passphrase returns to the secretary', async () => {
    const dir = tmpDir('pd-desk-');
    const host = openHost(dir);
    const { sessionId } = await ok(host, 'openDemo', {});
    expect((await ok(host, 'getPrincipal', {})).deskProtected).toBe(false);
    const member = (await ok(host, 'listExperts', { sessionId })).find((e) => e.role === 'member') as { id: string };
    await ok(host, 'enrollExpert', { sessionId, expertId: member.id, passphrase: 'expert pass 1' });
    const p = await ok(host, 'setSecretaryPassphrase', { passphrase: DESK });
    expect(p).toMatchObject({ role: 'secretary', deskProtected: true });
    host.close();

    const again = openHost(dir);
    expect(await ok(again, 'getPrincipal', {})).toMatchObject({ role: 'locked', deskProtected: true });
    // Locked: no secretary's data, no conflicts, no progress; the lock screen's needs only.
    expect((await err(again, 'listConflicts', { sessionId })).code).toBe('CONTRACT_FORBIDDEN');
    expect((await err(again, 'listDossiers', { sessionId })).code).toBe('CONTRACT_FORBIDDEN');
    expect((await ok(again, 'listIdentities', { sessionId })).length).toBe(25);
    await ok(again, 'signIn', { sessionId, expertId: member.id, passphrase: 'expert pass 1', as: 'expert' });
    // An expert can't go back to the secretary without the secretary's passphrase.
    expect((await err(again, 'signOut', {})).code).toBe('AUTH_BAD_PASSPHRASE');
    const wrong = await err(again, 'signOut', { passphrase: 'not it at all' });
    expect(wrong).toMatchObject({ code: 'AUTH_BAD_PASSPHRASE', details: { remaining: 3 } });
    expect((await ok(again, 'getPrincipal', {})).role).toBe('expert');
    // Nor create keys in other experts' names.
    const other = (await ok(again, 'listIdentities', { sessionId })).find((i) => !i.hasKey) as { expertId: string };
    expect((await err(again, 'enrollExpert', { sessionId, expertId: other.expertId, passphrase: 'impostor pass' })).code).toBe('CONTRACT_FORBIDDEN');
    expect(await ok(again, 'signOut', { passphrase: DESK })).toMatchObject({ role: 'secretary' });
    expect((await ok(again, 'listConflicts', { sessionId })).conflicts.length).toBe(2);
    // Changing the passphrase asks for the current one; locking leaves the desk locked.
    expect((await err(again, 'setSecretaryPassphrase', { passphrase: 'a new desk pass' })).code).toBe('AUTH_BAD_PASSPHRASE');
    await ok(again, 'setSecretaryPassphrase', { current: DESK, passphrase: 'a new desk pass' });
    expect((await ok(again, 'lockDesk', {})).role).toBe('locked');
    expect((await err(again, 'signOut', { passphrase: DESK })).code).toBe('AUTH_BAD_PASSPHRASE');
    expect((await ok(again, 'signOut', { passphrase: 'a new desk pass' })).role).toBe('secretary');
  });

  it('without a passphrase the desk is open and lockDesk keeps the secretary', async () => {
    const host = openHost(tmpDir('pd-desk2-'));
    expect(await ok(host, 'lockDesk', {})).toMatchObject({ role: 'secretary', deskProtected: false });
  });
});

describe('examiners', () => {
  it('sign in with the passphrase the secretary set, read and verify, and change nothing', async () => {
    const host = openHost(tmpDir('pd-exam-'));
    const { sessionId } = await ok(host, 'openDemo', {});
    expect((await err(host, 'signInExaminer', { passphrase: 'anything at all' })).code).toBe('AUTH_NO_KEY');
    expect((await ok(host, 'setExaminerPassphrase', { passphrase: 'examiner pass 1' })).examinerEnabled).toBe(true);
    expect((await err(host, 'signInExaminer', { passphrase: 'wrong one here' })).code).toBe('AUTH_BAD_PASSPHRASE');
    expect((await ok(host, 'signInExaminer', { passphrase: 'examiner pass 1' })).role).toBe('examiner');
    const report = await ok(host, 'verifyAuditLog', { sessionId });
    expect(report.ok).toBe(true);
    expect(report.recent[0]?.kind).toBe('auth.signed_in');
    expect(report.recent.some((e) => e.kind === 'session.imported')).toBe(true);
    expect((await ok(host, 'getScoringProgress', { sessionId })).experts.length).toBe(25);
    for (const [m, input] of [
      ['setAttendance', { sessionId, expertId: 'x', present: true }],
      ['declareConflict', { sessionId, expertId: 'x', dossierId: 'y', reason: 'r' }],
      ['startImport', { path: '/x' }],
      ['saveScore', { sessionId, dossierId: 'y', itemId: 'i', value: 0 }],
      ['setSecretaryPassphrase', { passphrase: 'takeover pass' }],
    ] as const) {
      expect((await err(host, m, input)).code, m).toBe('CONTRACT_FORBIDDEN');
    }
  });

  it('detects a tampered audit log', async () => {
    const dir = tmpDir('pd-exam2-');
    const host = openHost(dir);
    const { sessionId } = await ok(host, 'openDemo', {});
    await ok(host, 'setAttendance', { sessionId, expertId: (await ok(host, 'listExperts', { sessionId }))[0]?.id ?? '', present: true });
    host.close();
    const { openDatabase } = await import('../../../electron/backend/db/connection');
    const db = openDatabase(dir);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET payload_json = '{}' WHERE kind = 'attendance.set'").run();
    db.close();
    const again = openHost(dir);
    const report = await ok(again, 'verifyAuditLog', { sessionId });
    expect(report.ok).toBe(false);
    expect(report.brokenAt?.reason).toBe('hash');
  });
});
