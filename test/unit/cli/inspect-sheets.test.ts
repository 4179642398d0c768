// paneldesk inspect on expert sheet bundles (docs/bundle-format.md §11.3): valid only against the expert's
// key from the roster (--trust). The key a bundle carries is never trusted by itself, so a bundle
// re-signed throughout with a fresh key is refused, with or without flags.
import path from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { bagEntries, writeZipAtomic } from '../../../electron/backend/bundles/writer';
import { main } from '../../../electron/cli/main';
import { BUNDLE_TYPE_EXPERT_SHEETS, SHEET_PAYLOAD_TYPE } from '../../../shared/bundle/sheets';
import { signDsse } from '../../../shared/crypto/dsse';
import { generateKeyPair, type Ed25519KeyPair } from '../../../shared/crypto/ed25519';
import { keyIdOf } from '../../../shared/crypto/keyid';
import { tmpDir } from '../../fixtures/tmp';

const SESSION = 'S-2026';
const EXPERT = 'e007';
const enc = (v: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(v, null, 2)}\n`);

/** A sheet bundle of one signed sheet, everything signed with `key`. */
async function sheetBundle(file: string, key: Ed25519KeyPair): Promise<string> {
  const keyid = keyIdOf(key.publicKey);
  const payload: Record<string, unknown> = {
    type: 'paneldesk.scoresheet/v1',
    sessionId: SESSION,
    dossierId: 'd001',
    dossierContentHash: 'a'.repeat(64),
    standardId: 'std1',
    standardVersion: '2026.1',
    expertId: EXPERT,
    keyid,
    version: 1,
    scores: [{ itemId: 'perf', value: 800 }],
    total: 800,
    opinion: '业绩突出',
    recommendation: 'agree',
    auditHead: 'b'.repeat(64),
    signedAt: '2026-12-10T02:00:00.000Z',
  };
  const envelope = signDsse(SHEET_PAYLOAD_TYPE, enc(payload), key.secretKey);
  const header = { formatVersion: 1, sessionId: SESSION, expertId: EXPERT, keyid, publicKey: bytesToHex(key.publicKey), exportedAt: '2026-12-10T03:00:00.000Z' };
  const sheets = [{ dossierId: 'd001', version: 1, submittedAt: '2026-12-10T02:00:00.000Z', unlockReason: null, envelope }];
  const entries = bagEntries(
    BUNDLE_TYPE_EXPERT_SHEETS,
    { sessionId: SESSION, bundleVersion: 1, extra: { 'Expert-Id': EXPERT, 'Key-Id': keyid } },
    [
      { name: 'data/expert.json', data: enc(header), compress: true },
      { name: 'data/sheets.json', data: enc(sheets), compress: true },
    ],
    { compress: true, signer: key.secretKey },
  );
  await writeZipAtomic(file, entries);
  return file;
}

async function inspect(args: string[]): Promise<{ code: number; report: Record<string, unknown> }> {
  const out: string[] = [];
  const code = await main(['inspect', ...args, '--json'], { out: (l) => out.push(l), err: () => undefined, cwd: process.cwd() });
  return { code, report: JSON.parse(out.join('\n')) as Record<string, unknown> };
}

describe('paneldesk inspect: expert sheet bundles', () => {
  it('is valid only against the roster key given with --trust', async () => {
    const dir = tmpDir('pd-sheets-');
    const roster = generateKeyPair();
    const file = await sheetBundle(path.join(dir, 'e007.pdsheets'), roster);
    const trusted = await inspect([file, '--trust', bytesToHex(roster.publicKey)]);
    expect(trusted).toMatchObject({ code: 0, report: { kind: 'expert-sheets', valid: true, expertId: EXPERT, sheets: 1, signedBy: keyIdOf(roster.publicKey) } });
    expect(trusted.report.bundleHash).toMatch(/^[0-9a-f]{64}$/);
    // Without the roster's key nothing vouches for the key inside.
    expect(await inspect([file])).toMatchObject({ code: 1, report: { kind: 'expert-sheets', valid: false, error: { code: 'BUNDLE_UNTRUSTED_ISSUER' } } });
  });

  it('refuses a bundle re-signed throughout with a fresh key, with or without --trust', async () => {
    const dir = tmpDir('pd-sheets-');
    const roster = generateKeyPair();
    const forged = await sheetBundle(path.join(dir, 'forged.pdsheets'), generateKeyPair());
    expect(await inspect([forged])).toMatchObject({ code: 1, report: { valid: false, error: { code: 'BUNDLE_UNTRUSTED_ISSUER' } } });
    expect(await inspect([forged, '--trust', bytesToHex(roster.publicKey)])).toMatchObject({ code: 1, report: { valid: false, error: { code: 'BUNDLE_UNTRUSTED_ISSUER' } } });
  });
});
