// paneldesk demo --completed: a generated session run through the scripted meeting (electron/backend/demo/
// completed-meeting.ts) in a temporary data folder, then its signed result bundle. The folder is kept when the bundle
// cannot be written, so the completed meeting is not lost (the error names it); removed once the bundle is out.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeCompletedBundle } from '../../backend/demo/completed-bundle';
import { runCompletedMeeting } from '../../backend/demo/completed-meeting';
import { DEMO_LIMITS } from '../../backend/demo/demo-session';
import { UsageError, intOption, type CliIo } from '../command';

export interface CompletedArgs {
  out: string;
  dossiers?: string | undefined;
  experts?: string | undefined;
  seed?: string | undefined;
  skewExpert: boolean;
  wrongTotal: boolean;
}

export async function runCompletedDemo(a: CompletedArgs, io: CliIo): Promise<number> {
  const opts = {
    dossiers: intOption('dossiers', a.dossiers, ...DEMO_LIMITS.dossiers),
    experts: intOption('experts', a.experts, 5, DEMO_LIMITS.experts[1]),
    seed: intOption('seed', a.seed, ...DEMO_LIMITS.seed),
    skewExpert: a.skewExpert,
    wrongTotal: a.wrongTotal,
  };
  const out = path.resolve(io.cwd, a.out);
  await fs.mkdir(path.dirname(out), { recursive: true });
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'paneldesk-completed-'));
  const meeting = await runCompletedMeeting(work, opts, (line) => io.out(`  ${line}`)).catch(async (err: unknown) => {
    await fs.rm(work, { recursive: true, force: true });
    throw err;
  });
  try {
    const passed = meeting.results.dossiers.filter((d) => d.outcome.decision === 'passed').length;
    io.out(`completed meeting of session ${meeting.sessionId}: ${meeting.results.dossiers.length} dossiers, ${passed} passed`);
    const written = await writeCompletedBundle(meeting, out).catch((err: unknown) => {
      io.err(`paneldesk demo: the result bundle was not written; the completed meeting is kept in ${path.join(work, 'data')}`);
      throw err;
    });
    io.out(`wrote ${a.out}`);
    io.out(`  bundle hash ${written.bundleHash} (SHA-256 of tagmanifest-sha256.txt)`);
    io.out(`  size        ${written.bytes} bytes, ${written.entries} entries; file sha256 ${written.fileSha256}`);
    io.out(`  sealed by   the chair, the teller and the scrutineer with demo keys (seed ${opts.seed ?? 'default'}); never for a real review`);
  } finally {
    meeting.host.close();
  }
  // Only once the bundle is out: until then the folder holds the completed meeting.
  await fs.rm(work, { recursive: true, force: true });
  return 0;
}

/** Options that belong to the plain session bundle only. */
export function refuseWithCompleted(v: Record<string, unknown>): void {
  for (const name of ['breach', 'attachments', 'attachment-size', 'encrypt-passphrase', 'encrypt-to', 'armor']) {
    if (v[name] !== undefined) throw new UsageError(`--${name} does not apply to --completed`);
  }
}
