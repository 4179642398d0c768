// The audit log as people check and read it: the chain and its signed anchors verified (checkAuditAnchors),
// checkpoints made on demand, and the log filtered and paged in SQL with names resolved.
import { positionProblem, findFirstBrokenLink, type AuditPosition, type CheckpointPayload } from '../../../shared/audit';
import { SHEET_PAYLOAD_TYPE } from '../../../shared/bundle/sheets';
import { verifyDsse } from '../../../shared/crypto/dsse';
import { fingerprintOf } from '../../../shared/crypto/keyid';
import { AppError } from '../../../shared/errors';
import { utf8Decode } from '../../../shared/text';
import type {
  AuditAnchorIssue,
  AuditCheckpointView,
  AuditEventView,
  AuditFilterOptions,
  AuditIntegrity,
  AuditPage,
  AuditPerson,
  AuditQuery,
} from '../../../shared/types';
import {
  auditKindsOf,
  keyCreationSeqs,
  listAuditChain,
  listCheckpoints,
  listSignedSheets,
  mergedSheetKeys,
  queryAuditEvents,
  type AuditEventRow,
} from '../db/queries/audit';
import { deskKeyById } from '../db/queries/desk-keys';
import { listDossiers } from '../db/queries/dossiers';
import { getExpertKey } from '../db/queries/keys';
import { listExperts } from '../db/queries/roster';
import type { Ctx } from '../context';
import { openCheckpoint, signCheckpoint } from './audit-checkpoints';
import { checkDeskPassphrase } from './desk';
import { unlockDeskKey } from './desk-keys';
import { unlockSecretKey } from './identity';
import { requireSession } from './sessions';

const hexBytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

function expertNames(ctx: Ctx): Map<string, string> {
  const rows = ctx.db.prepare('SELECT session_id AS s, id, name FROM expert').all() as Array<{ s: string; id: string; name: string }>;
  return new Map(rows.map((r) => [`${r.s}|${r.id}`, r.name]));
}

/**
 * Recomputes the hash chain and checks every signed anchor against it:
 * - each checkpoint's signature, under a key whose creation is recorded on the chain before it, and that
 *   the chain still has that head at that position (a rewrite or a cut below it is found);
 * - each signed score sheet's head at its position (sheets merged from an expert's own laptop carry the
 *   head of that laptop's chain and are counted apart).
 * What it cannot prove is in docs/audit-log.md: entries after the latest checkpoint can be rewritten by
 * anyone holding the database file.
 */
export function checkAuditAnchors(ctx: Ctx, sessionId: string): AuditIntegrity {
  requireSession(ctx, sessionId);
  const rows = listAuditChain(ctx.db);
  const broken = findFirstBrokenLink(rows);
  const names = expertNames(ctx);
  const created = keyCreationSeqs(ctx.db);
  const problems: AuditAnchorIssue[] = [];
  const person = (role: string, s: string | null, expertId: string | null): AuditPerson => ({ role, expertId, name: expertId ? (names.get(`${s ?? ''}|${expertId}`) ?? null) : null });

  const signers: AuditCheckpointView[] = [];
  let valid = 0;
  let coveredTo = 0;
  const checkpoints = listCheckpoints(ctx.db);
  for (const c of checkpoints) {
    const signer = person(c.role, c.sessionId, c.expertId);
    const issue = (problem: AuditAnchorIssue['problem']) =>
      problems.push({ source: 'checkpoint', count: c.count, head: c.head, problem, signer, dossierId: null, dossierName: null, version: null, at: c.at });
    const publicKey = c.role === 'chair' ? (c.sessionId && c.expertId ? getExpertKey(ctx.db, c.sessionId, c.expertId) : null)?.publicKey : deskKeyById(ctx.db, c.keyid)?.publicKey;
    if (!publicKey) {
      issue('unknown_key');
      continue;
    }
    const opened = openCheckpoint(c.envelopeJson, c.keyid, hexBytes(publicKey));
    // The signed payload, not the row's copy, says where the anchor is.
    const signed: CheckpointPayload | null = opened.ok ? opened.payload : null;
    if (!signed || signed.count !== c.count || signed.head !== c.head || signed.keyid !== c.keyid || signed.role !== c.role) {
      issue('bad_signature');
      continue;
    }
    const keySeq = created.get(c.keyid);
    if (keySeq === undefined || keySeq > c.count) {
      issue('key_not_recorded');
      continue;
    }
    const p = positionProblem(rows, signed);
    if (p) {
      issue(p);
      continue;
    }
    valid++;
    coveredTo = Math.max(coveredTo, signed.count);
    signers.push({ count: signed.count, head: signed.head, signer, fingerprint: fingerprintOf(c.keyid), at: signed.at });
  }

  const merged = mergedSheetKeys(ctx.db);
  const hashAt = new Map(rows.map((r) => [r.hash, r.seq]));
  let onChain = 0;
  let otherDesk = 0;
  const sheets = listSignedSheets(ctx.db);
  for (const s of sheets) {
    const signer: AuditPerson = { role: 'expert', expertId: s.expertId, name: s.expertName };
    const base = { source: 'sheet' as const, signer, dossierId: s.dossierId, dossierName: s.dossierName, version: s.version };
    const v = s.publicKey ? verifyDsse(JSON.parse(s.envelopeJson), SHEET_PAYLOAD_TYPE, [{ keyid: s.keyid, publicKey: hexBytes(s.publicKey) }]) : null;
    if (!v || !v.ok) {
      problems.push({ ...base, count: 0, head: '', problem: v ? 'bad_signature' : 'unknown_key', at: '' });
      continue;
    }
    const payload = JSON.parse(utf8Decode(v.payload)) as { auditHead: string; auditCount?: number; signedAt: string };
    // Sheets signed before counts were recorded: the head alone, wherever it is on the chain.
    const pos: AuditPosition = { head: payload.auditHead, count: payload.auditCount ?? hashAt.get(payload.auditHead) ?? 0 };
    const p = positionProblem(rows, pos);
    if (!p) {
      onChain++;
      continue;
    }
    if (merged.has(`${s.sessionId}|${s.expertId}|${s.dossierId}@${s.version}`)) {
      otherDesk++;
      continue;
    }
    problems.push({ ...base, count: pos.count, head: pos.head, problem: p, at: payload.signedAt });
  }

  signers.sort((a, b) => a.count - b.count);
  return {
    entries: rows.length,
    head: rows.at(-1)?.hash ?? '0'.repeat(64),
    chain: { ok: broken === null, firstBrokenLink: broken },
    checkpoints: { total: checkpoints.length, valid, latest: signers.at(-1) ?? null, signers },
    sheets: { total: sheets.length, onChain, otherDesk },
    problems,
    uncovered: rows.length - coveredTo,
    ok: broken === null && problems.length === 0,
    checkedAt: new Date().toISOString(),
  };
}

/** "Checkpoint now": the signed-in secretary, examiner or chair signs the chain as it stands. */
export function checkpointNow(ctx: Ctx, a: { passphrase: string }): AuditCheckpointView {
  const { role, sessionId, expertId } = ctx.caller;
  if (role === 'chair' && sessionId && expertId) {
    const { secretKey, key } = unlockSecretKey(ctx, sessionId, expertId, a.passphrase);
    try {
      const p = signCheckpoint(ctx, { role: 'chair', sessionId, expertId, keyid: key.keyid }, secretKey);
      return { count: p.count, head: p.head, signer: { role, expertId, name: listExperts(ctx.db, sessionId).find((e) => e.id === expertId)?.name ?? null }, fingerprint: fingerprintOf(key.keyid), at: p.at };
    } finally {
      secretKey.fill(0);
    }
  }
  if (role !== 'secretary' && role !== 'examiner') throw new AppError('CONTRACT_FORBIDDEN', `${role} cannot sign a checkpoint`, { field: 'role', role });
  checkDeskPassphrase(ctx, a.passphrase, role);
  const { secretKey, key } = unlockDeskKey(ctx, role, a.passphrase);
  try {
    const p = signCheckpoint(ctx, { role, sessionId: null, expertId: null, keyid: key.keyid }, secretKey);
    return { count: p.count, head: p.head, signer: { role, expertId: null, name: null }, fingerprint: fingerprintOf(key.keyid), at: p.at };
  } finally {
    secretKey.fill(0);
  }
}

/** Payload fields shown to people. Anything else (a score value, a recommendation) stays in the chain only. */
const SHOWN = ['reason', 'present', 'version', 'from', 'to', 'source', 'failures', 'role', 'as', 'keyid', 'count', 'head', 'bundleVersion', 'dossiers', 'experts', 'sheets', 'skippedRows', 'label', 'required', 'opinionChars', 'itemId'] as const;

function detailsOf(kind: string, payload: unknown): AuditEventView['details'] {
  const out: AuditEventView['details'] = {};
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return out;
  const p = payload as Record<string, unknown>;
  for (const k of SHOWN) {
    const v = p[k];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) out[k] = k === 'keyid' && typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? fingerprintOf(v) : v;
    else if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      // Counts per category ({added, removed, changed}).
      const counts = Object.entries(v as Record<string, unknown>).filter(([, n]) => typeof n === 'number');
      out[k] = counts.map(([name, n]) => `${name}:${String(n)}`).join(' ');
    }
  }
  if (kind === 'sheets.merged') {
    out.merged = Array.isArray(p.merged) ? p.merged.length : 0;
    out.conflicts = Array.isArray(p.conflicts) ? p.conflicts.length : 0;
  }
  if (kind === 'session.updated' && Array.isArray(p.rescore)) out.rescore = p.rescore.length;
  return out;
}

function viewOf(r: AuditEventRow): AuditEventView {
  const role = r.actor.includes(':') ? r.actor.slice(0, r.actor.indexOf(':')) : r.actor;
  return {
    seq: r.seq,
    at: r.at,
    kind: r.kind,
    actor: { role, expertId: r.actorExpert, name: r.actorName },
    subject: { expertId: r.subjectExpert, expertName: r.subjectName, dossierId: r.subjectDossier, dossierName: r.dossierName, packetNo: r.packetNo },
    details: detailsOf(r.kind, JSON.parse(r.payloadJson)),
    hash: r.hash,
  };
}

export const AUDIT_PAGE_MAX = 500;

export function listAuditEvents(ctx: Ctx, q: AuditQuery): AuditPage {
  requireSession(ctx, q.sessionId);
  const limit = Math.min(q.limit ?? 100, AUDIT_PAGE_MAX);
  const { total, rows } = queryAuditEvents(ctx.db, { ...q, limit });
  return { total, offset: q.offset ?? 0, rows: rows.map(viewOf) };
}

/** Every matching entry, page by page (export and print), oldest first. */
export function* allAuditEvents(ctx: Ctx, q: AuditQuery): Generator<AuditEventView> {
  for (let offset = 0; ; offset += AUDIT_PAGE_MAX) {
    const { rows } = queryAuditEvents(ctx.db, { ...q, order: 'asc', offset, limit: AUDIT_PAGE_MAX });
    for (const r of rows) yield viewOf(r);
    if (rows.length < AUDIT_PAGE_MAX) return;
  }
}

export function auditFilterOptions(ctx: Ctx, sessionId: string): AuditFilterOptions {
  requireSession(ctx, sessionId);
  return {
    kinds: auditKindsOf(ctx.db, sessionId),
    people: listExperts(ctx.db, sessionId).map((e) => ({ id: e.id, name: e.name, role: e.role })),
    dossiers: listDossiers(ctx.db, { sessionId }).map((d) => ({ id: d.id, name: d.name, packetNo: d.packetNo })),
  };
}
