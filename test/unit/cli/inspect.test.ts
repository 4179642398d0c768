import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inspectSessionBundle } from '../../../electron/backend/bundles/reader';
import { describe, expect, it } from 'vitest';
import { buildDemoSession } from '../../../electron/backend/demo/demo-session';
import { writeSessionBundle } from '../../../electron/backend/bundles/writer';
import { main } from '../../../electron/cli/main';
import { generateKeyPair } from '../../../shared/crypto/ed25519';
import { openHost } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';
import type { AppEvent } from '../../../shared/contract';
import { openToken } from '../../fixtures/file-tokens';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: process.cwd() });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The importer's verdict through the contract: the code of job.failed, or 'ok'. */
async function importVerdict(file: string): Promise<string> {
  const host = openHost(tmpDir('pd-insp-host-'));
  const started = await host.invoke('startImport', { path: openToken(host, file) });
  if (!started.ok) return started.error.code;
  const jobId = (started.value as { jobId: string }).jobId;
  const verdict = await new Promise<string>((resolve) => {
    host.onEvent((e: AppEvent) => {
      if (e.type === 'job.done' && e.jobId === jobId) resolve('ok');
      if (e.type === 'job.failed' && e.jobId === jobId) resolve(e.error.code);
    });
  });
  host.close();
  return verdict;
}

describe('paneldesk inspect', () => {
  it('reports the bundle hash (SHA-256 of the tag manifest, §1) that demo prints and the importer records', async () => {
    const dir = tmpDir('pd-insp-hash-');
    const file = path.join(dir, 'demo.pdbundle');
    const demo = await cli(['demo', '--out', file]);
    expect(demo.code).toBe(0);
    const printed = /bundle hash ([0-9a-f]{64})/.exec(demo.out)?.[1];
    const tag = (await inspectSessionBundle(file)).tagManifest;
    expect(printed).toBe(createHash('sha256').update(tag).digest('hex'));
    expect(demo.out).not.toContain(`bundle hash ${createHash('sha256').update(fs.readFileSync(file)).digest('hex')}`);
    const report = JSON.parse((await cli(['inspect', file, '--json'])).out);
    expect(report.bundleHash).toBe(printed);
  });

  it('reports the demo bundle as valid with its contents (exit 0, --json)', async () => {
    const r = await cli(['inspect', 'resources/demo/demo-session.pdbundle', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ valid: true, sessionId: 'demo-jl-xzy-2026', counts: { dossiers: 30, experts: 25, groups: 3, attachments: 56 }, signedBy: null });
  });

  it('agrees with the importer on a broken reference and on issuer signatures', async () => {
    const dir = tmpDir('pd-insp-');
    const demo = buildDemoSession();
    const [a, b] = demo.content.dossiers;
    if (!a || !b) throw new Error('demo');
    b.packetNo = a.packetNo; // the writer does not check this; the importer must
    const broken = path.join(dir, 'broken.pdbundle');
    await writeSessionBundle(broken, demo.content, demo.blobs);
    const r = await cli(['inspect', broken]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('BUNDLE_BAD_REFERENCE');
    expect(await importVerdict(broken)).toBe('BUNDLE_BAD_REFERENCE');

    const issuer = generateKeyPair();
    const good = buildDemoSession();
    const signed = path.join(dir, 'signed.pdbundle');
    await writeSessionBundle(signed, good.content, good.blobs, { issuer: { secretKey: issuer.secretKey } });
    expect((await cli(['inspect', signed])).out).toContain('BUNDLE_UNTRUSTED_ISSUER');
    expect(await importVerdict(signed)).toBe('BUNDLE_UNTRUSTED_ISSUER');
    const trusted = await cli(['inspect', signed, '--trust', Buffer.from(issuer.publicKey).toString('hex')]);
    expect(trusted.code).toBe(0);
    expect(trusted.out).toMatch(/signed by [0-9a-f]{64}/);
    const other = generateKeyPair();
    expect((await cli(['inspect', signed, '--trust', Buffer.from(other.publicKey).toString('hex')])).out).toContain('BUNDLE_UNTRUSTED_ISSUER');
    expect(await importVerdict(path.resolve('resources/demo/demo-session.pdbundle'))).toBe('ok');
    expect((await cli(['inspect', 'resources/demo/demo-session.pdbundle', '--require-signature'])).out).toContain('BUNDLE_SIGNATURE_REQUIRED');
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli(['inspect'])).code).toBe(2);
    expect((await cli(['inspect', 'a', 'b'])).code).toBe(2);
    expect((await cli(['inspect', 'a', '--trust', 'zz'])).code).toBe(2);
    expect((await cli(['inspect', 'a', '--bogus'])).code).toBe(2);
  });
});
