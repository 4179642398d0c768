import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { hexToBytes } from '@noble/hashes/utils.js';
import { pae, signDsse, verifyDsse, type DsseEnvelope } from '../../../shared/crypto/dsse';
import { fromBase64, toBase64 } from '../../../shared/crypto/base64';
import { generateKeyPair, publicKeyOf } from '../../../shared/crypto/ed25519';
import { keyIdOf } from '../../../shared/crypto/keyid';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const TYPE = 'application/vnd.paneldesk.tagmanifest+text';
const SK = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const PK = publicKeyOf(SK);
const TRUSTED = [{ keyid: keyIdOf(PK), publicKey: PK }];

describe('DSSE', () => {
  it('encodes PAE as in the DSSE spec example', () => {
    expect(new TextDecoder().decode(pae('http://example.com/HelloWorld', utf8('hello world')))).toBe(
      'DSSEv1 29 http://example.com/HelloWorld 11 hello world',
    );
    // Lengths count bytes, not characters.
    expect(new TextDecoder().decode(pae('类型', utf8('评审')))).toBe('DSSEv1 6 类型 6 评审');
  });

  it('signs PAE(type, payload) with Ed25519, as an independent verifier checks it', () => {
    const payload = utf8('abc  data/session.json\n');
    const env = signDsse(TYPE, payload, SK);
    expect(env.payloadType).toBe(TYPE);
    expect(fromBase64(env.payload)).toEqual(payload);
    expect(env.signatures).toHaveLength(1);
    expect(env.signatures[0]?.keyid).toBe(keyIdOf(PK));
    const sig = Buffer.from(env.signatures[0]!.sig, 'base64');
    const nodeKey = crypto.createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), PK]), format: 'der', type: 'spki' });
    expect(crypto.verify(null, pae(TYPE, payload), nodeKey, sig)).toBe(true);
    expect(crypto.verify(null, payload, nodeKey, sig)).toBe(false);
  });

  it('verifies and returns the payload and key id', () => {
    const payload = utf8('payload');
    const r = verifyDsse(JSON.parse(JSON.stringify(signDsse(TYPE, payload, SK))), TYPE, TRUSTED);
    expect(r).toEqual({ ok: true, keyid: keyIdOf(PK), payload });
  });

  it('reports the reason for each failure', () => {
    const env = signDsse(TYPE, utf8('payload'), SK);
    expect(verifyDsse(env, 'application/other', TRUSTED)).toEqual({ ok: false, reason: 'payload_type' });
    const other = generateKeyPair();
    expect(verifyDsse(env, TYPE, [{ keyid: keyIdOf(other.publicKey), publicKey: other.publicKey }])).toEqual({
      ok: false,
      reason: 'unknown_key',
    });
    const tampered: DsseEnvelope = { ...env, payload: toBase64(utf8('payloaD')) };
    expect(verifyDsse(tampered, TYPE, TRUSTED)).toEqual({ ok: false, reason: 'bad_signature' });
    // A trusted key id with someone else's key behind it does not verify either.
    expect(verifyDsse(env, TYPE, [{ keyid: keyIdOf(PK), publicKey: other.publicKey }])).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', []],
    ['a string', 'x'],
    ['no signatures', { payloadType: TYPE, payload: 'AA==', signatures: [] }],
    ['a numeric payload', { payloadType: TYPE, payload: 1, signatures: [{ keyid: 'k', sig: 'AA==' }] }],
    ['bad payload base64', { payloadType: TYPE, payload: 'A', signatures: [{ keyid: 'k', sig: 'AA==' }] }],
    ['bad sig base64', { payloadType: TYPE, payload: 'AA==', signatures: [{ keyid: 'k', sig: '!!' }] }],
    ['a signature without keyid', { payloadType: TYPE, payload: 'AA==', signatures: [{ sig: 'AA==' }] }],
    ['a missing payloadType', { payload: 'AA==', signatures: [{ keyid: 'k', sig: 'AA==' }] }],
  ])('rejects %s as malformed', (_label, env) => {
    expect(verifyDsse(env, TYPE, TRUSTED)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('accepts when any one signature is by a trusted key', () => {
    const payload = utf8('two signers');
    const other = generateKeyPair();
    const a = signDsse(TYPE, payload, other.secretKey);
    const b = signDsse(TYPE, payload, SK);
    const both = { ...a, signatures: [...a.signatures, ...b.signatures] };
    const r = verifyDsse(both, TYPE, TRUSTED);
    expect(r.ok && r.keyid).toBe(keyIdOf(PK));
  });
});
