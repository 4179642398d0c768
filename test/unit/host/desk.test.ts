// Roles on a shared laptop: the desk is set up and locked by default, the secretary's passphrase is asked
// at every return, enrolment happens only in a ceremony, and the idle lock is enforced by the backend.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { asSecretary, enrol, err, ok, openHost, openRawHost, TEST_SECRETARY_PASS } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';

afterEach(() => {
  vi.useRealTimers();
});

describe('a new data folder', () => {
  it('starts locked and asks the secretary to set a passphrase before anything else', async () => {
    const host = openRawHost(tmpDir('pd-first-'));
    expect(await ok(host, 'getPrincipal', {})).toMatchObject({ role: 'locked', deskProtected: false });
    // Nothing of the secretary's until the desk is set up: not even opening the demo.
    expect((await err(host, 'openDemo', {})).code).toBe('CONTRACT_FORBIDDEN');
    expect((await err(host, 'signInSecretary', { passphrase: 'anything at all' })).code).toBe('DESK_NOT_SET_UP');
    expect((await err(host, 'setUpDesk', { passphrase: 'short' })).code).toBe('CONTRACT_INVALID_INPUT');
    expect(await ok(host, 'setUpDesk', { passphrase: TEST_SECRETARY_PASS })).toMatchObject({ role: 'secretary', deskProtected: true });
    // Set once: a second set-up (a takeover from the lock screen) is refused.
    await ok(host, 'lockDesk', {});
    expect((await err(host, 'setUpDesk', { passphrase: 'takeover pass 1' })).code).toBe('DESK_ALREADY_SET_UP');
    expect((await ok(host, 'signInSecretary', { passphrase: TEST_SECRETARY_PASS })).role).toBe('secretary');
    host.close();
  });

  it('reopens locked, and every return to the secretary asks the passphrase', async () => {
    const dir = tmpDir('pd-desk-');
    const host = openHost(dir);
    const { sessionId } = await ok(host, 'openDemo', {});
    const member = (await ok(host, 'listExperts', { sessionId })).find((e) => e.role === 'member') as { id: string };
    await enrol(host, sessionId, member.id, 'expert pass 1');
    host.close();

    const again = openRawHost(dir);
    expect(await ok(again, 'getPrincipal', {})).toMatchObject({ role: 'locked', deskProtected: true });
    // Locked: no secretary's data, no dossiers; only what the lock screen needs.
    expect((await err(again, 'listConflicts', { sessionId })).code).toBe('CONTRACT_FORBIDDEN');
    expect((await err(again, 'listDossiers', { sessionId })).code).toBe('CONTRACT_FORBIDDEN');
    expect((await ok(again, 'listIdentities', { sessionId })).length).toBeGreaterThan(3);
    await ok(again, 'signIn', { sessionId, expertId: member.id, passphrase: 'expert pass 1', as: 'expert' });
    const wrong = await err(again, 'signInSecretary', { passphrase: 'not it at all' });
    expect(wrong).toMatchObject({ code: 'AUTH_BAD_PASSPHRASE', details: { remaining: 4 } });
    expect((await ok(again, 'getPrincipal', {})).role).toBe('expert');
    expect(await ok(again, 'signInSecretary', { passphrase: TEST_SECRETARY_PASS })).toMatchObject({ role: 'secretary' });
    expect((await ok(again, 'listConflicts', { sessionId })).conflicts.length).toBeGreaterThan(0);
    // Changing the passphrase always asks for the current one; locking leaves the desk locked.
    expect((await err(again, 'setSecretaryPassphrase', { current: 'not it at all', passphrase: 'a new desk pass' })).code).toBe('AUTH_BAD_PASSPHRASE');
    await ok(again, 'setSecretaryPassphrase', { current: TEST_SECRETARY_PASS, passphrase: 'a new desk pass' });
    expect((await ok(again, 'lockDesk', {})).role).toBe('locked');
    expect((await err(again, 'signInSecretary', { passphrase: TEST_SECRETARY_PASS })).code).toBe('AUTH_BAD_PASSPHRASE');
    expect((await ok(again, 'signInSecretary', { passphrase: 'a new desk pass' })).role).toBe('secretary');
    again.close();
  });

  it('locks itself after the idle timeout, enforced by the backend, and says so', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const host = openHost(tmpDir('pd-idle-'));
    const { sessionId } = await ok(host, 'openDemo', {});
    expect((await ok(host, 'getPrincipal', {})).idleLockMinutes).toBe(10);
    vi.advanceTimersByTime(9 * 60_000);
    await ok(host, 'listDossiers', { sessionId });
    vi.advanceTimersByTime(9 * 60_000);
    // Polling (progress) does not keep the desk awake; a user action does.
    await ok(host, 'getScoringProgress', { sessionId });
    vi.advanceTimersByTime(2 * 60_000);
    expect((await err(host, 'listConflicts', { sessionId })).code).toBe('DESK_IDLE_LOCKED');
    expect((await ok(host, 'getPrincipal', {})).role).toBe('locked');
    await asSecretary(host);
    await ok(host, 'setIdleLock', { minutes: 2 });
    vi.advanceTimersByTime(60_000);
    await ok(host, 'keepAlive', {});
    vi.advanceTimersByTime(90_000);
    expect((await ok(host, 'listConflicts', { sessionId })).conflicts.length).toBeGreaterThan(0);
    vi.advanceTimersByTime(121_000);
    expect((await err(host, 'listDossiers', { sessionId })).code).toBe('DESK_IDLE_LOCKED');
    const audit = await (async () => {
      await asSecretary(host);
      return ok(host, 'listAuditEvents', { sessionId });
    })();
    expect(audit.rows.some((e) => e.kind === 'desk.idle_locked')).toBe(true);
    host.close();
  });
});

describe('enrolment ceremony', () => {
  async function demo() {
    const host = openHost(tmpDir('pd-enrol-'));
    const { sessionId } = await ok(host, 'openDemo', {});
    const [a, b] = (await ok(host, 'listExperts', { sessionId })).filter((e) => e.role === 'member') as Array<{ id: string }>;
    return { host, sessionId, a: a as { id: string }, b: b as { id: string } };
  }

  it('creates a key only in a ceremony the secretary opened, for that expert', async () => {
    const { host, sessionId, a, b } = await demo();
    expect((await err(host, 'enrollExpert', { sessionId, expertId: a.id, passphrase: 'impostor pass' })).code).toBe('ENROLMENT_NOT_OPEN');
    await ok(host, 'openEnrolment', { sessionId, expertId: a.id });
    expect((await ok(host, 'getPrincipal', {})).enrolment).toEqual({ sessionId, expertId: a.id });
    // The ceremony is for a, not b.
    expect((await err(host, 'enrollExpert', { sessionId, expertId: b.id, passphrase: 'impostor pass' })).code).toBe('ENROLMENT_NOT_OPEN');
    const row = await ok(host, 'enrollExpert', { sessionId, expertId: a.id, passphrase: 'expert a pass' });
    expect(row).toMatchObject({ hasKey: true, confirmed: false, revokedKeys: 0 });
    // Until the fingerprint is confirmed aloud, the key signs nobody in.
    expect((await err(host, 'signIn', { sessionId, expertId: a.id, passphrase: 'expert a pass', as: 'expert' })).code).toBe('AUTH_KEY_NOT_CONFIRMED');
    await asSecretary(host);
    // Signing in elsewhere ended the ceremony: confirming needs it open again.
    expect((await err(host, 'confirmExpertKey', { sessionId, expertId: a.id, keyid: row.keyid as string })).code).toBe('ENROLMENT_NOT_OPEN');
    await ok(host, 'openEnrolment', { sessionId, expertId: a.id });
    expect((await ok(host, 'confirmExpertKey', { sessionId, expertId: a.id, keyid: row.keyid as string })).confirmed).toBe(true);
    expect((await ok(host, 'getPrincipal', {})).enrolment).toBeNull();
    expect((await ok(host, 'signIn', { sessionId, expertId: a.id, passphrase: 'expert a pass', as: 'expert' })).expertId).toBe(a.id);
    // An expert (anyone but the secretary) cannot open a ceremony or create keys.
    expect((await err(host, 'openEnrolment', { sessionId, expertId: b.id })).code).toBe('CONTRACT_FORBIDDEN');
    expect((await err(host, 'enrollExpert', { sessionId, expertId: b.id, passphrase: 'impostor pass' })).code).toBe('CONTRACT_FORBIDDEN');
    host.close();
  });

  it('refuses a second key without a recorded revocation, and shows every re-enrolment', async () => {
    const { host, sessionId, a } = await demo();
    const first = await enrol(host, sessionId, a.id, 'expert a pass');
    expect((await err(host, 'openEnrolment', { sessionId, expertId: a.id })).code).toBe('AUTH_KEY_EXISTS');
    const revoked = await ok(host, 'revokeExpertKey', { sessionId, expertId: a.id, reason: '专家遗忘口令' });
    expect(revoked).toMatchObject({ hasKey: false, revokedKeys: 1 });
    expect((await err(host, 'signIn', { sessionId, expertId: a.id, passphrase: 'expert a pass', as: 'expert' })).code).toBe('AUTH_NO_KEY');
    const second = await enrol(host, sessionId, a.id, 'expert a pass 2');
    expect(second).not.toBe(first);
    const row = (await ok(host, 'listIdentities', { sessionId })).find((r) => r.expertId === a.id);
    expect(row).toMatchObject({ hasKey: true, confirmed: true, revokedKeys: 1, keyid: second });
    const kinds = (await ok(host, 'listAuditEvents', { sessionId })).rows.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['enrolment.opened', 'key.created', 'key.confirmed', 'key.revoked']));
    host.close();
  });
});

describe('wrong passphrases', () => {
  it('keep their wait when the wall clock is set back or forward, and across a restart', async () => {
    const dir = tmpDir('pd-clock-');
    const host = openHost(dir);
    const { sessionId } = await ok(host, 'openDemo', {});
    const member = (await ok(host, 'listExperts', { sessionId })).find((e) => e.role === 'member') as { id: string };
    await enrol(host, sessionId, member.id, 'expert clock pass');
    const signIn = (passphrase: string) => host.invoke('signIn', { sessionId, expertId: member.id, passphrase, as: 'expert' });
    for (let i = 0; i < 5; i++) await signIn('wrong wrong');
    const code = async (h = host) => {
      const r = await h.invoke('signIn', { sessionId, expertId: member.id, passphrase: 'expert clock pass', as: 'expert' });
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code()).toBe('AUTH_RATE_LIMITED');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.now() - 3600_000));
    expect(await code()).toBe('AUTH_RATE_LIMITED');
    vi.setSystemTime(new Date(Date.now() + 2 * 86_400_000));
    expect(await code()).toBe('AUTH_RATE_LIMITED');
    vi.useRealTimers();
    host.close();
    // The count is stored: after a restart the wait starts again rather than vanishing.
    const again = openHost(dir);
    expect(await code(again)).toBe('AUTH_RATE_LIMITED');
    again.close();
  });
});

describe('examiners', () => {
  it('sign in with their own passphrase, read and verify, and change nothing', async () => {
    const host = openHost(tmpDir('pd-exam-'));
    const { sessionId } = await ok(host, 'openDemo', {});
    expect((await err(host, 'signInExaminer', { passphrase: 'anything at all' })).code).toBe('AUTH_NO_KEY');
    expect((await ok(host, 'setExaminerPassphrase', { passphrase: 'examiner pass 1' })).examinerEnabled).toBe(true);
    expect((await err(host, 'signInExaminer', { passphrase: 'wrong one here' })).code).toBe('AUTH_BAD_PASSPHRASE');
    expect((await ok(host, 'signInExaminer', { passphrase: 'examiner pass 1' })).role).toBe('examiner');
    const report = await ok(host, 'checkAuditAnchors', { sessionId });
    expect(report.ok).toBe(true);
    const recent = (await ok(host, 'listAuditEvents', { sessionId })).rows;
    expect(recent[0]?.kind).toBe('auth.signed_in');
    expect(recent.some((e) => e.kind === 'session.imported')).toBe(true);
    expect((await ok(host, 'getScoringProgress', { sessionId })).experts.length).toBeGreaterThan(3);
    for (const [m, input] of [
      ['setAttendance', { sessionId, expertId: 'x', present: true }],
      ['declareConflict', { sessionId, expertId: 'x', dossierId: 'y', reason: 'r' }],
      ['startImport', { path: '/x' }],
      ['saveScore', { sessionId, dossierId: 'y', itemId: 'i', value: 0 }],
      ['setSecretaryPassphrase', { current: 'examiner pass 1', passphrase: 'takeover pass' }],
      ['openEnrolment', { sessionId, expertId: 'x' }],
    ] as const) {
      expect((await err(host, m, input)).code, m).toBe('CONTRACT_FORBIDDEN');
    }
    host.close();
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
    const report = await ok(again, 'checkAuditAnchors', { sessionId });
    expect(report.ok).toBe(false);
    expect(report.chain.firstBrokenLink?.reason).toBe('hash');
    again.close();
  });
});
