// paneldesk demo: writes the built-in demo session bundle (or a larger one for load tests).
import fs from 'node:fs/promises';
import path from 'node:path';
import { DEMO_LIMITS } from '../../backend/demo/demo-session';
import { writeDemoBundle } from '../../backend/demo/write-demo';
import { parseCommandArgs } from '../args';
import { UsageError, intOption, type Command } from '../command';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'write the demo session bundle',
  usage: 'paneldesk demo --out FILE [--dossiers N] [--experts M] [--attachments K] [--seed S]',
  async run(args, io) {
    const v = parseCommandArgs(args, {
      out: { type: 'string', short: 'o' },
      dossiers: { type: 'string' },
      experts: { type: 'string' },
      attachments: { type: 'string' },
      seed: { type: 'string' },
    });
    if (!v.out) throw new UsageError('--out FILE is required');
    const opts = {
      dossiers: intOption('dossiers', v.dossiers, ...DEMO_LIMITS.dossiers),
      experts: intOption('experts', v.experts, ...DEMO_LIMITS.experts),
      attachmentsPerDossier: intOption('attachments', v.attachments, ...DEMO_LIMITS.attachmentsPerDossier),
      seed: intOption('seed', v.seed, ...DEMO_LIMITS.seed),
    };
    const out = path.resolve(io.cwd, v.out);
    await fs.mkdir(path.dirname(out), { recursive: true });
    // Reproducible bytes: the same options give the same file on every machine.
    const { demo, written } = await writeDemoBundle(out, Object.fromEntries(Object.entries(opts).filter(([, x]) => x !== undefined)));
    const c = demo.content;
    io.out(`wrote ${v.out}`);
    io.out(`  session     ${c.session.sessionId} (bundle version ${c.session.bundleVersion})`);
    io.out(`  content     ${c.dossiers.length} dossiers, ${c.experts.length} experts, ${c.groups.length} groups, ${c.standards.length} standards, ${demo.blobs.size} attachments`);
    io.out(`  size        ${written.bytes} bytes`);
    io.out(`  sha256      ${written.sha256}`);
    return 0;
  },
};
