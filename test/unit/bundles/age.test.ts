// age-encrypted bundles (docs/bundle-format.md §7) through the host: decrypt to <dataDir>/tmp, import, and
// leave nothing behind (no temp file, no blob, no session) whenever the key is missing, wrong or the file damaged.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { armor, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../shared/contract';
import type { ImportReport, SessionOverview, SessionSummary } from '../../../shared/types';
import { ARMOR_BEGIN, MAX_AGE_HEADER_BYTES } from '../../../electron/backend/bundles/age-armor';
import { decryptAgeFile, detectAgeFormat, encryptBundleFile } from '../../../electron/backend/bundles/age';
import { DB_FILE } from '../../../electron/backend/db/connection';
import type { BackendHost } from '../../../electron/backend/host-types';
import { main } from '../../../electron/cli/main';
import { RESOURCES, jobEnd, ok, openHost, type JobEnd } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';
import { openToken } from '../../fixtures/file-tokens';

const DEMO = path.join(RESOURCES, 'demo', 'demo-session.pdbundle');
const DEMO_ID = 'demo-jl-xzy-2026';
const PASSPHRASE = 'correct horse battery staple';
/** Fast scrypt for tests; the reader accepts any work factor up to 2^20. */
const FAST = 10;

type Terminal = JobEnd;

interface Harness {
  host: BackendHost;
  dataDir: string;
  events: AppEvent[];
  run(input: Record<string, unknown>): Promise<Terminal>;
}


async function withHost(fn: (h: Harness) => Promise<void>): Promise<void> {
  const dataDir = path.join(tmpDir(), 'data');
  const host = openHost(dataDir);
  const events: AppEvent[] = [];
  const off = host.onEvent((e) => events.push(e));
  const run = async (input: Record<string, unknown>): Promise<Terminal> => {
    const { jobId } = await ok(host, 'startImport', { ...input, path: openToken(host, String(input.path)) });
    return jobEnd(events, jobId);
  };
  try {
    await fn({ host, dataDir, events, run });
  } finally {
    off();
    host.close();
  }
}

/** Every file under the data folder except the database's own. */
function strayFiles(dataDir: string): string[] {
  return (fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile() && !d.name.startsWith(DB_FILE))
    .map((d) => path.relative(dataDir, path.join(d.parentPath, d.name)));
}

async function expectNothingLeft(h: Harness): Promise<void> {
  expect(strayFiles(h.dataDir)).toEqual([]);
  expect(await ok(h.host, 'listSessions', {})).toEqual([]);
}

async function encrypted(to: Parameters<typeof encryptBundleFile>[2], opts: { armor?: boolean } = {}): Promise<string> {
  const out = path.join(tmpDir(), opts.armor ? 'demo.pdbundle.age.txt' : 'demo.pdbundle.age');
  await encryptBundleFile(DEMO, out, to, opts);
  return out;
}

function failed(t: Terminal): Extract<Terminal, { type: 'job.failed' }>['error'] {
  if (t.type !== 'job.failed') throw new Error(`expected job.failed, got ${JSON.stringify(t).slice(0, 200)}`);
  return t.error;
}

function done(t: Terminal): ImportReport {
  if (t.type !== 'job.done' || t.kind !== 'import') throw new Error(`expected an import's job.done, got ${JSON.stringify(t)}`);
  return t.result;
}

describe('importing an age-encrypted bundle', () => {
  it('passphrase (scrypt): decrypts with a "decrypting" phase, imports the demo, removes the decrypted copy', async () => {
    const file = await encrypted({ passphrase: PASSPHRASE, scryptLogN: FAST });
    expect(await detectAgeFormat(file)).toBe('binary');
    await withHost(async (h) => {
      const report = done(await h.run({ path: file, passphrase: PASSPHRASE }));
      expect(report).toMatchObject({ sessionId: DEMO_ID, dossiers: 30, experts: 25, attachments: 56, signedBy: null });
      const phases = h.events.filter((e) => e.type === 'job.progress').map((e) => (e as { phase: string }).phase);
      expect(phases[0]).toBe('decrypting');
      expect(phases).toContain('attachments');
      const last = h.events.filter((e): e is Extract<AppEvent, { type: 'job.progress' }> => e.type === 'job.progress' && e.phase === 'decrypting').at(-1);
      expect(last).toMatchObject({ bytesDone: fs.statSync(file).size, bytesTotal: fs.statSync(file).size });
      expect((await ok(h.host, 'listSessions', {})).map((s: SessionSummary) => s.id)).toEqual([DEMO_ID]);
      // Only blobs remain: the decrypted zip under tmp/ is gone.
      expect(strayFiles(h.dataDir).every((f) => f.startsWith(path.join('blobs', 'sha256')))).toBe(true);
      expect(fs.readdirSync(path.join(h.dataDir, 'tmp'))).toEqual([]);
    });
  });

  it('X25519 recipient: imports with the committee identity', async () => {
    const identity = await generateX25519Identity();
    const file = await encrypted({ recipient: await identityToRecipient(identity) });
    await withHost(async (h) => {
      expect(done(await h.run({ path: file, identity })).sessionId).toBe(DEMO_ID);
      const o: SessionOverview = await ok(h.host, 'getOverview', { sessionId: DEMO_ID });
      expect(o.counts.dossiers).toBe(30);
    });
  });

  it('ASCII-armored input imports, and the armor is age’s own (armor.decode reads what we write)', async () => {
    const file = await encrypted({ passphrase: PASSPHRASE, scryptLogN: FAST }, { armor: true });
    const text = fs.readFileSync(file, 'latin1');
    expect(text.startsWith(`${ARMOR_BEGIN}\n`)).toBe(true);
    expect(armor.decode(text).subarray(0, 22)).toEqual(new TextEncoder().encode('age-encryption.org/v1\n'));
    expect(await detectAgeFormat(file)).toBe('armored');
    await withHost(async (h) => {
      expect(done(await h.run({ path: file, passphrase: PASSPHRASE })).sessionId).toBe(DEMO_ID);
    });
  });

  it('reads age’s armor with CRLF line ends and surrounding white space', async () => {
    const binary = await encrypted({ passphrase: PASSPHRASE, scryptLogN: FAST });
    const file = path.join(tmpDir(), 'crlf.age');
    fs.writeFileSync(file, `\r\n  ${armor.encode(new Uint8Array(fs.readFileSync(binary))).replaceAll('\n', '\r\n')}\r\n\r\n`);
    const out = path.join(tmpDir(), 'plain.zip');
    await decryptAgeFile(file, 'armored', out, { passphrase: PASSPHRASE });
    expect(fs.readFileSync(out).equals(fs.readFileSync(DEMO))).toBe(true);
  });

  it('without a key: BUNDLE_ENCRYPTED_NEEDS_KEY naming the file and the recipient type; nothing is written', async () => {
    const scrypt = await encrypted({ passphrase: PASSPHRASE, scryptLogN: FAST });
    const x25519 = await encrypted({ recipient: await identityToRecipient(await generateX25519Identity()) }, { armor: true });
    await withHost(async (h) => {
      expect(failed(await h.run({ path: scrypt }))).toMatchObject({ code: 'BUNDLE_ENCRYPTED_NEEDS_KEY', details: { file: scrypt, recipients: 'scrypt' } });
      expect(failed(await h.run({ path: x25519 }))).toMatchObject({ code: 'BUNDLE_ENCRYPTED_NEEDS_KEY', details: { file: x25519, recipients: 'X25519' } });
      await expectNothingLeft(h);
    });
  });

  it('a wrong passphrase, or the wrong kind of key: BUNDLE_DECRYPT_FAILED naming the file; nothing is written', async () => {
    const file = await encrypted({ passphrase: PASSPHRASE, scryptLogN: FAST });
    await withHost(async (h) => {
      expect(failed(await h.run({ path: file, passphrase: 'wrong horse battery staple' }))).toMatchObject({
        code: 'BUNDLE_DECRYPT_FAILED',
        details: { file, stage: 'header', recipients: 'scrypt' },
      });
      const identity = await generateX25519Identity();
      expect(failed(await h.run({ path: file, identity }))).toMatchObject({ code: 'BUNDLE_DECRYPT_FAILED', details: { file } });
      await expectNothingLeft(h);
      // The right one still works afterwards.
      expect(done(await h.run({ path: file, passphrase: PASSPHRASE })).sessionId).toBe(DEMO_ID);
    });
  });

  it('an identity that is not the recipient: BUNDLE_DECRYPT_FAILED', async () => {
    const file = await encrypted({ recipient: await identityToRecipient(await generateX25519Identity()) });
    await withHost(async (h) => {
      expect(failed(await h.run({ path: file, identity: await generateX25519Identity() })).code).toBe('BUNDLE_DECRYPT_FAILED');
      await expectNothingLeft(h);
    });
  });

  it.each([
    ['in the middle of the payload', (size: number) => Math.floor(size / 2), 'payload'],
    ['in the last chunk', (size: number) => size - 5, 'payload'],
    ['in the header', () => 40, 'header'],
  ])('a flipped byte %s: BUNDLE_DECRYPT_FAILED after decrypting part of it; no temp file, blob or session', async (_, at, stage) => {
    const file = await encrypted({ passphrase: PASSPHRASE, scryptLogN: FAST });
    const bytes = fs.readFileSync(file);
    const i = at(bytes.length);
    bytes[i] = (bytes[i] as number) ^ 0x01;
    fs.writeFileSync(file, bytes);
    await withHost(async (h) => {
      expect(failed(await h.run({ path: file, passphrase: PASSPHRASE }))).toMatchObject({ code: 'BUNDLE_DECRYPT_FAILED', details: { file, stage } });
      await expectNothingLeft(h);
    });
  });

  it('a file cut short at a chunk boundary: BUNDLE_DECRYPT_FAILED (the last chunk is authenticated as last)', async () => {
    const file = await encrypted({ passphrase: PASSPHRASE, scryptLogN: FAST });
    const bytes = fs.readFileSync(file);
    const header = bytes.indexOf('\n---') + 1;
    const payloadStart = bytes.indexOf(0x0a, header) + 1 + 16;
    fs.writeFileSync(file, bytes.subarray(0, payloadStart + 2 * (64 * 1024 + 16)));
    await withHost(async (h) => {
      expect(failed(await h.run({ path: file, passphrase: PASSPHRASE }))).toMatchObject({ code: 'BUNDLE_DECRYPT_FAILED', details: { stage: 'payload' } });
      await expectNothingLeft(h);
    });
  });

  it('a header that never ends is refused at the cap, not buffered', async () => {
    const file = path.join(tmpDir(), 'endless.age');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('age-encryption.org/v1\n-> scrypt '), Buffer.alloc(4 * MAX_AGE_HEADER_BYTES, 0x41)]));
    await withHost(async (h) => {
      const e = failed(await h.run({ path: file, passphrase: PASSPHRASE }));
      expect(e).toMatchObject({ code: 'BUNDLE_DECRYPT_FAILED', details: { file } });
      expect(String(e.details?.reason)).toMatch(/header longer than/);
      await expectNothingLeft(h);
    });
  });

  it.each([
    ['a short line before the last', (t: string) => t.replace(/\n([A-Za-z0-9+/]{64})\n/, (_, l: string) => `\n${l.slice(0, 60)}\n${l.slice(60)}\n`)],
    ['data after the END line', (t: string) => `${t}x\n`],
    ['no END line', (t: string) => t.slice(0, t.lastIndexOf('-----END'))],
    ['a line of 65 characters', (t: string) => t.replace(/\n([A-Za-z0-9+/]{64})\n/, (_, l: string) => `\n${l}A\n`)],
  ])('bad armor (%s): BUNDLE_DECRYPT_FAILED', async (_, spoil) => {
    const good = await encrypted({ passphrase: PASSPHRASE, scryptLogN: FAST }, { armor: true });
    const file = path.join(tmpDir(), 'bad.age');
    fs.writeFileSync(file, spoil(fs.readFileSync(good, 'latin1')), 'latin1');
    await withHost(async (h) => {
      expect(failed(await h.run({ path: file, passphrase: PASSPHRASE })).code).toBe('BUNDLE_DECRYPT_FAILED');
      await expectNothingLeft(h);
    });
  });

  it('cancelJob while decrypting ends with JOB_CANCELLED and removes the partial decryption', async () => {
    // 32 MiB of noise: decrypting it takes long enough to cancel half-way (it is never read as a zip).
    const noise = path.join(tmpDir(), 'noise.bin');
    fs.writeFileSync(noise, randomBytes(32 * 1024 * 1024));
    const file = path.join(tmpDir(), 'noise.age');
    await encryptBundleFile(noise, file, { passphrase: PASSPHRASE, scryptLogN: FAST });
    await withHost(async (h) => {
      const { jobId } = await ok(h.host, 'startImport', { path: openToken(h.host, file), passphrase: PASSPHRASE });
      await expect.poll(() => h.events.some((e) => e.type === 'job.progress' && e.jobId === jobId && e.phase === 'decrypting' && e.bytesDone > 0)).toBe(true);
      expect(fs.readdirSync(path.join(h.dataDir, 'tmp'))).toHaveLength(1);
      expect(await ok(h.host, 'cancelJob', { jobId })).toEqual({ cancelled: true });
      expect(failed(await jobEnd(h.events, jobId)).code).toBe('JOB_CANCELLED');
      await expectNothingLeft(h);
    });
  });

  it('removes a decrypted copy left by a crash (older than an hour) at the next decryption, and only such files', async () => {
    const file = await encrypted({ passphrase: PASSPHRASE, scryptLogN: FAST });
    await withHost(async (h) => {
      const tmp = path.join(h.dataDir, 'tmp');
      fs.mkdirSync(tmp, { recursive: true });
      const stale = path.join(tmp, `decrypt-${'a'.repeat(32)}.tmp`);
      const fresh = path.join(tmp, `decrypt-${'b'.repeat(32)}.tmp`);
      const other = path.join(tmp, 'notes.txt');
      for (const f of [stale, fresh, other]) fs.writeFileSync(f, 'x');
      const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
      fs.utimesSync(stale, old, old);
      fs.utimesSync(other, old, old);
      expect(done(await h.run({ path: file, passphrase: PASSPHRASE })).sessionId).toBe(DEMO_ID);
      expect(fs.readdirSync(tmp).sort()).toEqual([path.basename(fresh), 'notes.txt']);
    });
  });

  it('a plain bundle ignores a passphrase it does not need', async () => {
    await withHost(async (h) => {
      expect(done(await h.run({ path: DEMO, passphrase: PASSPHRASE })).sessionId).toBe(DEMO_ID);
    });
  });

  it('startImport checks the key’s shape: an identity must be an AGE-SECRET-KEY-1 line', async () => {
    await withHost(async (h) => {
      for (const identity of ['age1qqqq', 'AGE-SECRET-KEY-1' + 'Q'.repeat(190), 'AGE-SECRET-KEY-1abc']) {
        const r = await h.host.invoke('startImport', { path: openToken(h.host, DEMO), identity });
        expect(r).toMatchObject({ ok: false, error: { code: 'CONTRACT_INVALID_INPUT', details: { field: 'identity' } } });
      }
      const r = await h.host.invoke('startImport', { path: openToken(h.host, DEMO), passphrase: '' });
      expect(r).toMatchObject({ ok: false, error: { code: 'CONTRACT_INVALID_INPUT', details: { field: 'passphrase' } } });
    });
  });
});

describe('paneldesk demo --encrypt-to / --encrypt-passphrase', () => {
  const io = (cwd: string) => {
    const out: string[] = [];
    const err: string[] = [];
    return { out: (l: string) => out.push(l), err: (l: string) => err.push(l), cwd, lines: out, errors: err };
  };

  it('writes an armored bundle for an X25519 recipient that imports with its identity, and no plain copy', async () => {
    const dir = tmpDir();
    const identity = await generateX25519Identity();
    const cli = io(dir);
    expect(await main(['demo', '--out', 'demo.pdbundle.age', '--encrypt-to', await identityToRecipient(identity), '--armor'], cli)).toBe(0);
    expect(cli.lines.join('\n')).toMatch(/encrypted {3}age, recipient age1\w+, armored: \d+ bytes/);
    expect(fs.readdirSync(dir)).toEqual(['demo.pdbundle.age']);
    const file = path.join(dir, 'demo.pdbundle.age');
    expect(await detectAgeFormat(file)).toBe('armored');
    await withHost(async (h) => {
      expect(done(await h.run({ path: file, identity })).sessionId).toBe(DEMO_ID);
    });
  });

  it.each([
    [['--encrypt-passphrase', 'short'], /at least 8 characters/],
    [['--encrypt-to', 'age1nope'], /X25519 age recipient/],
    [['--armor'], /--armor needs/],
    [['--encrypt-passphrase', 'long enough', '--encrypt-to', 'age1x'], /not both/],
  ])('refuses %j with a usage error', async (args, message) => {
    const cli = io(tmpDir());
    expect(await main(['demo', '--out', 'x.age', ...args], cli)).toBe(2);
    expect(cli.errors.join('\n')).toMatch(message);
  });
});
