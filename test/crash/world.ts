// The crash test's world: a data folder with the demo session and enrolled experts, the bundles the
// operations import (generated demo sessions, some age-encrypted, and a version 2 of the demo), and an
// expert's signed sheet bundle made on a second "laptop" to merge. Built in-process before any kill.
// Both desks are set up with the test secretary's passphrase (openHost); experts get their keys in the
// enrolment ceremony (open, enrol, confirm the fingerprint), file paths go in as one-use tokens.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildDemoSession } from '../../electron/backend/demo/demo-session';
import { writeDemoBundle } from '../../electron/backend/demo/write-demo';
import { encryptBundleFile } from '../../electron/backend/bundles/age';
import { writeSessionBundle } from '../../electron/backend/bundles/writer';
import { DB_FILE } from '../../electron/backend/db/connection';
import type { StandardDoc } from '../../shared/bundle/schema';
import { enrol, enrolAndSignIn, ok, openHost, runImport } from '../fixtures/demo-host';
import { saveToken } from '../fixtures/file-tokens';

export const PASS = 'crash expert pass';
export const BUNDLE_PASS = 'crash bundle pass';

export interface SessionPlan {
  sessionId: string;
  /** What a complete import holds (a half-imported session holds less). */
  dossiers: number;
  attachments: number;
  experts: number;
}

export interface ImportableBundle extends SessionPlan {
  file: string;
  passphrase?: string;
}

export interface World {
  work: string;
  dataDir: string;
  exportsDir: string;
  demoSessionId: string;
  /** Every session that may appear in the database, by id. */
  sessions: Map<string, SessionPlan>;
  /** Not yet imported at the start: the import operation takes them in turn. */
  importable: ImportableBundle[];
  /** Version 2 of the demo (renamed session, one expert's title changed): applied as an update. */
  demoUpdate: { file: string; name: string };
  /** The offline expert's signed sheet bundle, and the sheets (dossier@version) it brings. */
  sheetBundle: { file: string; expertId: string; keyid: string; sheets: Array<{ dossierId: string; version: number }> };
  /** Experts never enrolled on this desk (their key lives on their laptop). */
  offlineExperts: Set<string>;
}

async function generatedBundles(dir: string, count: number): Promise<ImportableBundle[]> {
  const out: ImportableBundle[] = [];
  for (let i = 0; i < count; i++) {
    const opts = { dossiers: 3 + (i % 3), experts: 3, attachmentsPerDossier: 1 + (i % 2), seed: 7000 + i };
    const plain = path.join(dir, `generated-${i}.pdbundle`);
    const { demo } = await writeDemoBundle(plain, opts);
    const c = demo.content;
    const plan = { sessionId: c.session.sessionId, dossiers: c.dossiers.length, attachments: c.dossiers.reduce((n, d) => n + d.attachments.length, 0), experts: c.experts.length };
    if (i % 2 === 1) {
      // Every other one is age-encrypted: its import decrypts into <dataDir>/tmp first.
      const enc = `${plain}.age`;
      await encryptBundleFile(plain, enc, { passphrase: BUNDLE_PASS, scryptLogN: 10 });
      fs.rmSync(plain);
      out.push({ ...plan, file: enc, passphrase: BUNDLE_PASS });
    } else {
      out.push({ ...plan, file: plain });
    }
  }
  return out;
}

export async function buildWorld(work: string, opts: { generated: number }): Promise<World> {
  const dataDir = path.join(work, 'data');
  const bundlesDir = path.join(work, 'bundles');
  const exportsDir = path.join(work, 'exports');
  for (const d of [bundlesDir, exportsDir]) fs.mkdirSync(d, { recursive: true });

  const demo = buildDemoSession();
  const demoPlan: SessionPlan = {
    sessionId: demo.content.session.sessionId,
    dossiers: demo.content.dossiers.length,
    attachments: demo.content.dossiers.reduce((n, d) => n + d.attachments.length, 0),
    experts: demo.content.experts.length,
  };

  const host = openHost(dataDir);
  const { sessionId } = await ok(host, 'openDemo', {});
  const members = (await ok(host, 'listExperts', { sessionId })).filter((e) => e.role === 'member');
  // One member scores offline on a laptop; the others score here.
  const offline = members[members.length - 1];
  if (!offline || members.length < 4) throw new Error('the demo needs at least four members');
  for (const e of members.slice(0, 3)) await enrol(host, sessionId, e.id, PASS);
  const pkg = path.join(bundlesDir, 'offline-expert.pdbundle.age');
  await ok(host, 'exportExpertPackage', { sessionId, expertId: offline.id, path: saveToken(host, pkg), passphrase: BUNDLE_PASS });
  host.close();

  const laptop = openHost(path.join(work, 'laptop'));
  const imported = await runImport(laptop, { path: pkg, passphrase: BUNDLE_PASS });
  if (!imported.ok) throw new Error(`laptop import: ${imported.error.code}`);
  await enrolAndSignIn(laptop, sessionId, offline.id, PASS);
  const mine = (await ok(laptop, 'listMyDossiers', { sessionId })).filter((r) => r.status !== 'recused').slice(0, 2);
  const sheets: Array<{ dossierId: string; version: number }> = [];
  let keyid = '';
  for (const d of mine) {
    const v = await ok(laptop, 'getScoreSheet', { sessionId, dossierId: d.dossierId });
    for (const it of v.standard.items) await ok(laptop, 'saveScore', { sessionId, dossierId: d.dossierId, itemId: it.id, value: it.bands?.[0]?.score ?? Math.floor(it.max / 2) });
    const r = await ok(laptop, 'submitSheet', { sessionId, dossierId: d.dossierId, passphrase: PASS });
    sheets.push({ dossierId: d.dossierId, version: r.version });
    keyid = r.keyid;
  }
  const sheetFile = path.join(bundlesDir, 'offline-expert.pdsheets');
  await ok(laptop, 'exportSheetBundle', { sessionId, path: saveToken(laptop, sheetFile), passphrase: PASS });
  laptop.close();

  const v2 = buildDemoSession();
  v2.content.session.bundleVersion = 2;
  v2.content.session.name = `${v2.content.session.name}（第二版）`;
  const someone = v2.content.experts.find((e) => e.id !== offline.id);
  if (someone) someone.title = '正高级工程师';
  const updateFile = path.join(bundlesDir, 'demo-v2.pdbundle');
  await writeSessionBundle(updateFile, v2.content, v2.blobs);

  const importable = await generatedBundles(bundlesDir, opts.generated);
  const sessions = new Map<string, SessionPlan>([[demoPlan.sessionId, demoPlan], ...importable.map((b) => [b.sessionId, b] as const)]);
  return {
    work,
    dataDir,
    exportsDir,
    demoSessionId: sessionId,
    sessions,
    importable,
    demoUpdate: { file: updateFile, name: v2.content.session.name },
    sheetBundle: { file: sheetFile, expertId: offline.id, keyid, sheets },
    offlineExperts: new Set([offline.id]),
  };
}

/** What the database holds now, for choosing the next operations (read after each restart). */
export interface Snapshot {
  sessions: Array<{ id: string; version: number }>;
  /** Experts with a live, confirmed key on this desk (only those can sign in). */
  enrolled: Array<{ sessionId: string; expertId: string }>;
  /** Live keys whose ceremony a kill cut short before the fingerprint was confirmed. */
  unconfirmed: Array<{ sessionId: string; expertId: string; keyid: string }>;
  /** Dossiers each enrolled expert may score, with the standard's items and the current sheet's state. */
  work: Array<{ sessionId: string; expertId: string; dossierId: string; items: StandardDoc['items']; submitted: boolean; scored: Set<string> }>;
  members: Map<string, string[]>;
}

export function readSnapshot(dataDir: string, world: World): Snapshot {
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true });
  try {
    const sessions = db.prepare('SELECT id, bundle_version AS version FROM session ORDER BY id').all() as Snapshot['sessions'];
    const keys = (
      db
        .prepare('SELECT session_id AS sessionId, expert_id AS expertId, keyid, sealed_json AS sealed, confirmed_at AS confirmedAt FROM expert_key WHERE revoked_at IS NULL ORDER BY session_id, expert_id')
        .all() as Array<{ sessionId: string; expertId: string; keyid: string; sealed: string; confirmedAt: string | null }>
    ).filter((k) => !k.sealed.includes('"remote"') && !world.offlineExperts.has(k.expertId));
    const enrolled = keys.filter((k) => k.confirmedAt !== null).map(({ sessionId, expertId }) => ({ sessionId, expertId }));
    const unconfirmed = keys.filter((k) => k.confirmedAt === null).map(({ sessionId, expertId, keyid }) => ({ sessionId, expertId, keyid }));
    const members = new Map<string, string[]>();
    for (const s of sessions) {
      const ids = (db.prepare("SELECT id FROM expert WHERE session_id = ? AND role = 'member' ORDER BY id").all(s.id) as Array<{ id: string }>).map((r) => r.id);
      members.set(s.id, ids.filter((id) => !world.offlineExperts.has(id)));
    }
    const work: Snapshot['work'] = [];
    const assigned = db.prepare(
      `SELECT d.id AS dossierId, st.doc_json AS std FROM dossier d
       JOIN group_member m ON m.session_id = d.session_id AND m.group_id = d.group_id AND m.expert_id = @e
       JOIN standard st ON st.session_id = d.session_id AND st.id = d.standard_id
       WHERE d.session_id = @s AND NOT EXISTS (SELECT 1 FROM conflict c WHERE c.session_id = d.session_id AND c.dossier_id = d.id AND c.expert_id = @e AND c.status = 'confirmed')
       ORDER BY d.id`,
    );
    const sheet = db.prepare('SELECT version, status FROM score_sheet WHERE session_id = ? AND dossier_id = ? AND expert_id = ? ORDER BY version DESC LIMIT 1');
    const items = db.prepare('SELECT item_id AS id FROM score_item WHERE session_id = ? AND dossier_id = ? AND expert_id = ? AND version = ?').pluck();
    for (const k of enrolled) {
      for (const a of assigned.all({ s: k.sessionId, e: k.expertId }) as Array<{ dossierId: string; std: string }>) {
        const cur = sheet.get(k.sessionId, a.dossierId, k.expertId) as { version: number; status: string } | undefined;
        const scored = new Set(cur ? (items.all(k.sessionId, a.dossierId, k.expertId, cur.version) as string[]) : []);
        work.push({ ...k, dossierId: a.dossierId, items: (JSON.parse(a.std) as StandardDoc).items, submitted: cur?.status === 'submitted', scored });
      }
    }
    return { sessions, enrolled, unconfirmed, work, members };
  } finally {
    db.close();
  }
}
