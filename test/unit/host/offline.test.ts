import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackendHost } from '../../../electron/backend/host-types';
import { enrolAndSignIn, err, ok, openHost, runImport } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';
import { openToken, saveToken } from '../../fixtures/file-tokens';

const PKG_PASS = 'package passphrase 1';
const EXPERT_PASS = 'expert laptop pass';

/** Secretary's laptop with the demo, and one expert's package exported for a second laptop. */
async function secretaryAndLaptop() {
  const work = tmpDir('pd-off-');
  const secretary = openHost(path.join(work, 'secretary'));
  const { sessionId } = await ok(secretary, 'openDemo', {});
  const experts = await ok(secretary, 'listExperts', { sessionId });
  const conflicts = await ok(secretary, 'listConflicts', { sessionId });
  const recusedExpert = conflicts.conflicts[0]?.expertId;
  const expert = experts.find((e) => e.role === 'member' && e.id === recusedExpert) ?? (experts.find((e) => e.role === 'member') as (typeof experts)[number]);
  const pkg = path.join(work, 'package.pdbundle.age');
  const exported = await ok(secretary, 'exportExpertPackage', { sessionId, expertId: expert.id, path: saveToken(secretary, pkg), passphrase: PKG_PASS });
  expect(fs.readFileSync(pkg).subarray(0, 21).toString()).toBe('age-encryption.org/v1');

  const laptop = openHost(path.join(work, 'laptop'));
  const imported = await runImport(laptop, { path: pkg, passphrase: PKG_PASS });
  if (!imported.ok) throw new Error(imported.error.code);
  expect(imported.report.dossiers).toBe(exported.dossiers);
  // On the expert's own laptop the expert holds the desk: they run the ceremony for themselves.
  await enrolAndSignIn(laptop, sessionId, expert.id, EXPERT_PASS);
  return { work, secretary, laptop, sessionId, expert, exported };
}

async function scoreAll(host: BackendHost, sessionId: string, count: number): Promise<string[]> {
  const mine = (await ok(host, 'listMyDossiers', { sessionId })).filter((r) => r.status !== 'recused').slice(0, count);
  for (const d of mine) {
    const v = await ok(host, 'getScoreSheet', { sessionId, dossierId: d.dossierId });
    for (const it of v.standard.items) await ok(host, 'saveScore', { sessionId, dossierId: d.dossierId, itemId: it.id, value: it.bands?.[0]?.score ?? Math.floor(it.max / 2) });
    await ok(host, 'saveOpinion', { sessionId, dossierId: d.dossierId, opinion: `离线评分 ${d.packetNo}`, recommendation: 'agree' });
    await ok(host, 'submitSheet', { sessionId, dossierId: d.dossierId, passphrase: EXPERT_PASS });
  }
  return mine.map((d) => d.dossierId);
}

describe('experts on their own laptops', { timeout: 60_000 }, () => {
  it('package out, sheets back, merged after the secretary confirms the fingerprint', async () => {
    const { work, secretary, laptop, sessionId, expert, exported } = await secretaryAndLaptop();
    // The package holds only this expert's dossiers, minus recusals.
    const laptopMine = await ok(laptop, 'listMyDossiers', { sessionId });
    expect(laptopMine.length).toBe(exported.dossiers);
    expect(laptopMine.every((r) => r.status !== 'recused')).toBe(true);
    const recused = (await ok(secretary, 'listConflicts', { sessionId })).conflicts.filter((c) => c.expertId === expert.id && c.status === 'confirmed').map((c) => c.dossierId);
    expect(laptopMine.some((r) => recused.includes(r.dossierId))).toBe(false);

    const scored = await scoreAll(laptop, sessionId, 2);
    const sheets = path.join(work, 'sheets.pdsheets');
    expect((await err(laptop, 'exportSheetBundle', { sessionId, path: saveToken(laptop, sheets), passphrase: 'wrong pass' })).code).toBe('AUTH_BAD_PASSPHRASE');
    expect(await ok(laptop, 'exportSheetBundle', { sessionId, path: saveToken(laptop, sheets), passphrase: EXPERT_PASS })).toEqual({ path: sheets, sheets: 2 });

    const preview = await ok(secretary, 'previewSheetMerge', { sessionId, path: openToken(secretary, sheets) });
    expect(preview).toMatchObject({ expertId: expert.id, keyStatus: 'new', applied: false });
    expect(preview.sheets.map((s) => [s.dossierId, s.status])).toEqual(scored.map((d) => [d, 'new']));
    expect((await err(secretary, 'applySheetMerge', { sessionId, path: openToken(secretary, sheets), bundleHash: preview.bundleHash })).code).toBe('MERGE_KEY_NOT_CONFIRMED');
    const merged = await ok(secretary, 'applySheetMerge', { sessionId, path: openToken(secretary, sheets), bundleHash: preview.bundleHash, acceptKeyid: preview.keyid });
    // The merged key's private half stays on the expert's laptop: signing in here says so (never INTERNAL).
    expect((await err(secretary, 'signIn', { sessionId, expertId: expert.id, passphrase: EXPERT_PASS, as: 'expert' })).code).toBe('AUTH_KEY_REMOTE');
    expect(merged.applied).toBe(true);
    const progress = await ok(secretary, 'getScoringProgress', { sessionId });
    expect(progress.experts.find((r) => r.expertId === expert.id)?.submitted).toBe(2);
    // Their signed heads belong to the laptop's chain: counted as signed on another desk, not as a problem.
    const integrity = await ok(secretary, 'checkAuditAnchors', { sessionId });
    expect(integrity.sheets).toEqual({ total: 2, onChain: 0, otherDesk: 2 });
    expect(integrity.ok).toBe(true);

    // Merging the same bundle again changes nothing: every sheet is identical.
    const again = await ok(secretary, 'previewSheetMerge', { sessionId, path: openToken(secretary, sheets) });
    expect(again.keyStatus).toBe('confirmed');
    expect(again.sheets.every((s) => s.status === 'identical')).toBe(true);
  });

  it('lists conflicts and never resolves them silently', async () => {
    const { work, secretary, laptop, sessionId, expert } = await secretaryAndLaptop();
    const [d1] = await scoreAll(laptop, sessionId, 1);
    const first = path.join(work, 'first.pdsheets');
    await ok(laptop, 'exportSheetBundle', { sessionId, path: saveToken(laptop, first), passphrase: EXPERT_PASS });
    const p1 = await ok(secretary, 'previewSheetMerge', { sessionId, path: openToken(secretary, first) });
    await ok(secretary, 'applySheetMerge', { sessionId, path: openToken(secretary, first), bundleHash: p1.bundleHash, acceptKeyid: p1.keyid });

    // The secretary recuses the expert from that dossier afterwards; a second laptop's export of another
    // key is refused; a tampered bundle does not verify.
    await ok(secretary, 'declareConflict', { sessionId, expertId: expert.id, dossierId: d1 as string, reason: '会后发现亲属关系' });
    const p2 = await ok(secretary, 'previewSheetMerge', { sessionId, path: openToken(secretary, first) });
    expect(p2.sheets).toEqual([expect.objectContaining({ dossierId: d1, status: 'conflict', reason: 'recused' })]);

    const other = openHost(path.join(work, 'laptop2'));
    const pkg2 = path.join(work, 'pkg2.age');
    await ok(secretary, 'exportExpertPackage', { sessionId, expertId: expert.id, path: saveToken(secretary, pkg2), passphrase: PKG_PASS });
    const imp = await runImport(other, { path: pkg2, passphrase: PKG_PASS });
    expect(imp.ok).toBe(true);
    await enrolAndSignIn(other, sessionId, expert.id, EXPERT_PASS);
    await scoreAll(other, sessionId, 1);
    const foreign = path.join(work, 'foreign.pdsheets');
    await ok(other, 'exportSheetBundle', { sessionId, path: saveToken(other, foreign), passphrase: EXPERT_PASS });
    const p3 = await ok(secretary, 'previewSheetMerge', { sessionId, path: openToken(secretary, foreign) });
    expect(p3.keyStatus).toBe('mismatch');
    expect(p3.sheets.every((s) => s.status === 'conflict' && s.reason === 'unknown_key')).toBe(true);
    expect((await err(secretary, 'applySheetMerge', { sessionId, path: openToken(secretary, foreign), bundleHash: p3.bundleHash, acceptKeyid: p3.keyid })).code).toBe('MERGE_KEY_MISMATCH');

    const bytes = fs.readFileSync(first);
    const i = bytes.indexOf(Buffer.from('"opinion'));
    const tampered = path.join(work, 'tampered.pdsheets');
    const copy = Buffer.from(bytes);
    if (i > 0) copy[i + 3] = (copy[i + 3] as number) ^ 1;
    else copy[copy.length - 200] = (copy[copy.length - 200] as number) ^ 1;
    fs.writeFileSync(tampered, copy);
    const t = await err(secretary, 'previewSheetMerge', { sessionId, path: openToken(secretary, tampered) });
    expect(t.code).toMatch(/^BUNDLE_/);
  });
});
