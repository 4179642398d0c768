// age-encrypted bundles and trusted issuers, as the secretary meets them (docs/bundle-format.md §6.6, §7).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { encryptBundleFile } from '../../../electron/backend/bundles/age';
import { writeSessionBundle } from '../../../electron/backend/bundles/writer';
import { generateKeyPair } from '../../../shared/crypto/ed25519';
import { fingerprintOf, keyIdOf } from '../../../shared/crypto/keyid';
import { ATTACHMENT_BYTES, sessionContent, sha256Hex } from '../../fixtures/session-docs';
import { ROOT, expect, shot, test } from '../fixtures';

const DEMO = path.join(ROOT, 'resources', 'demo', 'demo-session.pdbundle');
const PASSPHRASE = '评审会 2026 口令';

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-e2e-age-'));
}

test('an encrypted bundle: asked for the passphrase, a wrong one is refused in Chinese, the right one imports', async ({ app, host }) => {
  const dir = scratch();
  const file = path.join(dir, 'demo.pdbundle.age');
  await encryptBundleFile(DEMO, file, { passphrase: PASSPHRASE, scryptLogN: 12 });
  try {
    host.queuePick(file);
    await app.getByRole('button', { name: '导入评审包…' }).click();
    const form = app.getByTestId('bundle-key-form');
    await expect(form).toContainText('评审包已加密');
    await expect(form).toContainText('demo.pdbundle.age');
    // Asking is not an error: no red alert yet.
    await expect(app.getByTestId('import-error')).toHaveCount(0);
    await shot(app, '30-import-encrypted-ask');

    await form.locator('input[type="password"]').fill('不是这个口令');
    await form.getByRole('button', { name: '解密并导入' }).click();
    const error = app.getByTestId('import-error');
    await expect(error).toContainText('无法解密评审包：口令或解密密钥不正确');
    await expect(error.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'BUNDLE_DECRYPT_FAILED');
    await expect(form).toContainText('重新输入口令或密钥');
    await shot(app, '31-import-encrypted-wrong');

    await form.locator('input[type="password"]').fill(PASSPHRASE);
    await form.getByRole('button', { name: '解密并导入' }).click();
    await expect(app.getByTestId('import-done')).toContainText('30 份材料、25 位专家、56 个附件');
    await expect(form).toHaveCount(0);
    await expect(error).toHaveCount(0);
    // The decrypted copy is gone from the data folder.
    const appInfo = await host.backend.invoke('getAppInfo', {});
    const dataDir = appInfo.ok ? (appInfo.value as { dataDir: string }).dataDir : '';
    expect(fs.readdirSync(path.join(dataDir, 'tmp'))).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an armored bundle for the committee’s X25519 key: the secretary pastes the key file', async ({ app, host }) => {
  const dir = scratch();
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  const file = path.join(dir, 'session.pdbundle.age');
  await encryptBundleFile(DEMO, file, { recipient }, { armor: true });
  try {
    host.queuePick(file);
    await app.getByRole('button', { name: '导入评审包…' }).click();
    const form = app.getByTestId('bundle-key-form');
    // The header names an X25519 recipient: the form asks for the secret key, not a passphrase.
    const keyBox = form.getByRole('textbox', { name: '解密密钥（AGE-SECRET-KEY-1…）' });
    await expect(keyBox).toBeVisible();
    await keyBox.fill(recipient);
    await form.getByRole('button', { name: '解密并导入' }).click();
    await expect(form).toContainText('不是有效的解密密钥');
    await keyBox.fill(`# created: 2026-11-29T10:00:00+08:00\n# public key: ${recipient}\n${identity}\n`);
    await form.getByRole('button', { name: '解密并导入' }).click();
    await expect(app.getByTestId('import-done')).toContainText('30 份材料');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('会议准备 → 签发方: add a trusted issuer, then its signed bundle imports; require and remove', async ({ app, host }) => {
  const dir = scratch();
  const issuer = generateKeyPair();
  const publicKeyHex = bytesToHex(issuer.publicKey);
  const fingerprint = fingerprintOf(keyIdOf(issuer.publicKey));
  const signed = path.join(dir, 'signed.pdbundle');
  const blobs = new Map(Object.values(ATTACHMENT_BYTES).map((b) => [sha256Hex(b), b] as const));
  await writeSessionBundle(signed, sessionContent(), blobs, { issuer: { secretKey: issuer.secretKey } });
  try {
    // Signed by a key nobody trusts yet: refused, translated.
    host.queuePick(signed);
    await app.getByRole('button', { name: '导入评审包…' }).click();
    await expect(app.getByTestId('import-error')).toContainText('评审包由不受信任的密钥签发');

    host.queuePick(DEMO);
    await app.getByRole('button', { name: '导入评审包…' }).click();
    await app.getByTestId('import-done').getByRole('button', { name: '打开' }).click();
    await app.getByRole('menuitem', { name: '会议准备' }).click();
    await app.getByRole('tab', { name: '签发方' }).click();
    const table = app.getByTestId('issuers-table');
    await expect(table).toContainText('尚未添加签发方');

    await app.getByLabel('名称').fill('吉林省职称申报系统');
    await app.getByLabel('公钥（64 位十六进制）').fill('abc');
    await app.getByRole('button', { name: '添加', exact: true }).click();
    await expect(app.getByText('公钥应为 64 位十六进制数字')).toBeVisible();
    await app.getByLabel('公钥（64 位十六进制）').fill(publicKeyHex.toUpperCase());
    // The fingerprint shows before adding, to be checked with the issuer.
    await expect(app.getByText(`密钥指纹：${fingerprint}`)).toBeVisible();
    await app.getByRole('button', { name: '添加', exact: true }).click();
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table.locator('tbody tr').first()).toContainText('吉林省职称申报系统');
    await expect(table.locator('tbody tr').first()).toContainText(fingerprint);
    await expect(app.getByLabel('名称')).toHaveValue('');

    const required = app.getByTestId('signature-required');
    await expect(required).not.toBeChecked();
    await required.click();
    await expect(required).toBeChecked();
    await expect(app.getByText('未签名的评审包将被拒绝。')).toBeVisible();
    await shot(app, '32-setup-issuers');
    const trust = await host.backend.invoke('getIssuerTrust', {});
    expect(trust).toMatchObject({ ok: true, value: { required: true, keys: [{ label: '吉林省职称申报系统', publicKeyHex }] } });

    // Now the signed bundle imports.
    await app.getByRole('menuitem', { name: '开始' }).click();
    host.queuePick(signed);
    await app.getByRole('button', { name: '导入评审包…' }).click();
    await expect(app.getByTestId('import-done')).toContainText('4 份材料');

    // Remove, after a confirmation.
    await app.getByRole('menuitem', { name: '会议准备' }).click();
    await app.getByRole('tab', { name: '签发方' }).click();
    await table.getByRole('button', { name: '移除' }).click();
    const dialog = app.getByRole('dialog');
    await expect(dialog).toContainText('移除签发方「吉林省职称申报系统」？');
    await expect(dialog).toContainText(fingerprint);
    await dialog.getByRole('button', { name: '移除' }).click();
    await expect(table).toContainText('尚未添加签发方');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
