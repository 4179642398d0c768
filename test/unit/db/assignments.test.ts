// The indexed assignment queries (issue 14) against a naive oracle over the whole session: the expert's
// list order, previous/next around every dossier, and the progress counts, on a session with an expert in
// two groups, tied packet numbers, confirmed, pending and dismissed recusals, drafts (complete and not),
// submitted and unlocked sheets.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoSession } from '../../../electron/backend/demo/demo-session';
import { writeSessionBundle } from '../../../electron/backend/bundles/writer';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';
import { assignedNeighbours, listAssigned } from '../../../electron/backend/db/queries/assignments';
import { currentScoresOfExpert } from '../../../electron/backend/db/queries/sheets';
import { getStandard, listStandards } from '../../../electron/backend/db/queries/standards';
import { preparedCount } from '../../../electron/backend/db/statements';
import type { BackendHost } from '../../../electron/backend/host-types';
import type { ScoringProgress } from '../../../shared/types';
import { ok, openHost, runImport } from '../../fixtures/demo-host';

let host: BackendHost;
let db: Db;
let sessionId: string;
let dir: string;
const AT = '2026-12-10T09:00:00.000Z';

interface Oracle {
  experts: Array<{ id: string; groups: string[] }>;
  dossiers: Array<{ id: string; packetNo: string; groupId: string; standardId: string }>;
  confirmed: Set<string>;
  items: Map<string, number>;
  /** Current sheet per expert/dossier: status and scored item count. */
  sheets: Map<string, { status: string; items: number; scores: Record<string, number> }>;
}

const k = (e: string, d: string): string => `${e}/${d}`;
/** SQLite's BINARY order: UTF-8 bytes. */
const byteCmp = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

function oracle(): Oracle {
  const experts = (db.prepare('SELECT id FROM expert WHERE session_id = ? ORDER BY id').all(sessionId) as Array<{ id: string }>).map((e) => ({
    id: e.id,
    groups: (db.prepare('SELECT group_id AS g FROM group_member WHERE session_id = ? AND expert_id = ?').all(sessionId, e.id) as Array<{ g: string }>).map((r) => r.g),
  }));
  const dossiers = db
    .prepare('SELECT id, packet_no AS packetNo, group_id AS groupId, standard_id AS standardId FROM dossier WHERE session_id = ?')
    .all(sessionId) as Oracle['dossiers'];
  dossiers.sort((a, b) => byteCmp(a.packetNo, b.packetNo) || byteCmp(a.id, b.id));
  const confirmed = new Set(
    (db.prepare("SELECT expert_id AS e, dossier_id AS d FROM conflict WHERE session_id = ? AND status = 'confirmed'").all(sessionId) as Array<{ e: string; d: string }>).map((r) => k(r.e, r.d)),
  );
  const items = new Map(
    (db.prepare('SELECT id, doc_json AS j FROM standard WHERE session_id = ?').all(sessionId) as Array<{ id: string; j: string }>).map((s) => [
      s.id,
      (JSON.parse(s.j) as { items: unknown[] }).items.length,
    ]),
  );
  const sheets = new Map<string, { status: string; items: number; scores: Record<string, number> }>();
  const all = db.prepare('SELECT dossier_id AS d, expert_id AS e, version AS v, status FROM score_sheet WHERE session_id = ? ORDER BY version').all(sessionId) as Array<{
    d: string;
    e: string;
    v: number;
    status: string;
  }>;
  for (const s of all) {
    const rows = db.prepare('SELECT item_id AS i, value FROM score_item WHERE session_id = ? AND dossier_id = ? AND expert_id = ? AND version = ?').all(sessionId, s.d, s.e, s.v) as Array<{
      i: string;
      value: number;
    }>;
    sheets.set(k(s.e, s.d), { status: s.status, items: rows.length, scores: Object.fromEntries(rows.map((r) => [r.i, r.value])) });
  }
  return { experts, dossiers, confirmed, items, sheets };
}

function listOf(o: Oracle, expertId: string) {
  const groups = new Set(o.experts.find((e) => e.id === expertId)?.groups ?? []);
  return o.dossiers.filter((d) => groups.has(d.groupId));
}

/** The pre-issue-14 algorithm: every expert x every dossier. */
function naiveProgress(o: Oracle): Map<string, { assigned: number; scored: number; submitted: number; recused: number }> {
  const out = new Map<string, { assigned: number; scored: number; submitted: number; recused: number }>();
  for (const e of o.experts) {
    const r = { assigned: 0, scored: 0, submitted: 0, recused: 0 };
    for (const d of o.dossiers) {
      if (!e.groups.includes(d.groupId)) continue;
      if (o.confirmed.has(k(e.id, d.id))) {
        r.recused += 1;
        continue;
      }
      r.assigned += 1;
      const s = o.sheets.get(k(e.id, d.id));
      if (s?.status === 'submitted') {
        r.submitted += 1;
        r.scored += 1;
      } else if (s && s.items === o.items.get(d.standardId)) r.scored += 1;
    }
    out.set(e.id, r);
  }
  return out;
}

function itemIds(standardId: string): string[] {
  const j = (db.prepare('SELECT doc_json AS j FROM standard WHERE session_id = ? AND id = ?').get(sessionId, standardId) as { j: string }).j;
  return (JSON.parse(j) as { items: Array<{ id: string }> }).items.map((i) => i.id);
}

function addSheet(expertId: string, d: { id: string; standardId: string }, version: number, scored: number, status: 'draft' | 'submitted'): void {
  db.prepare("INSERT INTO score_sheet (session_id, dossier_id, expert_id, version, status, updated_at) VALUES (?, ?, ?, ?, 'draft', ?)").run(
    sessionId,
    d.id,
    expertId,
    version,
    AT,
  );
  itemIds(d.standardId)
    .slice(0, scored)
    .forEach((item, i) =>
      db.prepare('INSERT INTO score_item (session_id, dossier_id, expert_id, version, item_id, value, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        sessionId, d.id, expertId, version, item, 100 * (i + 1) + version, AT,
      ),
    );
  if (status === 'submitted') {
    db.prepare("UPDATE score_sheet SET status = 'submitted', submitted_at = ? WHERE session_id = ? AND dossier_id = ? AND expert_id = ? AND version = ?").run(
      AT, sessionId, d.id, expertId, version,
    );
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-assign-'));
  const demo = buildDemoSession({ dossiers: 160, experts: 12, attachmentsPerDossier: 0, seed: 7 });
  const file = path.join(dir, 'b.pdbundle');
  await writeSessionBundle(file, demo.content, demo.blobs);
  host = openHost(path.join(dir, 'data'));
  const r = await runImport(host, { path: file });
  if (!r.ok) throw new Error(r.error.code);
  sessionId = demo.content.session.sessionId;
  db = openDatabase(path.join(dir, 'data'));
  const o = oracle();
  const e1 = o.experts[0];
  const e2 = o.experts.find((e) => e1 && !e.groups.some((g) => e1.groups.includes(g)));
  const e3 = o.experts.find((e) => e !== e1 && e !== e2);
  if (!e1 || !e2 || !e3) throw new Error('too few experts');
  // e1 also sits in e2's group: its list interleaves two groups.
  const other = e2.groups.find((g) => !e1.groups.includes(g)) as string;
  db.prepare('INSERT INTO group_member (session_id, group_id, expert_id) VALUES (?, ?, ?)').run(sessionId, other, e1.id);
  const mine = listOf(oracle(), e1.id);
  // Ties: three dossiers share one packet number (ordered by id), one sorts by a non-ASCII packet number.
  for (const d of [mine[5], mine[9], mine[20]]) db.prepare('UPDATE dossier SET packet_no = ? WHERE session_id = ? AND id = ?').run('TIE-0001', sessionId, d?.id);
  db.prepare('UPDATE dossier SET packet_no = ? WHERE session_id = ? AND id = ?').run('评-01', sessionId, mine[7]?.id);
  // Recusals: confirmed (runs of them, and the first and last), pending and dismissed (which do not count).
  const mark = (e: string, d: string | undefined, status: string) =>
    db.prepare("INSERT OR REPLACE INTO conflict (session_id, expert_id, dossier_id, source, status, reason) VALUES (?, ?, ?, 'manual', ?, 'r')").run(sessionId, e, d, status);
  const sorted = listOf(oracle(), e1.id);
  for (const i of [0, 3, 4, 5, sorted.length - 1]) mark(e1.id, sorted[i]?.id, 'confirmed');
  mark(e1.id, sorted[8]?.id, 'pending');
  mark(e1.id, sorted[10]?.id, 'dismissed');
  mark(e2.id, listOf(oracle(), e2.id)[2]?.id, 'confirmed');
  // Sheets: complete and partial drafts, submitted, unlocked (v2 draft over a submitted v1), and one on a recused dossier.
  const full = (d: { standardId: string }) => itemIds(d.standardId).length;
  const s1 = sorted[1] as Oracle['dossiers'][number];
  const s2 = sorted[2] as Oracle['dossiers'][number];
  const s6 = sorted[6] as Oracle['dossiers'][number];
  const s11 = sorted[11] as Oracle['dossiers'][number];
  addSheet(e1.id, s1, 1, full(s1), 'draft');
  addSheet(e1.id, s2, 1, 1, 'draft');
  addSheet(e1.id, s6, 1, full(s6), 'submitted');
  addSheet(e1.id, s11, 1, full(s11), 'submitted');
  addSheet(e1.id, s11, 2, 2, 'draft');
  addSheet(e1.id, sorted[3] as Oracle['dossiers'][number], 1, 1, 'draft');
  const t = listOf(oracle(), e3.id)[1] as Oracle['dossiers'][number];
  addSheet(e3.id, t, 1, full(t), 'submitted');
});

afterAll(() => {
  db?.close();
  host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the expert list and previous/next (indexed, one expert at a time)', () => {
  it('lists every dossier of the expert’s groups in packet-number order (ties by id, byte order), with recusal and current sheet', () => {
    const o = oracle();
    for (const e of o.experts) {
      const rows = listAssigned(db, { sessionId, expertId: e.id });
      expect(rows.map((r) => r.dossierId)).toEqual(listOf(o, e.id).map((d) => d.id));
      for (const r of rows) {
        expect(r.recusal !== null).toBe(o.confirmed.has(k(e.id, r.dossierId)));
        expect(r.sheetStatus).toBe(o.sheets.get(k(e.id, r.dossierId))?.status ?? null);
      }
    }
    const e1 = o.experts[0]?.id as string;
    expect(listAssigned(db, { sessionId, expertId: e1 }).length).toBe(listOf(o, e1).length);
    expect(new Set(listOf(o, e1).map((d) => d.groupId)).size).toBe(2);
  });

  it('finds previous and next around every dossier exactly as the full list would, skipping confirmed recusals only', () => {
    const o = oracle();
    let checked = 0;
    for (const e of o.experts) {
      const open = listOf(o, e.id).filter((d) => !o.confirmed.has(k(e.id, d.id)));
      open.forEach((d, i) => {
        expect(assignedNeighbours(db, { sessionId, expertId: e.id, dossierId: d.id })).toEqual({ prev: open[i - 1]?.id ?? null, next: open[i + 1]?.id ?? null });
        checked += 1;
      });
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('reads only the current version’s scores for the list totals', () => {
    const o = oracle();
    const e1 = o.experts[0]?.id as string;
    const got = new Map<string, Record<string, number>>();
    for (const r of currentScoresOfExpert(db, sessionId, e1)) got.set(r.dossierId, { ...got.get(r.dossierId), [r.itemId]: r.value });
    const want = new Map([...o.sheets].filter(([key, s]) => key.startsWith(`${e1}/`) && s.items > 0).map(([key, s]) => [key.slice(e1.length + 1), s.scores]));
    expect(got).toEqual(want);
  });

  it('prepares each statement once per connection', () => {
    const e1 = oracle().experts[0]?.id as string;
    listAssigned(db, { sessionId, expertId: e1 });
    const n = preparedCount(db);
    for (let i = 0; i < 3; i++) listAssigned(db, { sessionId, expertId: e1 });
    expect(preparedCount(db)).toBe(n);
  });
});

describe('standards parsed once per stored text', () => {
  it('shares one frozen parse while the text is unchanged, and parses again when an update changes it', () => {
    const id = (listStandards(db, sessionId)[0] as { id: string }).id;
    const a = getStandard(db, sessionId, id);
    expect(getStandard(db, sessionId, id)).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a?.items[0])).toBe(true);
    const json = (db.prepare('SELECT doc_json AS j FROM standard WHERE session_id = ? AND id = ?').get(sessionId, id) as { j: string }).j;
    const changed = { ...(JSON.parse(json) as object), name: 'renamed by an update' };
    db.prepare('UPDATE standard SET doc_json = ? WHERE session_id = ? AND id = ?').run(JSON.stringify(changed), sessionId, id);
    try {
      expect(getStandard(db, sessionId, id)?.name).toBe('renamed by an update');
    } finally {
      db.prepare('UPDATE standard SET doc_json = ? WHERE session_id = ? AND id = ?').run(json, sessionId, id);
    }
  });
});

describe('getScoringProgress as aggregate SQL', () => {
  it('gives the same counts as the expert x dossier loop, per expert and per group', async () => {
    const o = oracle();
    const prog: ScoringProgress = await ok(host, 'getScoringProgress', { sessionId });
    const want = naiveProgress(o);
    for (const r of prog.experts) {
      const w = want.get(r.expertId);
      expect({ assigned: r.assigned, scored: r.scored, submitted: r.submitted, recused: r.recused }).toEqual(w);
      expect(r.remaining).toBe((w?.assigned ?? 0) - (w?.submitted ?? 0));
    }
    expect(prog.experts.map((r) => r.expertId).sort()).toEqual(o.experts.map((e) => e.id).sort());
    const e1 = want.get(o.experts[0]?.id as string);
    // The states set up above: 2 drafts (1 complete), 2 submitted (one now an incomplete v2 draft), 1 on a recused dossier.
    expect(e1).toMatchObject({ recused: 5, submitted: 1, scored: 2 });
    for (const g of prog.groups) {
      const members = o.experts.filter((e) => e.groups.includes(g.groupId));
      const ds = o.dossiers.filter((d) => d.groupId === g.groupId);
      const pairs = members.flatMap((e) => ds.map((d) => ({ e, d })));
      const rec = pairs.filter(({ e, d }) => o.confirmed.has(k(e.id, d.id))).length;
      const sub = pairs.filter(({ e, d }) => !o.confirmed.has(k(e.id, d.id)) && o.sheets.get(k(e.id, d.id))?.status === 'submitted').length;
      expect(g).toMatchObject({ dossiers: ds.length, sheetsExpected: pairs.length - rec, submitted: sub, recused: rec, remaining: pairs.length - rec - sub });
    }
  });
});
