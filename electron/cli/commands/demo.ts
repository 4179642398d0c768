// paneldesk demo: writes the built-in demo session bundle (or a larger one for load tests).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { encryptBundleFile, type AgeRecipient } from '../../backend/bundles/age';
import { sha256Hex } from '../../backend/bundles/bag';
import { inspectSessionBundle } from '../../backend/bundles/reader';
import { DEMO_LIMITS } from '../../backend/demo/demo-session';
import { writeDemoBundle } from '../../backend/demo/write-demo';
import { parseCommandArgs } from '../args';
import { refuseWithCompleted, runCompletedDemo } from './demo-completed';
import { UsageError, intOption, type Command } from '../command';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'write the demo session bundle',
  usage:
    'paneldesk demo --out FILE [--breach] [--dossiers N] [--experts M] [--attachments K] [--attachment-size BYTES] [--seed S] [--encrypt-passphrase P | --encrypt-to age1…] [--armor]\n' +
    '       paneldesk demo --completed --out FILE [--dossiers N] [--experts M] [--seed S] [--skew-expert] [--wrong-total]',
  async run(args, io) {
    const v = parseCommandArgs(args, {
      out: { type: 'string', short: 'o' },
      dossiers: { type: 'string' },
      experts: { type: 'string' },
      attachments: { type: 'string' },
      'attachment-size': { type: 'string' },
      seed: { type: 'string' },
      'encrypt-passphrase': { type: 'string' },
      'encrypt-to': { type: 'string' },
      armor: { type: 'boolean' },
      breach: { type: 'boolean' },
      completed: { type: 'boolean' },
      'skew-expert': { type: 'boolean' },
      'wrong-total': { type: 'boolean' },
    });
    if (!v.out) throw new UsageError('--out FILE is required');
    if (v.completed === true) {
      refuseWithCompleted(v);
      return runCompletedDemo({ out: v.out, dossiers: v.dossiers, experts: v.experts, seed: v.seed, skewExpert: v['skew-expert'] === true, wrongTotal: v['wrong-total'] === true }, io);
    }
    if (v['skew-expert'] !== undefined || v['wrong-total'] !== undefined) throw new UsageError('--skew-expert and --wrong-total need --completed');
    if (v.breach === true && v.experts !== undefined) throw new UsageError('--breach has its own committee of 10; leave out --experts');
    const to = encryptionOf(v['encrypt-passphrase'], v['encrypt-to'], v.armor === true);
    const opts = {
      dossiers: intOption('dossiers', v.dossiers, ...DEMO_LIMITS.dossiers),
      experts: intOption('experts', v.experts, ...DEMO_LIMITS.experts),
      attachmentsPerDossier: intOption('attachments', v.attachments, ...DEMO_LIMITS.attachmentsPerDossier),
      attachmentSize: intOption('attachment-size', v['attachment-size'], ...DEMO_LIMITS.attachmentSize),
      seed: intOption('seed', v.seed, ...DEMO_LIMITS.seed),
    };
    const out = path.resolve(io.cwd, v.out);
    await fs.mkdir(path.dirname(out), { recursive: true });
    // Reproducible bytes: the same options give the same file on every machine.
    const demoOpts = { ...Object.fromEntries(Object.entries(opts).filter(([, x]) => x !== undefined)), ...(v.breach === true ? { breach: true } : {}) };
    // Encrypted: the plain bundle goes to a temp file beside the output, removed once encrypted (docs/bundle-format.md §7).
    const plain = to ? `${out}.${randomBytes(8).toString('hex')}.plain.tmp` : out;
    const { demo, written } = await writeDemoBundle(plain, demoOpts).catch(async (err: unknown) => {
      if (to) await fs.rm(plain, { force: true });
      throw err;
    });
    // The bundle hash (§1) is that of the tag manifest, what the importer records: read back from the file written.
    const bundleHash = await inspectSessionBundle(plain)
      .then((b) => sha256Hex(b.tagManifest))
      .catch(async (err: unknown) => {
        if (to) await fs.rm(plain, { force: true });
        throw err;
      });
    let encrypted: { bytes: number } | null = null;
    if (to) {
      try {
        encrypted = await encryptBundleFile(plain, out, to, { armor: v.armor === true });
      } finally {
        await fs.rm(plain, { force: true });
      }
    }
    const c = demo.content;
    io.out(`wrote ${v.out}`);
    io.out(`  session     ${c.session.sessionId} (bundle version ${c.session.bundleVersion})`);
    io.out(`  content     ${c.dossiers.length} dossiers, ${c.experts.length} experts, ${c.groups.length} groups, ${c.standards.length} standards, ${demo.blobs.size} attachments`);
    const plainNote = to ? ' (before encryption)' : '';
    io.out(`  size        ${written.bytes} bytes${plainNote}`);
    io.out(`  bundle hash ${bundleHash} (SHA-256 of tagmanifest-sha256.txt)`);
    io.out(`  file sha256 ${written.sha256}${plainNote}`);
    if (to && encrypted) {
      io.out(`  encrypted   age, ${'passphrase' in to ? 'passphrase (scrypt)' : `recipient ${to.recipient}`}${v.armor ? ', armored' : ''}: ${encrypted.bytes} bytes`);
    }
    return 0;
  },
};

/** At most one of the two encryption options; --armor only together with one of them. */
function encryptionOf(passphrase: string | undefined, recipient: string | undefined, armor: boolean): AgeRecipient | null {
  if (passphrase !== undefined && recipient !== undefined) throw new UsageError('give either --encrypt-passphrase or --encrypt-to, not both');
  if (passphrase !== undefined) {
    if (passphrase.length < 8) throw new UsageError('--encrypt-passphrase must be at least 8 characters');
    return { passphrase };
  }
  if (recipient !== undefined) {
    if (!/^age1[02-9ac-hj-np-z]{58}$/.test(recipient)) throw new UsageError(`--encrypt-to must be an X25519 age recipient (age1…), got ${JSON.stringify(recipient)}`);
    return { recipient };
  }
  if (armor) throw new UsageError('--armor needs --encrypt-passphrase or --encrypt-to');
  return null;
}
