// paneldesk inspect FILE: what a session bundle holds and whether it would import — the same checks
// as the importer (archive, manifests, hashes, issuer signature, schemas, references), writing nothing.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hexToBytes } from '@noble/hashes/utils.js';
import { AppError, type AppErrorShape } from '../../../shared/errors';
import { validateSessionDocuments } from '../../../shared/bundle/validate';
import { keyIdOf } from '../../../shared/crypto/keyid';
import { checkIssuerSignature } from '../../backend/bundles/issuer';
import { sha256Hex } from '../../backend/bundles/bag';
import { readExpertSheetBundle, verifySheetBag, verifySheetRecord } from '../../backend/bundles/sheet-bundle';
import { BUNDLE_TYPE_EXPERT_SHEETS } from '../../../shared/bundle/sheets';
import { inspectSessionBundle } from '../../backend/bundles/reader';
import { UsageError, type Command } from '../command';

export interface InspectReport {
  file: string;
  /** session (default) or expert-sheets (§11.3). */
  kind?: 'session' | 'expert-sheets';
  valid: boolean;
  error?: AppErrorShape;
  /** SHA-256 of tagmanifest-sha256.txt (docs/bundle-format.md §1), once the container and manifests passed. */
  bundleHash?: string;
  sessionId?: string;
  bundleVersion?: number;
  name?: string;
  committee?: string;
  meetingDate?: string;
  counts?: { experts: number; groups: number; standards: number; quotas: number; dossiers: number; conflicts: number; attachments: number };
  bytes?: number;
  signedBy?: string | null;
  /** Expert sheet bundles: whose sheets, and how many versions. */
  expertId?: string;
  sheets?: number;
}

export async function inspectBundle(file: string, trust: { required: boolean; publicKeysHex: string[] }): Promise<InspectReport> {
  let bundleHash: string | undefined;
  try {
    const b = await inspectSessionBundle(file);
    bundleHash = sha256Hex(b.tagManifest);
    const keys = trust.publicKeysHex.map((hex) => {
      const publicKey = hexToBytes(hex);
      return { keyid: keyIdOf(publicKey), publicKey };
    });
    const signedBy = checkIssuerSignature(b.signature, b.tagManifest, { required: trust.required, keys });
    const c = validateSessionDocuments(b.documents, b.attachments, { sessionId: b.sessionId, bundleVersion: b.bundleVersion });
    return {
      file,
      kind: 'session',
      valid: true,
      bundleHash,
      sessionId: c.session.sessionId,
      bundleVersion: c.session.bundleVersion,
      name: c.session.name,
      committee: c.session.committee.name,
      meetingDate: c.session.meeting.date,
      counts: {
        experts: c.experts.length,
        groups: c.groups.length,
        standards: c.standards.length,
        quotas: c.quotas.length,
        dossiers: c.dossiers.length,
        conflicts: c.conflicts.length,
        attachments: b.attachments.size,
      },
      bytes: b.bytes,
      signedBy,
    };
  } catch (err) {
    if (err instanceof AppError && err.code === 'BUNDLE_NOT_BAGIT' && err.details?.field === 'PanelDesk-Bundle-Type' && err.details.actual === BUNDLE_TYPE_EXPERT_SHEETS) {
      return inspectSheets(file, trust);
    }
    if (err instanceof AppError) return { file, valid: false, error: err.toShape(), ...(bundleHash ? { bundleHash } : {}) };
    throw err;
  }
}

/**
 * An expert sheet bundle is valid only against the expert's key from the roster, given with --trust:
 * the key it carries is never trusted by itself, so a bundle re-signed with a fresh key is refused.
 */
async function inspectSheets(file: string, trust: { publicKeysHex: string[] }): Promise<InspectReport> {
  let bundleHash: string | undefined;
  try {
    const b = await readExpertSheetBundle(file);
    bundleHash = b.bundleHash;
    const trusted = trust.publicKeysHex.map((hex) => ({ keyid: keyIdOf(hexToBytes(hex)), publicKey: hexToBytes(hex) })).find((k) => k.keyid === b.keyid);
    if (!trusted) {
      throw new AppError('BUNDLE_UNTRUSTED_ISSUER', 'the sheet bundle is signed with a key that is not the expert’s key on the roster (give it with --trust)', {
        entry: 'data/expert.json',
        actual: b.keyid,
      });
    }
    verifySheetBag(b, trusted);
    b.records.forEach((rec, i) => {
      if (!verifySheetRecord(b, rec, trusted)) {
        throw new AppError('BUNDLE_SIGNATURE_INVALID', `sheet ${rec.dossierId} version ${rec.version} does not verify with the expert's key`, { entry: 'data/sheets.json', path: `${i}.envelope` });
      }
    });
    return { file, kind: 'expert-sheets', valid: true, bundleHash, sessionId: b.sessionId, expertId: b.expertId, signedBy: b.keyid, sheets: b.records.length };
  } catch (err) {
    if (err instanceof AppError) return { file, kind: 'expert-sheets', valid: false, error: err.toShape(), ...(bundleHash ? { bundleHash } : {}) };
    throw err;
  }
}

function text(r: InspectReport): string[] {
  if (!r.valid) {
    const where = r.error?.details ? ` ${JSON.stringify(r.error.details)}` : '';
    return [`${r.file}: INVALID`, `  ${r.error?.code}: ${r.error?.message}${where}`];
  }
  if (r.kind === 'expert-sheets') {
    return [
      `${r.file}: valid expert sheet bundle`,
      `  session     ${r.sessionId}`,
      `  bundle hash ${r.bundleHash}`,
      `  expert      ${r.expertId}, key ${r.signedBy}`,
      `  sheets      ${r.sheets} signed versions`,
    ];
  }
  const c = r.counts;
  return [
    `${r.file}: valid session bundle`,
    `  session     ${r.sessionId} (version ${r.bundleVersion})`,
    `  bundle hash ${r.bundleHash}`,
    `  name        ${r.name}`,
    `  committee   ${r.committee}, meeting ${r.meetingDate}`,
    `  contents    ${c?.dossiers} dossiers, ${c?.experts} experts, ${c?.groups} groups, ${c?.standards} standards, ${c?.quotas} quotas, ${c?.conflicts} conflicts, ${c?.attachments} attachments`,
    `  size        ${r.bytes} bytes uncompressed`,
    `  issuer      ${r.signedBy ? `signed by ${r.signedBy}` : 'unsigned'}`,
  ];
}

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'check a session bundle or an expert sheet bundle and print what it holds (exit 0 valid, 1 invalid)',
  usage: 'paneldesk inspect FILE [--json] [--trust PUBKEY_HEX ...] [--require-signature]   (an expert sheet bundle needs --trust with the expert key from the roster)',
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: { json: { type: 'boolean' }, trust: { type: 'string', multiple: true }, 'require-signature': { type: 'boolean' } },
      });
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    const [file, ...extra] = parsed.positionals;
    if (!file || extra.length > 0) throw new UsageError('give exactly one FILE');
    const keys = parsed.values.trust ?? [];
    for (const k of keys) if (!/^[0-9a-f]{64}$/.test(k)) throw new UsageError(`--trust takes a 32-byte Ed25519 public key in hex, got ${JSON.stringify(k)}`);
    const report = await inspectBundle(path.resolve(io.cwd, file), { required: parsed.values['require-signature'] === true, publicKeysHex: keys });
    report.file = file;
    if (parsed.values.json) io.out(JSON.stringify(report, null, 2));
    else text(report).forEach((l) => io.out(l));
    return report.valid ? 0 : 1;
  },
};
