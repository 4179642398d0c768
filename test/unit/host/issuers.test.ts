// The secretary's trusted issuers through the contract (docs/bundle-format.md §6.6): add, remove, require,
// each in the audit log; and what the import then accepts or refuses.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { contract, type AppEvent, type IssuerTrustView } from '../../../shared/contract';
import { generateKeyPair } from '../../../shared/crypto/ed25519';
import { fingerprintOf, keyIdOf } from '../../../shared/crypto/keyid';
import type { SessionOverview } from '../../../shared/types';
import { writeSessionBundle } from '../../../electron/backend/bundles/writer';
import { openDatabase } from '../../../electron/backend/db/connection';
import { listAudit } from '../../../electron/backend/db/queries/audit';
import { setPref } from '../../../electron/backend/db/queries/prefs';
import type { BackendHost } from '../../../electron/backend/host-types';
import { trustedIssuers } from '../../../electron/backend/services/prefs';
import { ATTACHMENT_BYTES, SESSION_ID, sessionContent, sha256Hex } from '../../fixtures/session-docs';
import { err, ok, openHost } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';
import { openToken } from '../../fixtures/file-tokens';

type Terminal = Extract<AppEvent, { type: 'job.done' | 'job.failed' }>;

const ISSUER = generateKeyPair();
const OTHER = generateKeyPair();
const ISSUER_HEX = bytesToHex(ISSUER.publicKey);
const ISSUER_ID = keyIdOf(ISSUER.publicKey);

async function bundle(signer: { secretKey: Uint8Array } | null): Promise<string> {
  const file = path.join(tmpDir(), 'session.pdbundle');
  const blobs = new Map(Object.values(ATTACHMENT_BYTES).map((b) => [sha256Hex(b), b] as const));
  await writeSessionBundle(file, sessionContent(), blobs, signer ? { issuer: { secretKey: signer.secretKey } } : {});
  return file;
}

async function withHost(fn: (host: BackendHost, dataDir: string, importFile: (file: string) => Promise<Terminal>) => Promise<void>, dataDir = path.join(tmpDir(), 'data')): Promise<void> {
  const host = openHost(dataDir);
  const events: AppEvent[] = [];
  const off = host.onEvent((e) => events.push(e));
  const importFile = async (file: string): Promise<Terminal> => {
    const { jobId } = await ok(host, 'startImport', { path: openToken(host, file) });
    const isEnd = (e: AppEvent): e is Terminal => (e.type === 'job.done' || e.type === 'job.failed') && e.jobId === jobId;
    await expect.poll(() => events.some(isEnd)).toBe(true);
    return events.find(isEnd) as Terminal;
  };
  try {
    await fn(host, dataDir, importFile);
  } finally {
    off();
    host.close();
  }
}

function auditKinds(dataDir: string): Array<{ kind: string; actor: string; payload: unknown }> {
  const db = openDatabase(dataDir);
  try {
    return listAudit(db)
      .filter((a) => a.kind.startsWith('issuer.'))
      .map(({ kind, actor, payload }) => ({ kind, actor, payload }));
  } finally {
    db.close();
  }
}

describe('trusted issuers through the contract', () => {
  it('start empty and not required; add (hex in any case), require, remove, each recorded once in the audit log', async () => {
    await withHost(async (host, dataDir) => {
      expect(await ok(host, 'getIssuerTrust', {})).toEqual<IssuerTrustView>({ required: false, refuseTrustChange: false, keys: [] });

      const added = await ok(host, 'addTrustedIssuer', { label: '  吉林省职称申报系统 ', publicKeyHex: ISSUER_HEX.toUpperCase() });
      expect(added).toEqual<IssuerTrustView>({
        required: false,
        refuseTrustChange: false,
        keys: [{ keyid: ISSUER_ID, fingerprint: fingerprintOf(ISSUER_ID), label: '吉林省职称申报系统', publicKeyHex: ISSUER_HEX, addedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown as string }],
      });
      // The same key again changes nothing, and is not audited twice.
      expect(await ok(host, 'addTrustedIssuer', { label: '另一个名称', publicKeyHex: ISSUER_HEX })).toEqual(added);
      expect(await ok(host, 'getIssuerTrust', {})).toEqual(added);

      expect((await ok(host, 'setSignatureRequired', { required: true })).required).toBe(true);
      expect((await ok(host, 'setSignatureRequired', { required: true })).required).toBe(true);
      const other = await ok(host, 'addTrustedIssuer', { label: 'Other', publicKeyHex: bytesToHex(OTHER.publicKey) });
      expect(other.keys.map((k) => k.label)).toEqual(['吉林省职称申报系统', 'Other']);

      const removed = await ok(host, 'removeTrustedIssuer', { keyid: ISSUER_ID });
      expect(removed).toMatchObject({ required: true, keys: [{ label: 'Other', keyid: keyIdOf(OTHER.publicKey) }] });
      expect(await err(host, 'removeTrustedIssuer', { keyid: ISSUER_ID })).toMatchObject({ code: 'ISSUER_NOT_FOUND', details: { field: 'keyid', actual: ISSUER_ID } });
      expect((await ok(host, 'setSignatureRequired', { required: false })).required).toBe(false);

      expect(auditKinds(dataDir)).toEqual([
        { kind: 'issuer.trusted', actor: 'secretary', payload: { keyid: ISSUER_ID, label: '吉林省职称申报系统' } },
        { kind: 'issuer.signatureRequired', actor: 'secretary', payload: { required: true } },
        { kind: 'issuer.trusted', actor: 'secretary', payload: { keyid: keyIdOf(OTHER.publicKey), label: 'Other' } },
        { kind: 'issuer.removed', actor: 'secretary', payload: { keyid: ISSUER_ID, label: '吉林省职称申报系统' } },
        { kind: 'issuer.signatureRequired', actor: 'secretary', payload: { required: false } },
      ]);
    });
  });

  it('refuses a key that is not 64 hex digits, or not an Ed25519 point, and an empty label', async () => {
    await withHost(async (host) => {
      for (const publicKeyHex of ['ab'.repeat(31), 'zz'.repeat(32), `${ISSUER_HEX}00`]) {
        expect(await err(host, 'addTrustedIssuer', { label: 'x', publicKeyHex })).toMatchObject({ code: 'CONTRACT_INVALID_INPUT', details: { field: 'publicKeyHex' } });
      }
      // y ≥ p: 32 bytes that decode to no point.
      expect(await err(host, 'addTrustedIssuer', { label: 'x', publicKeyHex: 'ff'.repeat(32) })).toMatchObject({
        code: 'CONTRACT_INVALID_INPUT',
        details: { field: 'publicKeyHex', reason: 'not an Ed25519 public key' },
      });
      expect(await err(host, 'addTrustedIssuer', { label: '   ', publicKeyHex: ISSUER_HEX })).toMatchObject({ code: 'CONTRACT_INVALID_INPUT', details: { field: 'label' } });
      expect(await ok(host, 'getIssuerTrust', {})).toEqual({ required: false, refuseTrustChange: false, keys: [] });
    });
  });

  it('are the secretary’s alone', () => {
    for (const m of ['getIssuerTrust', 'addTrustedIssuer', 'removeTrustedIssuer', 'setSignatureRequired'] as const) expect(contract[m].roles).toEqual(['secretary']);
  });

  it('read a pref stored before labels were kept, and keep the import’s reader compatible', async () => {
    const dataDir = path.join(tmpDir(), 'data');
    const db = openDatabase(dataDir);
    setPref(db, 'trustedIssuers', JSON.stringify({ required: true, keys: [{ keyid: ISSUER_ID, publicKeyHex: ISSUER_HEX }] }));
    db.close();
    await withHost(async (host) => {
      expect(await ok(host, 'getIssuerTrust', {})).toEqual({
        required: true,
        refuseTrustChange: false,
        keys: [{ keyid: ISSUER_ID, fingerprint: fingerprintOf(ISSUER_ID), label: '', publicKeyHex: ISSUER_HEX, addedAt: null }],
      });
      await ok(host, 'addTrustedIssuer', { label: 'Other', publicKeyHex: bytesToHex(OTHER.publicKey) });
    }, dataDir);
    const again = openDatabase(dataDir);
    try {
      expect(trustedIssuers(again)).toEqual({
        required: true,
        keys: [
          { keyid: ISSUER_ID, publicKey: ISSUER.publicKey },
          { keyid: keyIdOf(OTHER.publicKey), publicKey: OTHER.publicKey },
        ],
      });
    } finally {
      again.close();
    }
  });
});

describe('importing under the trust settings', () => {
  it('a bundle signed by a trusted key imports; the report and the overview name its keyid', async () => {
    const file = await bundle(ISSUER);
    await withHost(async (host, _dataDir, importFile) => {
      await ok(host, 'addTrustedIssuer', { label: '省系统', publicKeyHex: ISSUER_HEX });
      await ok(host, 'setSignatureRequired', { required: true });
      const end = await importFile(file);
      expect(end).toMatchObject({ type: 'job.done', result: { sessionId: SESSION_ID, signedBy: ISSUER_ID } });
      const o: SessionOverview = await ok(host, 'getOverview', { sessionId: SESSION_ID });
      expect(o.issuer).toBe(ISSUER_ID);
    });
  });

  it('signed by a key that is not trusted: BUNDLE_UNTRUSTED_ISSUER, with no keys and with another key configured', async () => {
    const file = await bundle(OTHER);
    await withHost(async (host, _dataDir, importFile) => {
      expect(await importFile(file)).toMatchObject({ type: 'job.failed', error: { code: 'BUNDLE_UNTRUSTED_ISSUER' } });
      await ok(host, 'addTrustedIssuer', { label: '省系统', publicKeyHex: ISSUER_HEX });
      expect(await importFile(file)).toMatchObject({ type: 'job.failed', error: { code: 'BUNDLE_UNTRUSTED_ISSUER' } });
      // Trusting it makes the same file importable.
      await ok(host, 'addTrustedIssuer', { label: 'Other', publicKeyHex: bytesToHex(OTHER.publicKey) });
      expect(await importFile(file)).toMatchObject({ type: 'job.done', result: { signedBy: keyIdOf(OTHER.publicKey) } });
    });
  });

  it('unsigned with a signature required: BUNDLE_SIGNATURE_REQUIRED; allowed again once not required', async () => {
    const file = await bundle(null);
    await withHost(async (host, _dataDir, importFile) => {
      await ok(host, 'setSignatureRequired', { required: true });
      expect(await importFile(file)).toMatchObject({ type: 'job.failed', error: { code: 'BUNDLE_SIGNATURE_REQUIRED' } });
      expect(await ok(host, 'listSessions', {})).toEqual([]);
      await ok(host, 'setSignatureRequired', { required: false });
      expect(await importFile(file)).toMatchObject({ type: 'job.done', result: { signedBy: null } });
      expect((await ok(host, 'getOverview', { sessionId: SESSION_ID })).issuer).toBeNull();
    });
  });

  it('a removed key is no longer trusted', async () => {
    const file = await bundle(ISSUER);
    await withHost(async (host, _dataDir, importFile) => {
      await ok(host, 'addTrustedIssuer', { label: '省系统', publicKeyHex: ISSUER_HEX });
      await ok(host, 'removeTrustedIssuer', { keyid: ISSUER_ID });
      expect(await importFile(file)).toMatchObject({ type: 'job.failed', error: { code: 'BUNDLE_UNTRUSTED_ISSUER' } });
    });
  });
});
