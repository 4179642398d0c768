import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemoSession } from '../../../electron/backend/demo/demo-session';
import { writeSessionBundle } from '../../../electron/backend/bundles/writer';
import { asSecretary, enrolAndSignIn, err, ok, openHost, runImport } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';
import { bytesToHex } from '@noble/hashes/utils.js';
import { openDatabase } from '../../../electron/backend/db/connection';
import { generateKeyPair } from '../../../shared/crypto/ed25519';
import { keyIdOf } from '../../../shared/crypto/keyid';

const PASS = 'update test pass';

/** Version 2 of the demo with a few edits. */
async function version2(dir: string, edit: (c: ReturnType<typeof buildDemoSession>['content']) => void): Promise<string> {
  const demo = buildDemoSession();
  demo.content.session.bundleVersion = 2;
  edit(demo.content);
  const file = path.join(dir, `v2-${Math.random().toString(36).slice(2)}.pdbundle`);
  await writeSessionBundle(file, demo.content, demo.blobs);
  return file;
}

describe('importing a newer version of a session', () => {
  it('previews the changes without writing, then applies exactly the previewed bundle', async () => {
    const dir = tmpDir('pd-upd-');
    const host = openHost(dir);
    const { sessionId } = await ok(host, 'openDemo', {});
    const before = await ok(host, 'getOverview', { sessionId });
    const file = await version2(dir, (c) => {
      const [first, second, third] = c.dossiers;
      if (!first || !second || !third) throw new Error('demo');
      first.employer = '长春新单位有限公司';
      c.dossiers = c.dossiers.filter((d) => d.id !== second.id);
      c.conflicts = c.conflicts.filter((x) => x.dossierId !== second.id);
      c.dossiers.push({ ...third, id: 'D-NEW-1', packetNo: 'NEW-001', name: '新增申报人', idNumber: third.idNumber });
      const e = c.experts[3];
      if (e) e.title = '正高级经济师';
      c.session.name = `${c.session.name}（第二版）`;
    });

    const preview = await runImport(host, { path: file });
    if (!preview.ok) throw new Error(preview.error.code);
    const u = preview.report.update;
    expect(preview.report.applied).toBe(false);
    expect(u).toMatchObject({ fromVersion: 1, toVersion: 2, blocked: [], rescore: [] });
    expect(u?.session).toEqual(['name']);
    expect(u?.dossiers.added.map((d) => d.id)).toEqual(['D-NEW-1']);
    expect(u?.dossiers.removed).toHaveLength(1);
    expect(u?.dossiers.changed).toEqual([expect.objectContaining({ fields: ['content'] })]);
    expect(u?.experts.changed).toEqual([expect.objectContaining({ fields: ['title'] })]);
    // Nothing written yet.
    const still = await ok(host, 'getOverview', { sessionId });
    expect(still).toMatchObject({ bundleVersion: 1, name: before.name, counts: before.counts });

    const wrong = await runImport(host, { path: file, applyUpdate: { bundleHash: 'f'.repeat(64) } });
    expect(wrong.ok ? 'ok' : wrong.error.code).toBe('BUNDLE_UPDATE_CHANGED');

    const applied = await runImport(host, { path: file, applyUpdate: { bundleHash: u?.bundleHash ?? '' } });
    if (!applied.ok) throw new Error(applied.error.code);
    expect(applied.report.applied).toBe(true);
    const after = await ok(host, 'getOverview', { sessionId });
    expect(after.bundleVersion).toBe(2);
    expect(after.name).toContain('第二版');
    expect(after.counts.dossiers).toBe(before.counts.dossiers);
    expect((await ok(host, 'listDossiers', { sessionId, search: 'NEW-001' })).total).toBe(1);
  });

  it('refuses an update that would drop scores already entered, changing nothing', async () => {
    const dir = tmpDir('pd-upd2-');
    const host = openHost(dir);
    const { sessionId } = await ok(host, 'openDemo', {});
    const expert = (await ok(host, 'listExperts', { sessionId })).find((e) => e.role === 'member') as { id: string };
    await enrolAndSignIn(host, sessionId, expert.id, PASS);
    const d = (await ok(host, 'listMyDossiers', { sessionId })).find((r) => r.status !== 'recused') as { dossierId: string };
    const sheet = await ok(host, 'getScoreSheet', { sessionId, dossierId: d.dossierId });
    const item = sheet.standard.items[0] as { id: string; bands?: Array<{ score: number }> };
    await ok(host, 'saveScore', { sessionId, dossierId: d.dossierId, itemId: item.id, value: item.bands?.[0]?.score ?? 0 });
    await asSecretary(host);

    const file = await version2(dir, (c) => {
      c.dossiers = c.dossiers.filter((x) => x.id !== d.dossierId);
      c.conflicts = c.conflicts.filter((x) => x.dossierId !== d.dossierId);
    });
    const preview = await runImport(host, { path: file });
    if (!preview.ok) throw new Error(preview.error.code);
    expect(preview.report.update?.blocked).toEqual([expect.objectContaining({ kind: 'dossier_removed', id: d.dossierId, sheets: 1 })]);
    const refused = await runImport(host, { path: file, applyUpdate: { bundleHash: preview.report.update?.bundleHash ?? '' } });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('BUNDLE_UPDATE_WOULD_DROP_SCORES');
    expect((await ok(host, 'getOverview', { sessionId })).bundleVersion).toBe(1);

    // A content change of a scored dossier is allowed but flagged for re-scoring, and the score stays.
    const file2 = await version2(dir, (c) => {
      const x = c.dossiers.find((y) => y.id === d.dossierId);
      if (x) x.major = '更正后的专业';
    });
    const p2 = await runImport(host, { path: file2 });
    if (!p2.ok) throw new Error(p2.error.code);
    expect(p2.report.update?.rescore).toEqual([expect.objectContaining({ id: d.dossierId, sheets: 1 })]);
    const a2 = await runImport(host, { path: file2, applyUpdate: { bundleHash: p2.report.update?.bundleHash ?? '' } });
    expect(a2.ok).toBe(true);
    await ok(host, 'signIn', { sessionId, expertId: expert.id, passphrase: PASS, as: 'expert' });
    const kept = await ok(host, 'getScoreSheet', { sessionId, dossierId: d.dossierId });
    expect(kept.sheet.scores[item.id]).toBe(item.bands?.[0]?.score ?? 0);
    expect(kept.dossier.major).toBe('更正后的专业');
    expect((await err(host, 'getOverview', { sessionId: 'nope' })).code).toBe('SESSION_NOT_FOUND');
  });

  it('keeps dismissed conflicts dismissed across an update unless their inputs changed', async () => {
    const dir = tmpDir('pd-upd-dismiss-');
    const host = openHost(dir);
    const { sessionId } = await ok(host, 'openDemo', {});
    const view = await ok(host, 'listConflicts', { sessionId });
    const suggestion = view.suggestions[0];
    const declared = view.conflicts.find((c) => c.source === 'declared');
    if (!suggestion || !declared) throw new Error('the demo has a suggestion and a declared conflict');
    await ok(host, 'decideConflict', { sessionId, expertId: suggestion.expertId, dossierId: suggestion.dossierId, decision: 'dismiss', reason: '同名单位，实为不同法人' });
    await ok(host, 'decideConflict', { sessionId, expertId: declared.expertId, dossierId: declared.dossierId, decision: 'dismiss', reason: '核实后无利害关系' });
    const apply = async (file: string) => {
      const p = await runImport(host, { path: file });
      if (!p.ok || !p.report.update) throw new Error('preview');
      const a = await runImport(host, { path: file, applyUpdate: { bundleHash: p.report.update.bundleHash } });
      if (!a.ok) throw new Error(a.error.code);
    };
    const statusOf = (v: Awaited<ReturnType<typeof listed>>, e: string, d: string) => v.conflicts.find((c) => c.expertId === e && c.dossierId === d)?.status ?? null;
    const listed = () => ok(host, 'listConflicts', { sessionId });

    // Version 2 changes neither pair's inputs: both stay dismissed, and the suggestion is not asked again.
    await apply(await version2(dir, (c) => void (c.session.name = `${c.session.name}（第二版）`)));
    let now = await listed();
    expect(statusOf(now, suggestion.expertId, suggestion.dossierId)).toBe('dismissed');
    expect(statusOf(now, declared.expertId, declared.dossierId)).toBe('dismissed');
    expect(now.suggestions.some((s) => s.expertId === suggestion.expertId && s.dossierId === suggestion.dossierId)).toBe(false);

    // Version 3 changes the suggested dossier's content and no longer declares the other pair: asked again / gone.
    const v3 = await version2(dir, (c) => {
      c.session.bundleVersion = 3;
      c.conflicts = c.conflicts.filter((x) => !(x.expertId === declared.expertId && x.dossierId === declared.dossierId));
      const d = c.dossiers.find((x) => x.id === suggestion.dossierId);
      if (d) d.major = `${d.major}（更正）`;
    });
    await apply(v3);
    now = await listed();
    expect(statusOf(now, suggestion.expertId, suggestion.dossierId)).toBeNull();
    expect(now.suggestions.some((s) => s.expertId === suggestion.expertId && s.dossierId === suggestion.dossierId)).toBe(true);
    expect(statusOf(now, declared.expertId, declared.dossierId)).toBeNull();
  });

  it('shows a change of signer, applies it only when confirmed (audited), and a desk setting refuses it outright', async () => {
    const dir = tmpDir('pd-upd-trust-');
    const host = openHost(dir);
    const { sessionId } = await ok(host, 'openDemo', {});
    const issuer = generateKeyPair();
    await ok(host, 'addTrustedIssuer', { label: '省人社厅', publicKeyHex: bytesToHex(issuer.publicKey) });
    const issuerId = keyIdOf(issuer.publicKey);
    const write = async (version: number, signer: Uint8Array | null): Promise<string> => {
      const demo = buildDemoSession();
      demo.content.session.bundleVersion = version;
      const file = path.join(dir, `v${version}.pdbundle`);
      await writeSessionBundle(file, demo.content, demo.blobs, signer ? { issuer: { secretKey: signer } } : {});
      return file;
    };
    const preview = async (file: string) => {
      const p = await runImport(host, { path: file });
      if (!p.ok || !p.report.update) throw new Error('preview');
      return p.report.update;
    };

    // Unsigned → signed is no downgrade: applied as before.
    const v2 = await write(2, issuer.secretKey);
    const u2 = await preview(v2);
    expect(u2.trust).toEqual({ from: null, to: issuerId, change: 'signed' });
    expect((await runImport(host, { path: v2, applyUpdate: { bundleHash: u2.bundleHash } })).ok).toBe(true);

    // Signed → unsigned: shown, refused without the explicit confirmation, applied with it and audited.
    const v3 = await write(3, null);
    const u3 = await preview(v3);
    expect(u3.trust).toEqual({ from: issuerId, to: null, change: 'unsigned' });
    const refused = await runImport(host, { path: v3, applyUpdate: { bundleHash: u3.bundleHash } });
    expect(refused.ok ? 'ok' : refused.error).toMatchObject({ code: 'BUNDLE_UPDATE_TRUST_CHANGED', details: { reason: 'unsigned', expected: issuerId, actual: 'unsigned' } });
    expect((await ok(host, 'getOverview', { sessionId })).bundleVersion).toBe(2);
    const accepted = await runImport(host, { path: v3, applyUpdate: { bundleHash: u3.bundleHash, acceptTrustChange: true } });
    expect(accepted.ok).toBe(true);
    expect((await ok(host, 'getOverview', { sessionId })).bundleVersion).toBe(3);
    const db = openDatabase(dir);
    const audit = db.prepare("SELECT payload_json AS p FROM audit_log WHERE kind = 'session.updated' ORDER BY seq DESC LIMIT 1").get() as { p: string };
    expect(JSON.parse(audit.p).trust).toEqual({ from: issuerId, to: null, change: 'unsigned' });

    // A desk that refuses trust changes refuses even a confirmed one: v4 signed again, then v5 by another key.
    const v4 = await write(4, issuer.secretKey);
    expect((await runImport(host, { path: v4, applyUpdate: { bundleHash: (await preview(v4)).bundleHash } })).ok).toBe(true);
    const other = generateKeyPair();
    await ok(host, 'addTrustedIssuer', { label: '另一签发方', publicKeyHex: bytesToHex(other.publicKey) });
    db.close();
    // The secretary switches the desk setting on (set-up → 签发方), as the screen does.
    expect((await ok(host, 'setRefuseTrustChange', { refuse: true })).refuseTrustChange).toBe(true);
    const v5 = await write(5, other.secretKey);
    const u5 = await preview(v5);
    expect(u5.trust?.change).toBe('other_key');
    const never = await runImport(host, { path: v5, applyUpdate: { bundleHash: u5.bundleHash, acceptTrustChange: true } });
    expect(never.ok ? 'ok' : never.error.code).toBe('BUNDLE_UPDATE_TRUST_REFUSED');
    expect((await ok(host, 'getOverview', { sessionId })).bundleVersion).toBe(4);
  });
});
