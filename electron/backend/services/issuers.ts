// The issuer keys the secretary trusts, and whether a signature is required (docs/bundle-format.md §6.6).
// One setting for the installation, kept in the pref 'trustedIssuers'; every change is in the audit log.
import { ed25519 } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import type { IssuerTrustView } from '../../../shared/contract';
import { fingerprintOf, keyIdOf } from '../../../shared/crypto/keyid';
import { AppError } from '../../../shared/errors';
import { inTransaction } from '../db/connection';
import { appendAudit } from '../db/queries/audit';
import type { Ctx } from '../context';
import { readIssuerTrust, writeIssuerTrust, type StoredIssuerTrust } from './prefs';
import { getPref, setPref } from '../db/queries/prefs';
import { REFUSE_TRUST_CHANGE_PREF } from './update-session';

function view(t: StoredIssuerTrust, refuseTrustChange: boolean): IssuerTrustView {
  return {
    required: t.required,
    refuseTrustChange,
    keys: t.keys.map((k) => ({
      keyid: k.keyid,
      fingerprint: fingerprintOf(k.keyid),
      label: k.label ?? '',
      publicKeyHex: k.publicKeyHex,
      addedAt: k.addedAt ?? null,
    })),
  };
}

const refusing = (ctx: Ctx) => getPref(ctx.db, REFUSE_TRUST_CHANGE_PREF) === 'true';

export function getIssuerTrust(ctx: Ctx): IssuerTrustView {
  return view(readIssuerTrust(ctx.db), refusing(ctx));
}

/** Whether a newer session version signed differently (unsigned, or another key) is refused outright. */
export function setRefuseTrustChange(ctx: Ctx, input: { refuse: boolean }): IssuerTrustView {
  inTransaction(ctx.db, () => {
    setPref(ctx.db, REFUSE_TRUST_CHANGE_PREF, input.refuse ? 'true' : 'false');
    appendAudit(ctx.db, { sessionId: null, actor: ctx.caller.role, kind: 'issuer.refuseTrustChange', payload: { refuse: input.refuse } });
  });
  return getIssuerTrust(ctx);
}

/** Writes the new setting and its audit entry in one transaction. */
function change(ctx: Ctx, next: StoredIssuerTrust, kind: string, payload: unknown): IssuerTrustView {
  inTransaction(ctx.db, () => {
    writeIssuerTrust(ctx.db, next);
    appendAudit(ctx.db, { sessionId: null, actor: ctx.caller.role, kind, payload });
  });
  return view(next, refusing(ctx));
}

/** Adds an Ed25519 public key (64 hex digits); adding a key already trusted changes nothing. */
export function addTrustedIssuer(ctx: Ctx, input: { label: string; publicKeyHex: string }): IssuerTrustView {
  const publicKeyHex = input.publicKeyHex.toLowerCase();
  try {
    // 32 bytes are not yet a key: refuse what no signature could ever verify against.
    ed25519.Point.fromHex(publicKeyHex);
  } catch {
    throw new AppError('CONTRACT_INVALID_INPUT', 'not an Ed25519 public key', { field: 'publicKeyHex', reason: 'not an Ed25519 public key' });
  }
  const keyid = keyIdOf(hexToBytes(publicKeyHex));
  const cur = readIssuerTrust(ctx.db);
  if (cur.keys.some((k) => k.keyid === keyid)) return view(cur, refusing(ctx));
  const label = input.label.trim();
  const next = { ...cur, keys: [...cur.keys, { keyid, publicKeyHex, label, addedAt: new Date().toISOString() }] };
  return change(ctx, next, 'issuer.trusted', { keyid, label });
}

export function removeTrustedIssuer(ctx: Ctx, input: { keyid: string }): IssuerTrustView {
  const cur = readIssuerTrust(ctx.db);
  const gone = cur.keys.find((k) => k.keyid === input.keyid);
  if (!gone) throw new AppError('ISSUER_NOT_FOUND', `no trusted issuer ${input.keyid}`, { field: 'keyid', actual: input.keyid });
  const next = { ...cur, keys: cur.keys.filter((k) => k.keyid !== input.keyid) };
  return change(ctx, next, 'issuer.removed', { keyid: gone.keyid, label: gone.label ?? '' });
}

export function setSignatureRequired(ctx: Ctx, input: { required: boolean }): IssuerTrustView {
  const cur = readIssuerTrust(ctx.db);
  if (cur.required === input.required) return view(cur, refusing(ctx));
  return change(ctx, { ...cur, required: input.required }, 'issuer.signatureRequired', { required: input.required });
}
