// The operations the crash driver performs through the backend, as a table. Each one picks its
// arguments from what the database holds, calls the contract, and for every write says what must be
// true after a crash once the backend acknowledged it (a Check). Ballots and the result bundle do not
// exist yet: when they land, they join this table as `castBallot` and `exportResultBundle` rows.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { intBetween, pick, type Rng } from '../../electron/backend/demo/prng';
import type { Result } from '../../shared/errors';
import type { ImportReport, MergePreview, SubmitReceipt } from '../../shared/types';
import { PASS, type Snapshot, type World } from './world';

/** Null when it holds, otherwise what is wrong. */
export type Check = (db: Database.Database) => string | null;

export type Principal = { role: 'secretary' } | { role: 'expert'; sessionId: string; expertId: string };

export interface Driver {
  /** A call whose effect is not checked (reads, sign-in). Rejects when the backend dies meanwhile. */
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /**
   * A write: once acknowledged, `expect(value)` must hold after any later crash (until a later write to
   * the same key). While unacknowledged, `expect(undefined)` (or, if null, anything) may hold instead.
   */
  write(key: string, method: string, input: unknown, expect: (value: unknown) => Check | null): Promise<Result<unknown>>;
  /** Signs in as an expert, or the secretary (passphrase asked again), when not already. */
  as(who: Principal): Promise<void>;
  /** A one-use file token for `file` from the backend's own host, as the open/save dialog would give. */
  grant(file: string, purpose: 'open' | 'save'): Promise<string>;
  /** A fresh file name in the exports folder. */
  exportPath(name: string): string;
}

export type Plan = (d: Driver) => Promise<void>;

export interface Operation {
  name: string;
  weight: number;
  /** A plan for this state, or null when the operation does not apply now. */
  plan(world: World, snap: Snapshot, rng: Rng): Plan | null;
}

const one = <T>(db: Database.Database, sql: string, ...args: unknown[]): T | undefined => db.prepare(sql).get(...args) as T | undefined;

const CURRENT_SHEET = 'SELECT version, status, opinion FROM score_sheet WHERE session_id = ? AND dossier_id = ? AND expert_id = ? ORDER BY version DESC LIMIT 1';

function scoreCheck(s: string, d: string, e: string, itemId: string, value: number): Check {
  return (db) => {
    const cur = one<{ version: number }>(db, CURRENT_SHEET, s, d, e);
    const row = cur ? one<{ value: number }>(db, 'SELECT value FROM score_item WHERE session_id = ? AND dossier_id = ? AND expert_id = ? AND version = ? AND item_id = ?', s, d, e, cur.version, itemId) : undefined;
    return row?.value === value ? null : `score ${s}/${d}/${e}/${itemId}: expected ${value}, found ${row?.value ?? 'nothing'}`;
  };
}

function fileCheck(file: string, magic: string, bytes?: number): Check {
  return () => {
    let buf: Buffer;
    try {
      buf = fs.readFileSync(file);
    } catch {
      return `exported file ${path.basename(file)} is missing`;
    }
    if (bytes !== undefined && buf.length !== bytes) return `exported file ${path.basename(file)} has ${buf.length} bytes, acknowledged ${bytes}`;
    return buf.subarray(0, magic.length).toString('latin1') === magic ? null : `exported file ${path.basename(file)} does not start with ${JSON.stringify(magic)}`;
  };
}

function scoreValue(rng: Rng, item: Snapshot['work'][number]['items'][number]): number {
  return item.bands?.length ? pick(rng, item.bands).score : intBetween(rng, 0, item.max);
}

export const OPERATIONS: readonly Operation[] = [
  {
    name: 'saveScore',
    weight: 30,
    plan(_w, snap, rng) {
      const open = snap.work.filter((x) => !x.submitted);
      if (open.length === 0) return null;
      const w = pick(rng, open);
      const item = pick(rng, w.items);
      const value = scoreValue(rng, item);
      return async (d) => {
        await d.as({ role: 'expert', sessionId: w.sessionId, expertId: w.expertId });
        const input = { sessionId: w.sessionId, dossierId: w.dossierId, itemId: item.id, value };
        await d.write(`score:${w.sessionId}/${w.dossierId}/${w.expertId}/${item.id}`, 'saveScore', input, () => scoreCheck(w.sessionId, w.dossierId, w.expertId, item.id, value));
      };
    },
  },
  {
    name: 'saveOpinion',
    weight: 10,
    plan(_w, snap, rng) {
      const open = snap.work.filter((x) => !x.submitted);
      if (open.length === 0) return null;
      const w = pick(rng, open);
      const opinion = `评议意见 ${Math.floor(rng() * 1e9).toString(36)}：业绩突出，同意推荐。`;
      const recommendation = pick(rng, ['agree', 'disagree', 'abstain'] as const);
      return async (d) => {
        await d.as({ role: 'expert', sessionId: w.sessionId, expertId: w.expertId });
        await d.write(`opinion:${w.sessionId}/${w.dossierId}/${w.expertId}`, 'saveOpinion', { sessionId: w.sessionId, dossierId: w.dossierId, opinion, recommendation }, () => (db) => {
          const cur = one<{ opinion: string }>(db, CURRENT_SHEET, w.sessionId, w.dossierId, w.expertId);
          return cur?.opinion === opinion ? null : `opinion ${w.sessionId}/${w.dossierId}/${w.expertId}: acknowledged text missing`;
        });
      };
    },
  },
  {
    // Fills what is missing, then signs: each save is its own acknowledged write.
    name: 'submitSheet',
    weight: 6,
    plan(_w, snap, rng) {
      const open = snap.work.filter((x) => !x.submitted);
      if (open.length === 0) return null;
      const w = pick(rng, open);
      const fill = w.items.filter((it) => !w.scored.has(it.id)).map((it) => ({ it, value: scoreValue(rng, it) }));
      return async (d) => {
        await d.as({ role: 'expert', sessionId: w.sessionId, expertId: w.expertId });
        for (const { it, value } of fill) {
          const r = await d.write(`score:${w.sessionId}/${w.dossierId}/${w.expertId}/${it.id}`, 'saveScore', { sessionId: w.sessionId, dossierId: w.dossierId, itemId: it.id, value }, () =>
            scoreCheck(w.sessionId, w.dossierId, w.expertId, it.id, value),
          );
          if (!r.ok) return;
        }
        await d.write(`submitted:${w.sessionId}/${w.dossierId}/${w.expertId}`, 'submitSheet', { sessionId: w.sessionId, dossierId: w.dossierId, passphrase: PASS }, (v) => {
          if (v === undefined) return null;
          const { version } = v as SubmitReceipt;
          return (db) =>
            one(db, "SELECT 1 FROM score_sheet WHERE session_id = ? AND dossier_id = ? AND expert_id = ? AND version = ? AND status = 'submitted' AND envelope_json IS NOT NULL", w.sessionId, w.dossierId, w.expertId, version)
              ? null
              : `signed sheet ${w.sessionId}/${w.dossierId}/${w.expertId} v${version} missing`;
        });
      };
    },
  },
  {
    // The enrolment ceremony, run by the secretary: open it, the expert types the passphrase (the key is
    // made), the secretary confirms the fingerprint read aloud. A ceremony a kill cut short after the key
    // was made is finished by opening a new one and confirming that key.
    name: 'enrollExpert',
    weight: 5,
    plan(_w, snap, rng) {
      const fresh = [...snap.members].flatMap(([s, ids]) =>
        ids.filter((e) => !snap.enrolled.some((k) => k.sessionId === s && k.expertId === e) && !snap.unconfirmed.some((k) => k.sessionId === s && k.expertId === e)).map((e) => ({ s, e, keyid: null as string | null })),
      );
      const pending = snap.unconfirmed.map((k) => ({ s: k.sessionId, e: k.expertId, keyid: k.keyid as string | null }));
      const candidates = [...fresh, ...pending];
      if (candidates.length === 0) return null;
      const { s, e, keyid: pendingKeyid } = pick(rng, candidates);
      const live = (db: Database.Database): string | null => (one(db, 'SELECT 1 FROM expert_key WHERE session_id = ? AND expert_id = ? AND revoked_at IS NULL', s, e) ? null : `enrolled key of ${s}/${e} missing`);
      return async (d) => {
        await d.as({ role: 'secretary' });
        const opened = await d.call('openEnrolment', { sessionId: s, expertId: e });
        // Confirmed meanwhile (the same expert picked twice in a round from one snapshot): a refusal.
        if (!opened.ok && opened.error.code === 'AUTH_KEY_EXISTS') return;
        if (!opened.ok) throw new Error(`openEnrolment refused: ${opened.error.code}`);
        let keyid = pendingKeyid;
        if (keyid === null) {
          const r = await d.write(`key:${s}/${e}`, 'enrollExpert', { sessionId: s, expertId: e, passphrase: PASS }, () => live);
          if (!r.ok) return;
          keyid = (r.value as { keyid: string }).keyid;
        }
        const confirmed = keyid;
        await d.write(`key:${s}/${e}`, 'confirmExpertKey', { sessionId: s, expertId: e, keyid: confirmed }, (v) =>
          v === undefined
            ? live
            : (db) => (one(db, 'SELECT 1 FROM expert_key WHERE session_id = ? AND expert_id = ? AND keyid = ? AND revoked_at IS NULL AND confirmed_at IS NOT NULL', s, e, confirmed) ? null : `confirmed key ${confirmed.slice(0, 12)}… of ${s}/${e} missing`),
        );
      };
    },
  },
  {
    // Generated demo sessions, every other one age-encrypted (decrypted into the data folder first).
    name: 'importBundle',
    weight: 12,
    plan(w, snap) {
      const next = w.importable.find((b) => !snap.sessions.some((s) => s.id === b.sessionId));
      if (!next) return null;
      return async (d) => {
        await d.as({ role: 'secretary' });
        const input = next.passphrase ? { path: next.file, passphrase: next.passphrase } : { path: next.file };
        await d.write(`session:${next.sessionId}`, 'runImport', input, (v) => {
          if (v === undefined) return null;
          const report = v as ImportReport;
          return (db) => {
            const n = one<{ n: number }>(db, 'SELECT count(*) AS n FROM dossier WHERE session_id = ?', report.sessionId)?.n ?? 0;
            return n === next.dossiers ? null : `imported session ${report.sessionId}: ${n} of ${next.dossiers} dossiers`;
          };
        });
      };
    },
  },
  {
    // Preview, then apply exactly the previewed version 2 of the demo.
    name: 'applyUpdate',
    weight: 3,
    plan(w, snap) {
      const demo = snap.sessions.find((s) => s.id === w.demoSessionId);
      if (!demo || demo.version !== 1) return null;
      return async (d) => {
        await d.as({ role: 'secretary' });
        const preview = await d.call('runImport', { path: w.demoUpdate.file });
        if (!preview.ok) throw new Error(`update preview refused: ${preview.error.code}`);
        const update = (preview.value as ImportReport).update;
        if (!update) throw new Error('update preview without changes');
        await d.write(`update:${w.demoSessionId}`, 'runImport', { path: w.demoUpdate.file, applyUpdate: { bundleHash: update.bundleHash } }, (v) =>
          v === undefined
            ? null
            : (db) => {
                const s = one<{ v: number; name: string }>(db, 'SELECT bundle_version AS v, name FROM session WHERE id = ?', w.demoSessionId);
                return s?.v === 2 && s.name === w.demoUpdate.name ? null : `applied update missing: version ${s?.v ?? '-'}`;
              },
        );
      };
    },
  },
  {
    name: 'exportExpertPackage',
    weight: 5,
    plan(_w, snap, rng) {
      const withMembers = [...snap.members].filter(([, ids]) => ids.length > 0);
      if (withMembers.length === 0) return null;
      const [sessionId, ids] = pick(rng, withMembers);
      const e = pick(rng, ids);
      return async (d) => {
        await d.as({ role: 'secretary' });
        const file = d.exportPath('package.pdbundle.age');
        const token = await d.grant(file, 'save');
        await d.write(`file:${file}`, 'exportExpertPackage', { sessionId, expertId: e, path: token, passphrase: 'crash package pass' }, (v) =>
          v === undefined ? null : fileCheck(file, 'age-encryption.org/v1', (v as { bytes: number }).bytes),
        );
      };
    },
  },
  {
    name: 'exportSheetBundle',
    weight: 5,
    plan(_w, snap, rng) {
      if (snap.enrolled.length === 0) return null;
      const k = pick(rng, snap.enrolled);
      return async (d) => {
        await d.as({ role: 'expert', sessionId: k.sessionId, expertId: k.expertId });
        const file = d.exportPath('sheets.pdsheets');
        const token = await d.grant(file, 'save');
        await d.write(`file:${file}`, 'exportSheetBundle', { sessionId: k.sessionId, path: token, passphrase: PASS }, (v) => (v === undefined ? null : fileCheck(file, 'PK\x03\x04')));
      };
    },
  },
  {
    // The offline expert's signed sheets, merged after confirming the key's fingerprint.
    name: 'mergeSheets',
    weight: 5,
    plan(w, snap) {
      if (!snap.sessions.some((s) => s.id === w.demoSessionId)) return null;
      const sessionId = w.demoSessionId;
      const { file, expertId, keyid } = w.sheetBundle;
      return async (d) => {
        await d.as({ role: 'secretary' });
        const p = await d.call('previewSheetMerge', { sessionId, path: await d.grant(file, 'open') });
        if (!p.ok) throw new Error(`merge preview refused: ${p.error.code}`);
        const preview = p.value as MergePreview;
        // The preview consumed its token; the renewed one is what the renderer would send next.
        const renewed = (p as { renewed?: Record<string, string> }).renewed?.path;
        if (!renewed) throw new Error('merge preview answered no renewed file token');
        await d.write(`merge:${sessionId}/${expertId}`, 'applySheetMerge', { sessionId, path: renewed, bundleHash: preview.bundleHash, acceptKeyid: keyid }, (v) => {
          if (v === undefined) return null;
          const merged = (v as MergePreview).sheets.filter((s) => s.status !== 'conflict');
          return (db) => {
            for (const s of merged) {
              if (!one(db, "SELECT 1 FROM score_sheet WHERE session_id = ? AND dossier_id = ? AND expert_id = ? AND version = ? AND status = 'submitted'", sessionId, s.dossierId, expertId, s.version)) {
                return `merged sheet ${s.dossierId}@${s.version} of ${expertId} missing`;
              }
            }
            return null;
          };
        });
      };
    },
  },
];

export function pickOperation(rng: Rng): Operation {
  const total = OPERATIONS.reduce((n, o) => n + o.weight, 0);
  let x = rng() * total;
  for (const o of OPERATIONS) {
    x -= o.weight;
    if (x < 0) return o;
  }
  return OPERATIONS[OPERATIONS.length - 1] as Operation;
}
