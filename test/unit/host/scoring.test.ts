import { describe, expect, it } from 'vitest';
import canonicalize from 'canonicalize';
import { verifyDsse } from '../../../shared/crypto/dsse';
import { hexToBytes } from '@noble/hashes/utils.js';
import { findFirstBrokenLink } from '../../../shared/audit';
import { listAudit } from '../../../electron/backend/db/queries/audit';
import { openDatabase } from '../../../electron/backend/db/connection';
import { asSecretary, enrol, enrolAndSignIn, err, ok, openHost } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';
import type { BackendHost } from '../../../electron/backend/host-types';

const PASS = 'correct horse 1';

async function setup() {
  const dir = tmpDir('pd-scoring-');
  const host = openHost(dir);
  const { sessionId } = await ok(host, 'openDemo', {});
  const experts = await ok(host, 'listExperts', { sessionId });
  const conflicts = await ok(host, 'listConflicts', { sessionId });
  return { dir, host, sessionId, experts, conflicts };
}

async function enrollAndSignIn(host: BackendHost, sessionId: string, expertId: string, as: 'expert' | 'chair' = 'expert') {
  await asSecretary(host);
  await enrolAndSignIn(host, sessionId, expertId, PASS, as);
  return ok(host, 'getPrincipal', {});
}

describe('expert scoring through the contract', () => {
  it('scores, refuses bad values at the item, signs on submit and locks', async () => {
    const { host, sessionId, experts, dir } = await setup();
    const e = experts.find((x) => x.role === 'member') as (typeof experts)[number];
    const p = await enrollAndSignIn(host, sessionId, e.id);
    expect(p).toMatchObject({ role: 'expert', expertId: e.id, expertName: e.name });
    expect(p.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);

    const mine = await ok(host, 'listMyDossiers', { sessionId });
    const open = mine.filter((r) => r.status !== 'recused');
    expect(open.length).toBeGreaterThan(0);
    const d = open[0] as (typeof open)[number];
    const view = await ok(host, 'getScoreSheet', { sessionId, dossierId: d.dossierId });
    expect(view.sheet).toMatchObject({ status: 'draft', total: 0, complete: false });
    expect(view.nextDossierId).toBe(open[1]?.dossierId ?? null);

    const banded = view.standard.items.find((it) => it.bands && it.bands.length > 0);
    const plain = view.standard.items.find((it) => !it.bands || it.bands.length === 0);
    expect(banded).toBeDefined();
    expect(plain).toBeDefined();
    if (!banded || !plain) return;
    expect((await err(host, 'saveScore', { sessionId, dossierId: d.dossierId, itemId: plain.id, value: plain.max + 1 })).code).toBe('SCORE_OUT_OF_RANGE');
    expect((await err(host, 'saveScore', { sessionId, dossierId: d.dossierId, itemId: banded.id, value: 1 })).code).toBe('SCORE_NOT_ON_BAND');
    expect((await err(host, 'saveScore', { sessionId, dossierId: d.dossierId, itemId: 'nope', value: 1 })).code).toBe('SCORE_UNKNOWN_ITEM');
    expect((await err(host, 'saveScore', { sessionId, dossierId: d.dossierId, itemId: plain.id, value: 1.5 })).code).toBe('CONTRACT_INVALID_INPUT');
    expect((await err(host, 'submitSheet', { sessionId, dossierId: d.dossierId, passphrase: PASS })).code).toBe('SCORE_INCOMPLETE');

    let expected = 0;
    for (const it of view.standard.items) {
      const value = it.bands && it.bands.length > 0 ? (it.bands[0] as { score: number }).score : Math.floor(it.max / 2);
      expected += value;
      const a = await ok(host, 'saveScore', { sessionId, dossierId: d.dossierId, itemId: it.id, value });
      expect(a.total).toBe(expected);
    }
    await ok(host, 'saveOpinion', { sessionId, dossierId: d.dossierId, opinion: '业绩突出，同意推荐。', recommendation: 'agree' });
    expect((await err(host, 'submitSheet', { sessionId, dossierId: d.dossierId, passphrase: 'wrong pass' })).code).toBe('AUTH_BAD_PASSPHRASE');
    const receipt = await ok(host, 'submitSheet', { sessionId, dossierId: d.dossierId, passphrase: PASS });
    expect(receipt.version).toBe(1);
    expect((await err(host, 'saveScore', { sessionId, dossierId: d.dossierId, itemId: plain.id, value: 0 })).code).toBe('SCORE_LOCKED');
    const after = await ok(host, 'getScoreSheet', { sessionId, dossierId: d.dossierId });
    expect(after.sheet).toMatchObject({ status: 'submitted', total: expected, complete: true, keyid: receipt.keyid });
    host.close();

    // The stored envelope verifies against the expert's public key and carries the sheet.
    const db = openDatabase(dir);
    const row = db.prepare('SELECT envelope_json AS e FROM score_sheet WHERE dossier_id = ? AND expert_id = ?').get(d.dossierId, e.id) as { e: string };
    const key = db.prepare('SELECT public_key AS k, keyid FROM expert_key WHERE expert_id = ?').get(e.id) as { k: string; keyid: string };
    const v = verifyDsse(JSON.parse(row.e), 'application/vnd.paneldesk.scoresheet+json', [{ keyid: key.keyid, publicKey: hexToBytes(key.k) }]);
    expect(v.ok).toBe(true);
    if (v.ok) {
      const payload = JSON.parse(new TextDecoder().decode(v.payload));
      expect(payload).toMatchObject({ sessionId, dossierId: d.dossierId, expertId: e.id, total: expected, opinion: '业绩突出，同意推荐。', recommendation: 'agree' });
      expect(payload.scores).toHaveLength(view.standard.items.length);
      expect(new TextDecoder().decode(v.payload)).toBe(canonicalize(payload));
    }
    // Every change went into the audit chain, which still verifies.
    const audit = listAudit(db);
    expect(audit.filter((a) => a.kind === 'score.saved')).toHaveLength(view.standard.items.length);
    expect(findFirstBrokenLink(audit)).toBeNull();
    // The database itself refuses to change a submitted sheet.
    expect(() => db.prepare("UPDATE score_item SET value = 0 WHERE expert_id = ?").run(e.id)).toThrow(/locked/);
    db.close();
  });

  it('never lets an expert score or read a recused or unassigned dossier', async () => {
    const { host, sessionId, experts, conflicts } = await setup();
    const c = conflicts.conflicts[0] as (typeof conflicts.conflicts)[number];
    const all = await ok(host, 'listDossiers', { sessionId });
    await enrollAndSignIn(host, sessionId, c.expertId);
    const mine = await ok(host, 'listMyDossiers', { sessionId });
    const rec = mine.find((r) => r.dossierId === c.dossierId);
    expect(rec).toMatchObject({ status: 'recused', recusalReason: c.reason, myTotal: null });
    for (const [m, input] of [
      ['getScoreSheet', { sessionId, dossierId: c.dossierId }],
      ['saveScore', { sessionId, dossierId: c.dossierId, itemId: 'x', value: 0 }],
      ['saveOpinion', { sessionId, dossierId: c.dossierId, opinion: 'x' }],
      ['submitSheet', { sessionId, dossierId: c.dossierId, passphrase: PASS }],
    ] as const) {
      expect((await err(host, m, input)).code).toBe('SCORE_RECUSED');
    }
    const other = all.rows.find((r) => !mine.some((m) => m.dossierId === r.id));
    expect(other?.id).toMatch(/\S/);
    expect(mine.map((m) => m.dossierId)).not.toContain(other?.id);
    // Reading is refused as much as scoring: no detail, no list row, no search hit, no group in the filters.
    expect(await err(host, 'getDossier', { sessionId, dossierId: c.dossierId })).toMatchObject({ code: 'DOSSIER_FORBIDDEN', details: { reason: 'recused' } });
    expect(await err(host, 'getDossier', { sessionId, dossierId: other?.id ?? '' })).toMatchObject({ code: 'DOSSIER_FORBIDDEN', details: { reason: 'not_assigned' } });
    const visible = await ok(host, 'listDossiers', { sessionId });
    expect(visible.rows.map((r) => r.id).sort()).toEqual(mine.filter((m) => m.status !== 'recused').map((m) => m.dossierId).sort());
    const recusedRow = all.rows.find((r) => r.id === c.dossierId) as (typeof all.rows)[number];
    expect((await ok(host, 'listDossiers', { sessionId, search: recusedRow.name })).rows.map((r) => r.id)).not.toContain(c.dossierId);
    expect((await ok(host, 'listDossiers', { sessionId, search: other?.packetNo ?? '' })).total).toBe(0);
    const mineGroups = experts.find((e) => e.id === c.expertId)?.groups ?? [];
    expect((await ok(host, 'getFilterOptions', { sessionId })).groups.map((g) => g.id).sort()).toEqual([...mineGroups].sort());
    expect((await err(host, 'getScoreSheet', { sessionId, dossierId: other?.id ?? '' })).code).toBe('SCORE_NOT_ASSIGNED');
    expect((await err(host, 'saveScore', { sessionId, dossierId: other?.id ?? '', itemId: 'x', value: 0 })).code).toBe('SCORE_NOT_ASSIGNED');
    // An expert can't read conflict decisions or progress.
    expect((await err(host, 'listConflicts', { sessionId })).code).toBe('CONTRACT_FORBIDDEN');
    expect((await err(host, 'getScoringProgress', { sessionId })).code).toBe('CONTRACT_FORBIDDEN');
    expect(experts.length).toBe(25);
  });

  it('keeps experts independent: no method returns another expert’s scores', async () => {
    const { host, sessionId, experts } = await setup();
    const groupOf = (id: string) => experts.find((e) => e.id === id)?.groups[0];
    const [a, b] = experts.filter((e) => e.role === 'member' && e.groups[0] === groupOf(experts.find((x) => x.role === 'member')?.id ?? ''));
    if (!a || !b) throw new Error('need two experts of one group');
    await enrollAndSignIn(host, sessionId, a.id);
    const mineA = (await ok(host, 'listMyDossiers', { sessionId })).filter((r) => r.status !== 'recused');
    const shared = (mineA[0] as (typeof mineA)[number]).dossierId;
    const view = await ok(host, 'getScoreSheet', { sessionId, dossierId: shared });
    const item = view.standard.items.find((it) => !it.bands?.length) as (typeof view.standard.items)[number];
    await ok(host, 'saveScore', { sessionId, dossierId: shared, itemId: item.id, value: 777 });
    await ok(host, 'saveOpinion', { sessionId, dossierId: shared, opinion: 'A 的意见' });

    await enrollAndSignIn(host, sessionId, b.id);
    const bView = await ok(host, 'getScoreSheet', { sessionId, dossierId: shared });
    expect(bView.sheet.scores).toEqual({});
    expect(bView.sheet.opinion).toBe('');
    const bRow = (await ok(host, 'listMyDossiers', { sessionId })).find((r) => r.dossierId === shared);
    expect(bRow?.myTotal).toBeNull();
    // No other method B may call carries A's 777 or opinion.
    const probes: Array<[string, unknown]> = [
      ['getOverview', { sessionId }],
      ['listDossiers', { sessionId }],
      ['getDossier', { sessionId, dossierId: shared }],
      ['listMyDossiers', { sessionId }],
      ['getScoreSheet', { sessionId, dossierId: shared }],
      ['listIdentities', { sessionId }],
      ['getPrincipal', {}],
      ['listStandards', { sessionId }],
      ['listSheetStatus', { sessionId, dossierId: shared }],
      ['getScoringProgress', { sessionId }],
      ['listExperts', { sessionId }],
    ];
    for (const [m, input] of probes) {
      const r = await host.invoke(m, input);
      const text = JSON.stringify(r);
      expect(text, m).not.toContain('A 的意见');
      expect(text.includes('"value":777') || text.includes(':777,') || text.includes(':777}'), m).toBe(false);
    }
  });

  it('rate-limits wrong passphrases per expert without locking out the others', async () => {
    const { host, sessionId, experts } = await setup();
    const [a, b] = experts.filter((e) => e.role === 'member');
    if (!a || !b) throw new Error('need experts');
    await enrol(host, sessionId, a.id, PASS);
    await enrol(host, sessionId, b.id, PASS);
    const remaining: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const e = await err(host, 'signIn', { sessionId, expertId: a.id, passphrase: 'nope nope', as: 'expert' });
      expect(e.code).toBe('AUTH_BAD_PASSPHRASE');
      remaining.push(e.details?.remaining);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const limited = await err(host, 'signIn', { sessionId, expertId: a.id, passphrase: PASS, as: 'expert' });
    expect(limited.code).toBe('AUTH_RATE_LIMITED');
    expect(Number(limited.details?.retryAfterSeconds)).toBeGreaterThan(0);
    expect((await ok(host, 'signIn', { sessionId, expertId: b.id, passphrase: PASS, as: 'expert' })).expertId).toBe(b.id);
    expect((await err(host, 'signIn', { sessionId, expertId: a.id, passphrase: PASS, as: 'chair' })).code).toBe('AUTH_NOT_CHAIR');
  });

  it('lets the chair unlock a submitted sheet with a reason; the signed version is kept', async () => {
    const { host, sessionId, experts, dir } = await setup();
    const chair = experts.find((e) => e.role === 'chair') as (typeof experts)[number];
    const member = experts.find((e) => e.role === 'member' && e.groups.length > 0) as (typeof experts)[number];
    await enrollAndSignIn(host, sessionId, member.id);
    const d = (await ok(host, 'listMyDossiers', { sessionId })).find((r) => r.status !== 'recused') as { dossierId: string };
    const view = await ok(host, 'getScoreSheet', { sessionId, dossierId: d.dossierId });
    for (const it of view.standard.items) {
      await ok(host, 'saveScore', { sessionId, dossierId: d.dossierId, itemId: it.id, value: it.bands?.[0]?.score ?? 0 });
    }
    await ok(host, 'submitSheet', { sessionId, dossierId: d.dossierId, passphrase: PASS });
    expect((await err(host, 'unlockSheet', { sessionId, dossierId: d.dossierId, expertId: member.id, reason: 'x' })).code).toBe('CONTRACT_FORBIDDEN');

    await enrollAndSignIn(host, sessionId, chair.id, 'chair');
    const status = await ok(host, 'listSheetStatus', { sessionId, dossierId: d.dossierId });
    expect(status).toEqual([expect.objectContaining({ expertId: member.id, status: 'submitted', version: 1 })]);
    expect(JSON.stringify(status)).not.toMatch(/scores|total/);
    const s = await ok(host, 'unlockSheet', { sessionId, dossierId: d.dossierId, expertId: member.id, reason: '专家申请更正笔误' });
    expect(s).toMatchObject({ version: 2, status: 'draft', unlockReason: '专家申请更正笔误' });

    await ok(host, 'signIn', { sessionId, expertId: member.id, passphrase: PASS, as: 'expert' });
    const v2 = await ok(host, 'getScoreSheet', { sessionId, dossierId: d.dossierId });
    expect(v2.sheet).toMatchObject({ version: 2, status: 'draft', unlockReason: '专家申请更正笔误', complete: true });
    await ok(host, 'submitSheet', { sessionId, dossierId: d.dossierId, passphrase: PASS });
    host.close();
    const db = openDatabase(dir);
    const versions = db.prepare('SELECT version, status, envelope_json IS NOT NULL AS signed FROM score_sheet WHERE dossier_id = ? AND expert_id = ? ORDER BY version').all(d.dossierId, member.id);
    expect(versions).toEqual([
      { version: 1, status: 'submitted', signed: 1 },
      { version: 2, status: 'submitted', signed: 1 },
    ]);
    db.close();
  });

  it('reports progress as counts, never scores', async () => {
    const { host, sessionId, experts } = await setup();
    const member = experts.find((e) => e.role === 'member') as (typeof experts)[number];
    await enrollAndSignIn(host, sessionId, member.id);
    const d = (await ok(host, 'listMyDossiers', { sessionId })).find((r) => r.status !== 'recused') as { dossierId: string };
    const view = await ok(host, 'getScoreSheet', { sessionId, dossierId: d.dossierId });
    for (const it of view.standard.items) await ok(host, 'saveScore', { sessionId, dossierId: d.dossierId, itemId: it.id, value: it.bands?.[0]?.score ?? 1 });
    await ok(host, 'submitSheet', { sessionId, dossierId: d.dossierId, passphrase: PASS });
    await asSecretary(host);
    const prog = await ok(host, 'getScoringProgress', { sessionId });
    const row = prog.experts.find((r) => r.expertId === member.id);
    expect(row).toMatchObject({ submitted: 1, scored: 1 });
    expect((row?.assigned ?? 0) - 1).toBe(row?.remaining);
    const totalRecused = prog.experts.reduce((s, r) => s + r.recused, 0);
    expect(totalRecused).toBe(2);
    expect(prog.groups.reduce((s, g) => s + g.submitted, 0)).toBe(1);
  });
});
