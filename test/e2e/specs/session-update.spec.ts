import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDemoSession } from '../../../electron/backend/demo/demo-session';
import { writeSessionBundle } from '../../../electron/backend/bundles/writer';
import { bytesToHex } from '@noble/hashes/utils.js';
import { generateKeyPair } from '../../../shared/crypto/ed25519';
import { fingerprintOf, keyIdOf } from '../../../shared/crypto/keyid';
import { expect, shot, test } from '../fixtures';

test('a newer version of the session is previewed and applied only on confirmation', async ({ app, host }) => {
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await expect(app.getByTestId('count-dossiers')).toContainText('30');

  const demo = buildDemoSession();
  demo.content.session.bundleVersion = 2;
  const first = demo.content.dossiers[0];
  if (!first) throw new Error('demo');
  first.employer = '长春更正后的单位有限公司';
  demo.content.dossiers.push({ ...first, id: 'D-LATE-1', packetNo: 'LATE-001', name: '补报申报人' });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pd-v2-')), 'v2.pdbundle');
  await writeSessionBundle(file, demo.content, demo.blobs);

  await app.getByRole('menuitem', { name: '开始' }).click();
  host.queuePick(file);
  await app.getByRole('button', { name: '导入评审包…' }).click();
  const preview = app.getByTestId('update-preview');
  await expect(preview).toContainText('第 1 版 → 第 2 版');
  await expect(preview).toContainText('申报材料：新增 1，删除 0，修改 1');
  await shot(app, '17-update-preview');
  // Nothing written yet.
  const still = await host.backend.invoke('getOverview', { sessionId: 'demo-jl-xzy-2026' });
  expect(still.ok && (still.value as { bundleVersion: number }).bundleVersion).toBe(1);

  await preview.getByRole('button', { name: '确认应用第 2 版' }).click();
  await expect(app.getByTestId('import-done')).toContainText('已更新到第 2 版');
  await app.getByTestId('import-done').getByRole('button', { name: '打开' }).click();
  await expect(app.getByTestId('count-dossiers')).toContainText('31');
});

test('an unsigned version over a signed session shows the change of signer and applies only once confirmed', async ({ app, host }) => {
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await expect(app.getByTestId('count-dossiers')).toContainText('30');
  // The issuer is trusted and signs version 2 (applied through the contract, as the UI would).
  const issuer = generateKeyPair();
  const added = await host.backend.invoke('addTrustedIssuer', { label: '省人社厅', publicKeyHex: bytesToHex(issuer.publicKey) });
  expect(added.ok).toBe(true);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-trust-'));
  const write = async (version: number, signer: Uint8Array | null): Promise<string> => {
    const demo = buildDemoSession();
    demo.content.session.bundleVersion = version;
    const file = path.join(dir, `v${version}.pdbundle`);
    await writeSessionBundle(file, demo.content, demo.blobs, signer ? { issuer: { secretKey: signer } } : {});
    return file;
  };
  await app.getByRole('menuitem', { name: '开始' }).click();
  host.queuePick(await write(2, issuer.secretKey));
  await app.getByRole('button', { name: '导入评审包…' }).click();
  await expect(app.getByTestId('update-preview')).toContainText('第 1 版 → 第 2 版');
  await expect(app.getByTestId('update-trust')).toHaveCount(0);
  await app.getByTestId('update-preview').getByRole('button', { name: '确认应用第 2 版' }).click();
  await expect(app.getByTestId('import-done')).toContainText('已更新到第 2 版');

  host.queuePick(await write(3, null));
  await app.getByRole('button', { name: '导入评审包…' }).click();
  const trust = app.getByTestId('update-trust');
  await expect(trust).toContainText('未经任何签发方签名');
  await expect(trust).toContainText(fingerprintOf(keyIdOf(issuer.publicKey)));
  const apply = app.getByTestId('update-preview').getByRole('button', { name: '确认应用第 3 版' });
  await expect(apply).toBeDisabled();
  await shot(app, '17b-update-trust');
  await app.getByTestId('update-trust-confirm').click();
  await apply.click();
  await expect(app.getByTestId('import-done')).toContainText('已更新到第 3 版');
  const overview = await host.backend.invoke('getOverview', { sessionId: 'demo-jl-xzy-2026' });
  expect(overview.ok && (overview.value as { bundleVersion: number }).bundleVersion).toBe(3);
});
