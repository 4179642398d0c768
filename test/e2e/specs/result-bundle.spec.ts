// The secretary exports the signed result bundle from the meeting screen, after the chair signed: the chair, the
// teller and the scrutineer type their passphrases to seal it, the file is written with progress, and it passes the
// structural self-check (manifests, documents, the seal against the roster keys). A second export, encrypted to an
// age recipient, reuses the seal and decrypts to the same bytes. The meeting itself is run through the contract
// (meeting.spec.ts covers its screens).
import fs from 'node:fs';
import path from 'node:path';
import { Decrypter, generateIdentity, identityToRecipient } from 'age-encryption';
import { E2E_SECRETARY_PASS, expect, shot, test } from '../fixtures';
import { checkResultBundle } from '../../fixtures/result-bundle-check';
import { type ExpertRow, enrolAll, invoke, openDemoCast } from '../contract';

const SESSION = 'demo-jl-xzy-2026';
const PASS = '会议口令-2026';

test('after the chair signed, the secretary exports the sealed result bundle, then an encrypted copy', async ({ app, host }) => {
  test.setTimeout(300_000);
  const { chair, members } = await openDemoCast(app, host, SESSION, 16);
  const present = [chair, ...members];
  await enrolAll(host, SESSION, present, () => PASS);
  await invoke(host, 'signIn', { sessionId: SESSION, expertId: chair.id, passphrase: PASS, as: 'chair' });
  for (const e of present) await invoke(host, 'checkIn', { sessionId: SESSION, expertId: e.id, passphrase: PASS });
  await invoke(host, 'openMeeting', { sessionId: SESSION });
  const [teller, scrutineer] = [members[0] as ExpertRow, members[1] as ExpertRow];
  await invoke(host, 'designateOfficers', { sessionId: SESSION, tellerId: teller.id, scrutineerId: scrutineer.id });
  for (const e of present) await invoke(host, 'signCommitment', { sessionId: SESSION, expertId: e.id, passphrase: PASS });
  const dossiers = (await invoke<{ rows: Array<{ id: string }> }>(host, 'listDossiers', { sessionId: SESSION, specialty: '网络营销' })).rows.slice(0, 3).map((r) => r.id);
  const round = await invoke<{ id: string }>(host, 'openBallotRound', { sessionId: SESSION, dossierIds: dossiers });
  for (const e of present) {
    const sheet = await invoke<{ dossiers: Array<{ dossierId: string }> }>(host, 'getBallotSheet', { sessionId: SESSION, expertId: e.id });
    await invoke(host, 'castBallot', { sessionId: SESSION, roundId: round.id, expertId: e.id, passphrase: PASS, choices: sheet.dossiers.map((d) => ({ dossierId: d.dossierId, choice: 'agree' })) });
  }
  // The teller and the scrutineer co-sign the counts (计票结果报告单) before the chair signs.
  for (const id of [teller.id, scrutineer.id]) await invoke(host, 'coSignCounts', { sessionId: SESSION, expertId: id, passphrase: PASS });
  await invoke(host, 'signResults', { sessionId: SESSION, passphrase: PASS });
  await invoke(host, 'signInSecretary', { passphrase: E2E_SECRETARY_PASS });
  await app.reload();
  await expect(app.getByTestId('current-role')).toContainText('秘书');

  await app.getByRole('menuitem', { name: '评审会议' }).click();
  const panel = app.getByTestId('result-bundle-panel');
  await expect(panel).toBeVisible();
  await app.getByTestId('rb-chair').fill(PASS);
  await app.getByTestId('rb-teller').fill(PASS);
  await app.getByTestId('rb-scrutineer').fill(PASS);
  const plain = path.join(host.downloadsDir, 'result.pdresult');
  host.queuePick(plain);
  await app.getByTestId('rb-export').click();
  await expect(app.getByTestId('rb-done')).toContainText('结果包摘要', { timeout: 60_000 });
  await expect(app.getByTestId('rb-done')).toContainText('本次已封签');
  await shot(app, '40-result-bundle-exported');
  const checked = await checkResultBundle(fs.readFileSync(plain));
  await expect(app.getByTestId('rb-done')).toContainText(checked.bundleHash);
  expect(checked.seal.signers.map((s) => [s.role, s.expertId])).toEqual([
    ['chair', chair.id],
    ['teller', teller.id],
    ['scrutineer', scrutineer.id],
  ]);
  // The passphrases were cleared after use.
  await expect(app.getByTestId('rb-chair')).toHaveValue('');

  // Again, encrypted to the provincial key: no passphrase needed (the seal is reused), same bundle inside.
  const identity = await generateIdentity();
  await app.getByTestId('rb-encryption').getByText('加密给接收方公钥').click();
  await app.getByTestId('rb-recipients').fill(await identityToRecipient(identity));
  const enc = path.join(host.downloadsDir, 'result.pdresult.age');
  host.queuePick(enc);
  await app.getByTestId('rb-export').click();
  await expect(app.getByTestId('rb-done')).toContainText('沿用原封签', { timeout: 60_000 });
  const d = new Decrypter();
  d.addIdentity(identity);
  expect(Buffer.from(await d.decrypt(fs.readFileSync(enc))).equals(fs.readFileSync(plain))).toBe(true);
});
