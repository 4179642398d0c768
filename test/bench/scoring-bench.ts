// Sections 2 and 3: saving a score and opening the next score sheet, in-process and over the browser test
// host's HTTP, against bare SQLite and the plain dossier read measured in the same run.
import type { MethodName, MethodOutput } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { StandardDoc } from '../../shared/bundle/schema';
import { createHost } from '../../electron/backend/host';
import { RESOURCES } from '../fixtures/demo-host';
import { startTestHost } from '../e2e/host/server';
import { openSqliteRef, type SqliteRef } from './sqlite-ref';
import { fmtMs, mkTmp, printTable, rmTmp, round, summarize, type Latency } from './stats';

const PASS = 'bench passphrase 1';
export const SAVES = 500;
export const OPEN_ROUNDS = 10;

/** Calls a contract method and returns its value; throws on an error answer (the figures would mean nothing). */
type Call = <M extends MethodName>(method: M, input: unknown) => Promise<MethodOutput<M>>;

function unwrap<M extends MethodName>(method: M, r: Result<unknown>): MethodOutput<M> {
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as MethodOutput<M>;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

interface Scorer {
  sessionId: string;
  expertId: string;
  enrollMs: number;
  signInMs: number;
  /** The expert's open dossiers, in list order, with their standard. */
  sheets: Array<{ dossierId: string; standard: StandardDoc }>;
}

/** Opens the demo, enrolls and signs in its first member (who must have dossiers to score). */
async function signInScorer(call: Call): Promise<Scorer> {
  const { sessionId } = await call('openDemo', {});
  const experts = await call('listExperts', { sessionId });
  const expert = experts.find((e) => e.role === 'member');
  if (!expert) throw new Error('the demo has no member');
  const enrollMs = await timed(() => call('enrollExpert', { sessionId, expertId: expert.id, passphrase: PASS }));
  const signInMs = await timed(() => call('signIn', { sessionId, expertId: expert.id, passphrase: PASS, as: 'expert' }));
  const mine = (await call('listMyDossiers', { sessionId })).filter((r) => r.status !== 'recused');
  if (mine.length === 0) throw new Error(`${expert.id} has no dossier to score`);
  const sheets = [];
  for (const r of mine) sheets.push({ dossierId: r.dossierId, standard: (await call('getScoreSheet', { sessionId, dossierId: r.dossierId })).standard });
  return { sessionId, expertId: expert.id, enrollMs, signInMs, sheets };
}

/** The i-th save: cycles through dossiers and items with valid, changing values (band scores on banded items). */
function saveInput(s: Scorer, i: number): { sessionId: string; dossierId: string; itemId: string; value: number } {
  const sheet = s.sheets[i % s.sheets.length] as Scorer['sheets'][number];
  const items = sheet.standard.items;
  const item = items[Math.floor(i / s.sheets.length) % items.length] as StandardDoc['items'][number];
  const bands = item.bands ?? [];
  const value = bands.length > 0 ? (bands[i % bands.length] as { score: number }).score : (i * 37) % (item.max + 1);
  return { sessionId: s.sessionId, dossierId: sheet.dossierId, itemId: item.id, value };
}

/** Each save is paired with a reference upsert right before it, so both see the same machine load. */
async function timeSaves(call: Call, s: Scorer, ref: SqliteRef): Promise<{ save: Latency; sqlite: Latency }> {
  const save: number[] = [];
  const sqlite: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    sqlite.push(ref.save(i));
    save.push(await timed(() => call('saveScore', saveInput(s, i))));
  }
  return { save: summarize(save), sqlite: summarize(sqlite) };
}

/**
 * Walks the expert's list with nextDossierId; each step also times the plain getDossier of the same id
 * and listMyDossiers (the list getScoreSheet recomputes to find prev/next), to show where the time goes.
 */
async function timeOpenNext(call: Call, s: Scorer): Promise<{ sheet: Latency; dossier: Latency; list: Latency }> {
  const sheet: number[] = [];
  const dossier: number[] = [];
  const list: number[] = [];
  for (let round = 0; round < OPEN_ROUNDS; round++) {
    let id: string | null = s.sheets[0]?.dossierId ?? null;
    while (id) {
      const input = { sessionId: s.sessionId, dossierId: id };
      let next: string | null = null;
      sheet.push(await timed(async () => (next = (await call('getScoreSheet', input)).nextDossierId)));
      dossier.push(await timed(() => call('getDossier', input)));
      list.push(await timed(() => call('listMyDossiers', { sessionId: s.sessionId })));
      id = next;
    }
  }
  return { sheet: summarize(sheet), dossier: summarize(dossier), list: summarize(list) };
}

export interface PathFigures {
  enrollMs: number;
  signInMs: number;
  scryptLogN: number;
  dossiers: number;
  /** The reference upserts interleaved with this path's saves. */
  sqlite: Latency;
  save: Latency;
  openNext: Latency;
  getDossier: Latency;
  listMine: Latency;
}

export interface ScoringResults {
  inProcess: PathFigures;
  http: PathFigures;
}

async function measurePath(call: Call, scryptLogN: number): Promise<PathFigures> {
  const s = await signInScorer(call);
  const ref = openSqliteRef();
  let saves: { save: Latency; sqlite: Latency };
  try {
    saves = await timeSaves(call, s, ref);
  } finally {
    ref.close();
  }
  const open = await timeOpenNext(call, s);
  return {
    enrollMs: round(s.enrollMs, 1),
    signInMs: round(s.signInMs, 1),
    scryptLogN,
    dossiers: s.sheets.length,
    ...saves,
    openNext: open.sheet,
    getDossier: open.dossier,
    listMine: open.list,
  };
}

async function inProcess(): Promise<PathFigures> {
  const dataDir = mkTmp('score');
  const host = createHost({ dataDir, resourcesDir: RESOURCES, host: 'cli', appVersion: 'bench', scryptLogN: 10 });
  try {
    return await measurePath(async (m, input) => unwrap(m, await host.invoke(m, input)), 10);
  } finally {
    host.close();
    rmTmp(dataDir);
  }
}

/** What the renderer pays: JSON over HTTP on 127.0.0.1, with the app's default key cost (logN 17). */
async function overHttp(): Promise<PathFigures> {
  const dataDir = mkTmp('http');
  const rendererDir = mkTmp('renderer');
  const host = await startTestHost({ dataDir, resourcesDir: RESOURCES, rendererDir });
  const invokeUrl = new URL('/__paneldesk/invoke', host.url).href;
  try {
    const call: Call = async (m, input) => {
      const res = await fetch(invokeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-paneldesk-token': host.token },
        body: JSON.stringify({ method: m, input }),
      });
      return unwrap(m, (await res.json()) as Result<unknown>);
    };
    return await measurePath(call, 17);
  } finally {
    await host.close();
    rmTmp(dataDir);
    rmTmp(rendererDir);
  }
}

export async function benchScoring(): Promise<ScoringResults> {
  process.stdout.write('  in-process host…');
  const inProc = await inProcess();
  process.stdout.write(' HTTP test host…');
  const http = await overHttp();
  console.log(' done');
  return { inProcess: inProc, http };
}

const cols = (l: Latency): Array<string | number> => [l.n, fmtMs(l.p50), fmtMs(l.p95), fmtMs(l.max)];
const ratio = (a: Latency, b: Latency): string => `${(a.p50 / b.p50).toFixed(1)} / ${(a.p95 / b.p95).toFixed(1)}`;

export function printScoring(r: ScoringResults): void {
  const head = ['path', 'n', 'p50 ms', 'p95 ms', 'max ms', 'x ref p50 / p95'];
  printTable(`2. Score save round trip (${SAVES} saveScore calls; each paired with a bare SQLite upsert + COMMIT, WAL, synchronous=FULL)`, head, [
    ['sqlite upsert, paired (ref)', ...cols(r.inProcess.sqlite), '1.0 / 1.0'],
    ['saveScore, in-process', ...cols(r.inProcess.save), ratio(r.inProcess.save, r.inProcess.sqlite)],
    ['sqlite upsert, paired (ref)', ...cols(r.http.sqlite), '1.0 / 1.0'],
    ['saveScore, HTTP test host', ...cols(r.http.save), ratio(r.http.save, r.http.sqlite)],
  ]);
  printTable('   Key derivation (one call each)', ['call', 'scrypt logN', 'ms'], [
    ['enrollExpert, in-process', r.inProcess.scryptLogN, fmtMs(r.inProcess.enrollMs)],
    ['signIn, in-process', r.inProcess.scryptLogN, fmtMs(r.inProcess.signInMs)],
    ['enrollExpert, HTTP (app default)', r.http.scryptLogN, fmtMs(r.http.enrollMs)],
    ['signIn, HTTP (app default)', r.http.scryptLogN, fmtMs(r.http.signInMs)],
  ]);
  printTable(
    `3. Opening the next dossier (getScoreSheet via nextDossierId, ${r.inProcess.dossiers} dossiers x ${OPEN_ROUNDS} rounds; reference: getDossier)`,
    head,
    [
      ['getDossier, in-process (ref)', ...cols(r.inProcess.getDossier), '1.0 / 1.0'],
      ['getScoreSheet, in-process', ...cols(r.inProcess.openNext), ratio(r.inProcess.openNext, r.inProcess.getDossier)],
      ['(listMyDossiers, in-process)', ...cols(r.inProcess.listMine), ratio(r.inProcess.listMine, r.inProcess.getDossier)],
      ['getDossier, HTTP (ref)', ...cols(r.http.getDossier), '1.0 / 1.0'],
      ['getScoreSheet, HTTP', ...cols(r.http.openNext), ratio(r.http.openNext, r.http.getDossier)],
    ],
  );
}
