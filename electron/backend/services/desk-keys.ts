// Signing keys for the desk roles (secretary, examiner). Experts have had Ed25519 keys from the start;
// the desk roles had only a passphrase verifier, so nothing they did could be signed. Each desk role now
// gets a key when its passphrase is set, sealed under that passphrase (crypto/key-vault.ts), and signs
// audit checkpoints with it. Setting a new passphrase makes a new key; the old one stays to verify.
import { AppError } from '../../../shared/errors';
import { generateKeyPair } from '../../../shared/crypto/ed25519';
import { keyIdOf } from '../../../shared/crypto/keyid';
import { openSecretKey, sealSecretKey, type SealedKey } from '../crypto/key-vault';
import { inTransaction } from '../db/connection';
import { appendAudit } from '../db/queries/audit';
import { currentDeskKey, replaceDeskKey, type DeskKeyRow, type DeskRole } from '../db/queries/desk-keys';
import type { Ctx } from '../context';
import { signCheckpoint } from './audit-checkpoints';

const aadOf = (role: DeskRole, keyid: string) => `paneldesk-desk-key-v1|${role}|${keyid}`;

/** A new key for the role, sealed under `passphrase`; its creation goes on the audit chain. */
export function createDeskKey(ctx: Ctx, role: DeskRole, passphrase: string, actor: string = 'secretary'): DeskKeyRow {
  const pair = generateKeyPair();
  const keyid = keyIdOf(pair.publicKey);
  const sealed = sealSecretKey(pair.secretKey, passphrase, aadOf(role, keyid), ctx.scryptLogN);
  pair.secretKey.fill(0);
  const row = { keyid, role, publicKey: Buffer.from(pair.publicKey).toString('hex'), sealedJson: JSON.stringify(sealed), createdAt: new Date().toISOString() };
  inTransaction(ctx.db, () => {
    replaceDeskKey(ctx.db, row);
    appendAudit(ctx.db, { sessionId: null, actor, kind: 'desk.key_created', payload: { role, keyid }, at: row.createdAt });
  });
  return { ...row, retiredAt: null };
}

/**
 * The role's secret key, opened with its passphrase. Callers check the passphrase first through the
 * rate-limited desk check (services/desk.ts); a wrong one here is refused all the same. Wipe after use.
 */
export function unlockDeskKey(ctx: Ctx, role: DeskRole, passphrase: string): { secretKey: Uint8Array; key: DeskKeyRow } {
  const key = currentDeskKey(ctx.db, role);
  if (!key) throw new AppError('AUDIT_NO_SIGNING_KEY', `no ${role} signing key`, { field: 'role', role });
  const secretKey = openSecretKey(JSON.parse(key.sealedJson) as SealedKey, passphrase, aadOf(role, key.keyid));
  if (!secretKey) throw new AppError('AUTH_BAD_PASSPHRASE', `wrong ${role} passphrase`, { field: 'passphrase', role });
  return { secretKey, key };
}

/**
 * Called when a desk role has just proved its passphrase (secretary returning to the desk, examiner
 * signing in): signs a checkpoint of the chain as it stands. A desk set up before desk keys existed gets
 * its key now, while the verified passphrase is at hand.
 */
export function checkpointAtDeskSignIn(ctx: Ctx, role: DeskRole, passphrase: string | undefined): void {
  if (!passphrase) return;
  if (!currentDeskKey(ctx.db, role)) createDeskKey(ctx, role, passphrase, role);
  const { secretKey, key } = unlockDeskKey(ctx, role, passphrase);
  try {
    signCheckpoint(ctx, { role, sessionId: null, expertId: null, keyid: key.keyid }, secretKey);
  } finally {
    secretKey.fill(0);
  }
}
