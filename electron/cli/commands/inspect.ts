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
import { inspectSessionBundle } from '../../backend/bundles/reader';
import { UsageError, type Command } from '../command';

export interface InspectReport {
  file: string;
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
    if (err instanceof AppError) return { file, valid: false, error: err.toShape(), ...(bundleHash ? { bundleHash } : {}) };
    throw err;
  }
}

function text(r: InspectReport): string[] {
  if (!r.valid) {
    const where = r.error?.details ? ` ${JSON.stringify(r.error.details)}` : '';
    return [`${r.file}: INVALID`, `  ${r.error?.code}: ${r.error?.message}${where}`];
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
  summary: 'check a session bundle and print what it holds (exit 0 valid, 1 invalid)',
  usage: 'paneldesk inspect FILE [--json] [--trust PUBKEY_HEX ...] [--require-signature]',
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
