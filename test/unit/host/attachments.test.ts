// Attachments are served only against a capability the backend grants per dossier and person (issue 8, item 3):
// never by bare hash, never to an expert outside their groups or recused, and never to another principal.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { AttachmentCapabilities } from '../../../electron/backend/attachment-caps';
import type { BackendHost } from '../../../electron/backend/host-types';
import { runHostOp } from '../../../electron/backend/process-entry';
import { createAppProtocolHandler } from '../../../electron/main/protocol';
import { ATTACHMENT_CAPABILITY_RE } from '../../../shared/ipc';
import { asSecretary, enrol, err, ok, openHost } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';

vi.mock('electron', async () => (await import('../electron/fake-electron')).fakeElectron());

const PASS = 'correct horse 1';
const EXAMINER_PASS = 'examiner passphrase 1';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const capOf = (url: string): string => {
  expect(url).toMatch(/^blob\/[A-Za-z0-9_-]{43}$/);
  return url.slice('blob/'.length);
};

/** The demo session with one expert E, a dossier of E's (A), one E is recused from (R), one outside E's groups (U). */
async function setup() {
  const host = openHost(tmpDir('pd-attach-'));
  const { sessionId } = await ok(host, 'openDemo', {});
  const experts = await ok(host, 'listExperts', { sessionId });
  const e = experts.find((x) => x.role === 'member') as (typeof experts)[number];
  await enrol(host, sessionId, e.id, PASS);
  await ok(host, 'signIn', { sessionId, expertId: e.id, passphrase: PASS, as: 'expert' });
  const mine = new Set((await ok(host, 'listMyDossiers', { sessionId })).filter((r) => r.status !== 'recused').map((r) => r.dossierId));
  await asSecretary(host);
  const all = (await ok(host, 'listDossiers', { sessionId })).rows;
  const withFiles = [];
  for (const row of all) {
    const d = await ok(host, 'getDossier', { sessionId, dossierId: row.id });
    if (d.attachments.length > 0) withFiles.push(d);
  }
  const ofMine = withFiles.filter((d) => mine.has(d.id));
  const [a, r] = ofMine;
  const u = withFiles.find((d) => !mine.has(d.id));
  if (!a || !r || !u) throw new Error('the demo session lacks the dossiers this test needs');
  await ok(host, 'declareConflict', { sessionId, expertId: e.id, dossierId: r.id, reason: '同单位' });
  const ref = (d: typeof a) => ({ sessionId, dossierId: d.id, sha256: (d.attachments[0] as { sha256: string }).sha256 });
  const signInExpert = () => ok(host, 'signIn', { sessionId, expertId: e.id, passphrase: PASS, as: 'expert' });
  return { host, sessionId, e, A: ref(a), R: ref(r), U: ref(u), signInExpert };
}

async function served(host: BackendHost, cap: string): Promise<Buffer | null> {
  const blob = await host.serveAttachment(cap);
  return blob ? bytesOf(blob.stream) : null;
}

describe('openAttachment and the capabilities it grants', () => {
  it('the secretary gets a capability for any dossier; it serves exactly that attachment', async () => {
    const { host, U } = await setup();
    const cap = capOf((await ok(host, 'openAttachment', U)).url);
    const bytes = await served(host, cap);
    expect(bytes && createHash('sha256').update(bytes).digest('hex')).toBe(U.sha256);
    host.close();
  });

  it('an expert gets their own group\'s dossier, but an unassigned or recused one is refused with DOSSIER_FORBIDDEN', async () => {
    const { host, A, R, U, signInExpert } = await setup();
    await signInExpert();
    const cap = capOf((await ok(host, 'openAttachment', A)).url);
    expect(await served(host, cap)).not.toBeNull();
    expect(await err(host, 'openAttachment', U)).toMatchObject({ code: 'DOSSIER_FORBIDDEN', details: { reason: 'not_assigned', field: 'dossierId' } });
    expect(await err(host, 'openAttachment', R)).toMatchObject({ code: 'DOSSIER_FORBIDDEN', details: { reason: 'recused', field: 'dossierId' } });
    host.close();
  });

  it('the examiner gets every dossier\'s attachments', async () => {
    const { host, U, R } = await setup();
    await ok(host, 'setExaminerPassphrase', { passphrase: EXAMINER_PASS });
    await ok(host, 'signInExaminer', { passphrase: EXAMINER_PASS });
    expect(await served(host, capOf((await ok(host, 'openAttachment', U)).url))).not.toBeNull();
    expect(await served(host, capOf((await ok(host, 'openAttachment', R)).url))).not.toBeNull();
    host.close();
  });

  it('a hash that is not an attachment of that dossier is BLOB_NOT_FOUND, even for the secretary', async () => {
    const { host, A, U } = await setup();
    expect(await err(host, 'openAttachment', { ...A, sha256: U.sha256 })).toMatchObject({ code: 'BLOB_NOT_FOUND', details: { field: 'sha256' } });
    host.close();
  });

  it('a bare-hash URL is refused: no capability is ever a hash', async () => {
    const { host, A } = await setup();
    await ok(host, 'openAttachment', A);
    expect(await host.serveAttachment(A.sha256)).toBeNull();
    expect(ATTACHMENT_CAPABILITY_RE.test(A.sha256)).toBe(false);
    host.close();
  });

  it('a capability of another principal is refused after a role change (sign-in, sign-out)', async () => {
    const { host, A, signInExpert } = await setup();
    const secretaryCap = capOf((await ok(host, 'openAttachment', A)).url);
    await signInExpert();
    // Even though the expert may see A, the secretary's capability is not theirs.
    expect(await host.serveAttachment(secretaryCap)).toBeNull();
    const expertCap = capOf((await ok(host, 'openAttachment', A)).url);
    expect(await served(host, expertCap)).not.toBeNull();
    await asSecretary(host);
    expect(await host.serveAttachment(expertCap)).toBeNull();
    expect(await host.serveAttachment(secretaryCap)).toBeNull();
    host.close();
  });

  it('revokeCapabilities (for the host\'s sign-in/out/lock hooks) closes every capability', async () => {
    const { host, A } = await setup();
    const cap = capOf((await ok(host, 'openAttachment', A)).url);
    host.revokeCapabilities();
    expect(await host.serveAttachment(cap)).toBeNull();
    host.close();
  });

  it('Electron main serves a capability through the backend process\'s host op, and refuses a bare hash', async () => {
    const { host, A } = await setup();
    const cap = capOf((await ok(host, 'openAttachment', A)).url);
    // main's protocol handler, wired as electron/main/index.ts wires it, with the utility process's message handler in between.
    const serve = createAppProtocolHandler({
      rendererRoot: tmpDir('pd-attach-renderer-'),
      readAttachment: async (capability) => {
        const r = await runHostOp(host, { op: 'readAttachment', capability });
        return 'bytes' in r ? r.bytes : null;
      },
    });
    const res = await serve({ url: `app://paneldesk/blob/${cap}`, method: 'GET' });
    expect(res.status).toBe(200);
    expect(createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex')).toBe(A.sha256);
    expect((await serve({ url: `app://paneldesk/blob/${A.sha256}`, method: 'GET' })).status).toBe(404);
    host.revokeCapabilities();
    expect((await serve({ url: `app://paneldesk/blob/${cap}`, method: 'GET' })).status).toBe(404);
    host.close();
  });
});

describe('AttachmentCapabilities', () => {
  const ref = { sessionId: 'S1', dossierId: 'D1', sha256: 'a'.repeat(64) };

  it('resolves only for the principal it was granted to, and drops it when another asks', () => {
    const caps = new AttachmentCapabilities();
    const cap = caps.grant(ref, 'expert:E1').url.slice('blob/'.length);
    expect(caps.resolve(cap, 'expert:E2')).toBeNull();
    // Dropped: not even its holder gets it back after another principal presented it.
    expect(caps.resolve(cap, 'expert:E1')).toBeNull();
    const again = caps.grant(ref, 'expert:E1').url.slice('blob/'.length);
    expect(caps.resolve(again, 'expert:E1')).toEqual(ref);
    expect(caps.resolve(ref.sha256, 'expert:E1')).toBeNull();
  });

  it('grants a fresh random name each time', () => {
    const caps = new AttachmentCapabilities();
    expect(caps.grant(ref, 'p').url).not.toBe(caps.grant(ref, 'p').url);
  });
});
