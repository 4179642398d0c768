// Result bundles (docs/bundle-format.md §12.5). Steps 1–2 are the shared container and manifest checks
// plus this kind's documents; then the roster's keys (3), every signature against the roster (4), the
// commitments (5), the rounds recounted (7) and their pass/fail (9) with shared/domain's tally, the audit chain
// against the signed heads (12) and the prints (13), attendance and quorum (6), aggregation (8); quotas and ties
// (10) and decisions (11) in result-quotas.ts and result-statements.ts.
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { z } from 'zod';
import { AppError } from '../errors';
import { AUDIT_GENESIS, CHECKPOINT_PAYLOAD_TYPE, auditHash, positionProblem } from '../audit';
import { BAG_INFO_TXT } from '../bundle/layout';
import { SESSION_DOCUMENTS, type SessionBundleContent, type SessionDocumentName } from '../bundle/schema';
import { SHEET_PAYLOAD_TYPE } from '../bundle/sheets';
import { parseStrictJson } from '../bundle/strict-json';
import { validateSessionDocuments } from '../bundle/validate';
import { fromBase64 } from '../crypto/base64';
import { pae } from '../crypto/dsse';
import { verifyEd25519 } from '../crypto/ed25519';
import { COMMITMENT_PAYLOAD_TYPE, RESULTS_PAYLOAD_TYPE } from '../meeting-types';
import { dossierRoundResult, electronicCounts, tallyBallots } from '../domain/ballots';
import { meetingQuorum, quorumNeeded, scoreForVote } from '../domain/rules';
import { BUNDLE_TYPE_RESULT, COUNT_REPORT_PAYLOAD_TYPE, EMBEDDED_SESSION_ENTRIES, OPTIONAL_RESULT_DOCUMENTS, PRINT_KINDS, RESULT_DOCS, RESULT_FOLDERS, RESULT_SEAL, RESULT_VERIFY_STEPS, SEAL_PAYLOAD_TYPE, SESSION_ATTACHMENT_DIR, SESSION_DIR, printEntry } from '../result-bundle/layout';
import { RESULT_DOCUMENT_SCHEMAS, SealPayloadDoc, type ResultDocumentName, type ResultHeaderDoc, type RosterDoc } from '../result-bundle/schema';
import { utf8Decode, utf8Encode } from '../text';
import type { BagKind, ReadBag } from './bag';
import { failureOf, pointerOf } from './failures';
import { notRun, stepOf, type VerifyFailure, type VerifyStep } from './report';
import { quotaSteps } from './result-quotas';
import { statementSteps } from './result-statements';
import type { TrustedKey } from './session';

export const RESULT_KIND: BagKind = {
  type: BUNDLE_TYPE_RESULT,
  documents: new Set([...Object.keys(RESULT_DOCUMENT_SCHEMAS), ...EMBEDDED_SESSION_ENTRIES]),
  attachmentDir: SESSION_ATTACHMENT_DIR,
  streamed: new Set(PRINT_KINDS.map(printEntry)),
  folders: RESULT_FOLDERS,
  signature: RESULT_SEAL,
};

type Docs = { [K in ResultDocumentName]: z.output<(typeof RESULT_DOCUMENT_SCHEMAS)[K]> } & { session: SessionBundleContent };
type Fail = (code: string, path: string, details?: VerifyFailure['details']) => void;

/** Step 2's result part: every document I-JSON and its schema, the embedded session, the header against bag-info.txt. */
function documents(bag: ReadBag, fail: Fail): Docs | null {
  const out: Partial<Record<ResultDocumentName, unknown>> = {};
  for (const name of Object.keys(RESULT_DOCUMENT_SCHEMAS) as ResultDocumentName[]) {
    const bytes = bag.documents.get(name);
    if (!bytes) {
      if (OPTIONAL_RESULT_DOCUMENTS.has(name)) out[name] = [];
      else fail('BUNDLE_FILE_MISSING', name);
      continue;
    }
    const json = parseStrictJson(bytes, { maxValues: 1_000_000 });
    if (!json.ok) {
      fail('RESULT_SCHEMA_INVALID', `${name}${pointerOf(json.path)}`, { reason: json.reason, offset: json.offset });
      continue;
    }
    const r = (RESULT_DOCUMENT_SCHEMAS[name] as z.ZodType).safeParse(json.value);
    if (!r.success) {
      const issue = r.error.issues[0];
      fail('RESULT_SCHEMA_INVALID', `${name}${pointerOf(issue?.path.map(String).join('.') ?? '')}`, { reason: issue?.message ?? 'invalid' });
      continue;
    }
    out[name] = r.data;
  }
  // The embedded session is checked by the importer's own rules, under its session bundle names.
  const session = new Map<string, Uint8Array>();
  for (const name of Object.keys(SESSION_DOCUMENTS) as SessionDocumentName[]) {
    const bytes = bag.documents.get(`${SESSION_DIR}${name.slice('data/'.length)}`);
    if (bytes) session.set(name, bytes);
  }
  let content: SessionBundleContent | null = null;
  try {
    content = validateSessionDocuments(session, bag.attachments, { sessionId: bag.sessionId, bundleVersion: bag.bundleVersion });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const f = failureOf(err);
    fail(f.code, f.path.replace(/^data\//, SESSION_DIR), f.details);
  }
  const header = out['data/result.json'] as ResultHeaderDoc | undefined;
  if (header) {
    const pairs: Array<[string, string]> = [
      ['Session-Id', header.sessionId],
      ['Bundle-Version', String(header.bundleVersion)],
      ['Statement-Version', String(header.statementVersion)],
    ];
    for (const [field, value] of pairs) if (bag.bagInfo.get(field) !== value) fail('RESULT_HEADER_MISMATCH', `${BAG_INFO_TXT}#${field}`, { expected: value, actual: bag.bagInfo.get(field) ?? null });
  }
  return content && Object.keys(out).length === Object.keys(RESULT_DOCUMENT_SCHEMAS).length ? ({ ...out, session: content } as Docs) : null;
}

/** keyid → public key of one expert's roster keys. */
function keysOf(roster: RosterDoc, expertId: string): Map<string, Uint8Array> {
  return new Map((roster.experts.find((e) => e.expertId === expertId)?.keys ?? []).map((k) => [k.keyid, hexToBytes(k.publicKey)]));
}

/** Step 3. */
function rosterKeys(bag: ReadBag, docs: Docs, trust: readonly TrustedKey[], fail: Fail): number {
  const roster = docs['data/roster.json'];
  const experts = new Set(docs.session.experts.map((e) => e.id));
  const seen = new Set<string>();
  let checked = 0;
  roster.experts.forEach((e, i) => {
    if (!experts.has(e.expertId)) fail('RESULT_ROSTER_UNKNOWN_EXPERT', `${RESULT_DOCS.roster}#/experts/${i}/expertId`, { actual: e.expertId });
    e.keys.forEach((k, j) => {
      checked++;
      const path = `${RESULT_DOCS.roster}#/experts/${i}/keys/${j}`;
      if (bytesToHex(sha256(hexToBytes(k.publicKey))) !== k.keyid) fail('RESULT_ROSTER_KEYID_MISMATCH', `${path}/keyid`, { actual: k.keyid });
      if (seen.has(k.keyid)) fail('RESULT_ROSTER_DUPLICATE_KEY', `${path}/keyid`, { actual: k.keyid });
      seen.add(k.keyid);
    });
  });
  const meeting = docs['data/meeting.json'];
  const officers: Array<[string, string | null]> = [['chair', docs['data/statements.json'].at(-1)?.signedBy ?? null], ['teller', meeting.tellerId], ['scrutineer', meeting.scrutineerId]];
  for (const [role, id] of officers) {
    if (id === null) continue;
    if (!experts.has(id)) fail('RESULT_ROSTER_UNKNOWN_EXPERT', RESULT_DOCS.meeting, { field: role, actual: id });
    if (keysOf(roster, id).size === 0) fail('RESULT_ROSTER_NO_KEY', RESULT_DOCS.roster, { field: role, actual: id });
  }
  if (trust.length > 0) {
    const chair = sealPayload(bag)?.signers.find((s) => s.role === 'chair');
    if (!chair || !trust.some((t) => t.keyid === chair.keyid)) fail('RESULT_UNTRUSTED_KEY', RESULT_SEAL, { actual: chair?.keyid ?? null });
  }
  return checked;
}

function sealPayload(bag: ReadBag): SealPayloadDoc | null {
  if (!bag.signature) return null;
  const env = parseStrictJson(bag.signature, { maxValues: 10_000 });
  const payload = env.ok ? fromBase64(String((env.value as { payload?: unknown }).payload ?? '')) : null;
  const json = payload ? parseStrictJson(payload, { maxValues: 10_000 }) : null;
  const r = json?.ok ? SealPayloadDoc.safeParse(json.value) : null;
  return r?.success ? r.data : null;
}

type Envelope = { payloadType: string; payload: string; signatures: Array<{ keyid: string; sig: string }> };

/** One envelope signed by `keyid`, a key of `keys`: type, canonical payload, signature. Returns the payload object. */
function checkEnvelope(env: Envelope, path: string, payloadType: string, keyid: string, keys: ReadonlyMap<string, Uint8Array>, fail: Fail): Record<string, unknown> | null {
  const body = fromBase64(env.payload);
  if (env.payloadType !== payloadType || !body) return void fail('RESULT_PAYLOAD_MISMATCH', path, { field: 'payloadType', expected: payloadType, actual: env.payloadType }), null;
  const key = keys.get(keyid);
  const sig = env.signatures.find((s) => s.keyid === keyid);
  if (!key || !sig) return void fail('RESULT_SIGNATURE_UNKNOWN_KEY', path, { actual: sig?.keyid ?? env.signatures[0]?.keyid ?? null }), null;
  const raw = fromBase64(sig.sig);
  if (!raw || !verifyEd25519(raw, pae(payloadType, body), key)) return void fail('RESULT_SIGNATURE_INVALID', path, { keyid }), null;
  const json = parseStrictJson(body, { maxValues: 100_000 });
  if (!json.ok || typeof json.value !== 'object' || json.value === null) return void fail('RESULT_PAYLOAD_MISMATCH', path, { reason: 'payload is not a JSON object' }), null;
  if (canonicalize(json.value) !== textOf(body)) fail('RESULT_PAYLOAD_NOT_CANONICAL', path);
  return json.value as Record<string, unknown>;
}

/** The payload's bytes as text, or null when they are not UTF-8 (then they cannot be a JCS form). */
function textOf(b: Uint8Array): string | null {
  try {
    return utf8Decode(b, true);
  } catch {
    return null;
  }
}

function fieldsDiffer(payload: Record<string, unknown>, want: Record<string, unknown>, path: string, fail: Fail): void {
  for (const [field, expected] of Object.entries(want)) {
    if (payload[field] !== expected) return void fail('RESULT_PAYLOAD_MISMATCH', path, { field, expected: String(expected), actual: String(payload[field]) });
  }
}

/** Step 4: the seal, then every envelope against the roster key of the person it names. */
function signatures(bag: ReadBag, docs: Docs, fail: Fail): number {
  const roster = docs['data/roster.json'];
  const header = docs['data/result.json'];
  const statements = docs['data/statements.json'];
  const meeting = docs['data/meeting.json'];
  let checked = 0;
  const seal = sealPayload(bag);
  const sealEnv = bag.signature ? parseStrictJson(bag.signature, { maxValues: 10_000 }) : null;
  if (!seal || !sealEnv?.ok) fail('RESULT_SEAL_MISSING', RESULT_SEAL);
  else {
    const latest = statements.at(-1);
    const want = { sessionId: bag.sessionId, bundleVersion: bag.bundleVersion, bundleHash: bag.bundleHash, statementVersion: header.statementVersion, statementSha256: latest?.payloadSha256, auditCount: header.auditCount, auditHead: header.auditHead };
    for (const [field, expected] of Object.entries(want)) if ((seal as Record<string, unknown>)[field] !== expected) fail('RESULT_SEAL_WRONG_BUNDLE', RESULT_SEAL, { field, expected: String(expected), actual: String((seal as Record<string, unknown>)[field]) });
    const required: Array<[string, string | null]> = [['chair', latest?.signedBy ?? null], ['teller', meeting.tellerId], ['scrutineer', meeting.scrutineerId]];
    for (const [role, id] of required) {
      if (id === null) continue;
      if (!seal.signers.some((s) => s.role === role && s.expertId === id)) fail('RESULT_SEAL_SIGNER_MISSING', RESULT_SEAL, { field: role, expected: id });
    }
    const env = sealEnv.value as Envelope;
    seal.signers.forEach((s, i) => {
      checked++;
      if (env.signatures[i]?.keyid !== s.keyid) return void fail('RESULT_SEAL_SIGNER_MISSING', `${RESULT_SEAL}#/signatures/${i}`, { field: s.role, expected: s.keyid, actual: env.signatures[i]?.keyid ?? null });
      checkEnvelope({ ...env, signatures: [env.signatures[i] as { keyid: string; sig: string }] }, `${RESULT_SEAL}#/signatures/${i}`, SEAL_PAYLOAD_TYPE, s.keyid, keysOf(roster, s.expertId), fail);
    });
  }
  docs['data/sheets.json'].forEach((r, i) => {
    checked++;
    const path = `${RESULT_DOCS.sheets}#/${i}/envelope`;
    const keyid = r.envelope.signatures[0]?.keyid ?? '';
    const p = checkEnvelope(r.envelope, path, SHEET_PAYLOAD_TYPE, keyid, keysOf(roster, r.expertId), fail);
    if (p) fieldsDiffer(p, { sessionId: bag.sessionId, expertId: r.expertId, dossierId: r.dossierId, version: r.version, keyid }, path, fail);
  });
  docs['data/commitments.json'].forEach((r, i) => {
    checked++;
    const path = `${RESULT_DOCS.commitments}#/${i}/envelope`;
    const p = checkEnvelope(r.envelope, path, COMMITMENT_PAYLOAD_TYPE, r.keyid, keysOf(roster, r.expertId), fail);
    if (p) fieldsDiffer(p, { sessionId: bag.sessionId, expertId: r.expertId, keyid: r.keyid }, path, fail);
  });
  statements.forEach((r, i) => {
    checked++;
    checkEnvelope(r.envelope, `${RESULT_DOCS.statements}#/${i}/envelope`, RESULTS_PAYLOAD_TYPE, r.keyid, keysOf(roster, r.signedBy), fail);
  });
  docs['data/count-reports.json'].forEach((r, i) => {
    checked++;
    checkEnvelope(r.envelope, `${RESULT_DOCS.countReports}#/${i}/envelope`, COUNT_REPORT_PAYLOAD_TYPE, r.keyid, keysOf(roster, r.expertId), fail);
  });
  const desk = new Map(roster.deskKeys.map((k) => [k.keyid, hexToBytes(k.publicKey)]));
  docs['data/audit/checkpoints.json'].forEach((r, i) => {
    checked++;
    const keys = r.role === 'chair' && r.expertId ? keysOf(roster, r.expertId) : desk;
    const path = `${RESULT_DOCS.checkpoints}#/${i}/envelope`;
    const p = checkEnvelope(r.envelope, path, CHECKPOINT_PAYLOAD_TYPE, r.keyid, keys, fail);
    if (p) fieldsDiffer(p, { count: r.count, head: r.head, role: r.role, keyid: r.keyid }, path, fail);
  });
  return checked;
}

/** Step 5: every commitment signs the meeting's commitment text, and everyone who scored or voted signed one. */
function commitments(docs: Docs, fail: Fail): number {
  const meeting = docs['data/meeting.json'];
  const records = docs['data/commitments.json'];
  if (bytesToHex(sha256(utf8Encode(meeting.commitmentText))) !== meeting.commitmentTextSha256) fail('RESULT_COMMITMENT_TEXT', `${RESULT_DOCS.meeting}#/commitmentTextSha256`, { actual: meeting.commitmentTextSha256 });
  records.forEach((r, i) => {
    const body = fromBase64(r.envelope.payload);
    const json = body ? parseStrictJson(body, { maxValues: 10_000 }) : null;
    const text = json?.ok ? (json.value as { textSha256?: unknown }).textSha256 : undefined;
    if (text !== meeting.commitmentTextSha256) fail('RESULT_COMMITMENT_TEXT', `${RESULT_DOCS.commitments}#/${i}/envelope`, { expected: meeting.commitmentTextSha256, actual: typeof text === 'string' ? text : null });
  });
  const signed = new Set(records.map((r) => r.expertId));
  const acted = new Set([...docs['data/sheets.json'].map((r) => r.expertId), ...docs['data/rounds.json'].flatMap((r) => r.voted)]);
  for (const id of [...acted].sort()) if (!signed.has(id)) fail('RESULT_COMMITMENT_MISSING', RESULT_DOCS.commitments, { actual: id });
  return records.length + acted.size;
}

/** Step 6: every round's roll checked in and at quorum; results' attendance and quorum recomputed (shared/domain/rules.ts). */
function attendanceQuorum(docs: Docs, fail: Fail): number {
  const members = docs.session.experts.length;
  const presence = docs['data/attendance.json'];
  const results = docs['data/results.json'];
  const checkedIn = new Set(presence.map((p) => p.expertId));
  const present = presence.filter((p) => p.leftAt === null).length;
  const quorum = meetingQuorum({ base: docs['data/meeting.json'].settings.quorumBase, members, sittingMembers: null, present });
  docs['data/rounds.json'].forEach((r, i) => {
    for (const e of r.roll) if (!checkedIn.has(e)) fail('RESULT_ROLL_NOT_PRESENT', `${RESULT_DOCS.rounds}#/${i}/roll`, { actual: e });
    if (r.roll.length < quorumNeeded(quorum.n)) fail('RESULT_QUORUM_NOT_MET', `${RESULT_DOCS.rounds}#/${i}/roll`, { expected: quorumNeeded(quorum.n), actual: r.roll.length });
  });
  const attendance = { members, present, late: presence.filter((p) => p.late).length, left: presence.filter((p) => p.leftAt !== null).length };
  for (const [field, expected] of Object.entries(attendance)) {
    const actual = results.attendance[field as keyof typeof attendance];
    if (actual !== expected) fail('RESULT_ATTENDANCE_MISMATCH', `${RESULT_DOCS.results}#/attendance/${field}`, { field, expected, actual });
  }
  for (const [field, expected] of Object.entries(quorum)) {
    const actual = results.quorum[field as keyof typeof quorum];
    if (actual !== expected) fail('RESULT_ATTENDANCE_MISMATCH', `${RESULT_DOCS.results}#/quorum/${field}`, { field, expected, actual });
  }
  return docs['data/rounds.json'].length + 2;
}

/**
 * Step 8: every signed sheet scores the embedded dossier's content, and each dossier's score, scorers, trimmed and
 * goesToVote recomputed with scoreForVote (shared/domain/rules.ts) from the latest signed version of each expert's sheet.
 */
function aggregation(docs: Docs, fail: Fail): number {
  // The content hash is over the dossier as the importer parsed it (§11.2), defaults filled in.
  const dossiers = new Map(docs.session.dossiers.map((d) => [d.id, d]));
  const standards = new Map(docs.session.standards.map((x) => [x.id, x]));
  const latest = new Map<string, { version: number; total: number; dossierId: string }>();
  docs['data/sheets.json'].forEach((r, i) => {
    const body = fromBase64(r.envelope.payload);
    const j = body ? parseStrictJson(body, { maxValues: 100_000 }) : null;
    const p = j?.ok ? (j.value as { total?: unknown; dossierContentHash?: unknown }) : null;
    if (!p || typeof p.total !== 'number') return;
    const d = dossiers.get(r.dossierId);
    const hash = d ? bytesToHex(sha256(utf8Encode(canonicalize(d) ?? ''))) : null;
    if (hash !== p.dossierContentHash) fail('RESULT_SHEET_CONTENT_HASH', `${RESULT_DOCS.sheets}#/${i}/envelope`, { expected: hash, actual: String(p.dossierContentHash) });
    const key = `${r.expertId}\u0000${r.dossierId}`;
    const prev = latest.get(key);
    if (!prev || prev.version < r.version) latest.set(key, { version: r.version, total: p.total, dossierId: r.dossierId });
  });
  const totals = new Map<string, number[]>();
  for (const x of latest.values()) (totals.get(x.dossierId) ?? totals.set(x.dossierId, []).get(x.dossierId))?.push(x.total);
  docs['data/results.json'].dossiers.forEach((row, i) => {
    const std = standards.get(dossiers.get(row.dossierId)?.standardId ?? '');
    const want = scoreForVote(totals.get(row.dossierId) ?? [], std?.aggregation ?? { method: 'mean', minScoreForVote: null });
    for (const field of ['score', 'scorers', 'trimmed', 'goesToVote'] as const) {
      if (row[field] !== want[field]) fail('RESULT_AGGREGATION_MISMATCH', `${RESULT_DOCS.results}#/dossiers/${i}/${field}`, { field, expected: want[field], actual: row[field] });
    }
  });
  return docs['data/sheets.json'].length + docs['data/results.json'].dossiers.length;
}

/**
 * Steps 7 and 9 on the rounds: numbering, voters on the roll, one tracker per voter, ballots for the round's
 * dossiers, and every reconciliation row recounted with the app's own tally (shared/domain/ballots.ts): counts
 * from the ballots (electronic) or the confirmed paper counts, then A, the 2/3 threshold, passed and void.
 */
function roundsRecount(docs: Docs, failRecount: Fail, failPass: Fail): { recount: number; pass: number } {
  const recused = new Map<string, Set<string>>();
  for (const c of docs['data/recusals.json']) if (c.status === 'confirmed') (recused.get(c.dossierId) ?? recused.set(c.dossierId, new Set()).get(c.dossierId))?.add(c.expertId);
  const recusedCountInA = docs['data/meeting.json'].settings.recusedCountInA;
  let recount = 0;
  let pass = 0;
  docs['data/rounds.json'].forEach((r, i) => {
    const at = `${RESULT_DOCS.rounds}#/${i}`;
    if (r.number !== i + 1) failRecount('RESULT_ROUND_NUMBERING', `${at}/number`, { expected: i + 1, actual: r.number });
    const roll = new Set(r.roll);
    for (const v of r.voted) if (!roll.has(v)) failRecount('RESULT_VOTER_NOT_ON_ROLL', `${at}/voted`, { actual: v });
    if (r.kind === 'electronic' && new Set(r.ballots.map((b) => b.tracker)).size !== new Set(r.voted).size) {
      failRecount('RESULT_TRACKER_COUNT', `${at}/ballots`, { expected: new Set(r.voted).size, actual: new Set(r.ballots.map((b) => b.tracker)).size });
    }
    const inRound = new Set(r.dossierIds);
    r.ballots.forEach((b, j) => {
      if (!inRound.has(b.dossierId)) failRecount('RESULT_BALLOT_UNKNOWN_DOSSIER', `${at}/ballots/${j}`, { actual: b.dossierId });
    });
    const tallies = tallyBallots(r.ballots);
    const paper = new Map((r.paperCounts ?? []).map((c) => [c.dossierId, c]));
    r.reconciliation.forEach((row, j) => {
      recount++;
      pass++;
      const path = `${at}/reconciliation/${j}`;
      const rec = new Set(r.roll.filter((e) => recused.get(row.dossierId)?.has(e)));
      const entered = r.kind === 'paper' ? paper.get(row.dossierId) : undefined;
      const counts = entered ? { issued: entered.issued, returned: entered.returned, valid: entered.valid, invalid: entered.invalid, agree: entered.agree, disagree: entered.disagree, abstain: entered.abstain } : electronicCounts(r.roll.length - rec.size, tallies.get(row.dossierId));
      const want = dossierRoundResult({ dossierId: row.dossierId, roll: r.roll, recused: rec, recusedCountInA, counts });
      for (const field of ['issued', 'returned', 'valid', 'invalid', 'agree', 'disagree', 'abstain', 'eligible', 'recused'] as const) {
        if (row[field] !== want[field]) failRecount('RESULT_RECOUNT_MISMATCH', `${path}/${field}`, { field, expected: want[field], actual: row[field] });
      }
      for (const field of ['needed', 'passed', 'void'] as const) {
        if (row[field] !== want[field]) failPass('RESULT_PASS_MISMATCH', `${path}/${field}`, { field, expected: want[field], actual: row[field] });
      }
    });
  });
  return { recount, pass };
}

/** Step 12: the chain links, ends at the header's position, and every checkpoint is on it. */
function auditChain(docs: Docs, fail: Fail): number {
  const log = docs['data/audit/log.json'];
  const header = docs['data/result.json'];
  let prev = AUDIT_GENESIS;
  for (let i = 0; i < log.length; i++) {
    const r = log[i] as (typeof log)[number];
    const path = `${RESULT_DOCS.auditLog}#/${i}`;
    if (r.seq !== i + 1) return fail('RESULT_AUDIT_BROKEN', path, { seq: r.seq, reason: 'seq' }), log.length;
    if (r.prevHash !== prev) return fail('RESULT_AUDIT_BROKEN', path, { seq: r.seq, reason: 'prev_hash' }), log.length;
    // A withheld entry (another session's) keeps only its hash: it links, but its content cannot be re-hashed.
    if (r.entry && auditHash(prev, { seq: r.seq, ...r.entry }) !== r.hash) return fail('RESULT_AUDIT_BROKEN', path, { seq: r.seq, reason: 'hash' }), log.length;
    prev = r.hash;
  }
  if (log.length !== header.auditCount || prev !== header.auditHead) fail('RESULT_AUDIT_HEAD_MISMATCH', RESULT_DOCS.auditLog, { expected: `${header.auditCount}:${header.auditHead}`, actual: `${log.length}:${prev}` });
  docs['data/audit/checkpoints.json'].forEach((c, i) => {
    const problem = positionProblem(log, { count: c.count, head: c.head });
    if (problem) fail('RESULT_CHECKPOINT_INVALID', `${RESULT_DOCS.checkpoints}#/${i}`, { reason: problem, expected: c.count });
  });
  return log.length + docs['data/audit/checkpoints.json'].length;
}

/** Step 13: every print a PDF, and `prints` lists exactly those present. */
function pdfs(bag: ReadBag, docs: Docs, fail: Fail): number {
  const listed = new Set(docs['data/result.json'].prints.map(printEntry));
  for (const [name, f] of bag.streamed) {
    if (!listed.has(name)) fail('RESULT_PDF_INVALID', name, { reason: 'not listed in prints' });
    if (String.fromCharCode(...f.head.subarray(0, 5)) !== '%PDF-') fail('RESULT_PDF_INVALID', name, { reason: 'does not start with %PDF-' });
  }
  for (const name of listed) if (!bag.streamed.has(name)) fail('RESULT_PDF_INVALID', RESULT_DOCS.header, { reason: 'listed print missing', actual: name });
  return bag.streamed.size;
}

/** Step 2's result-specific failures, and steps 3–13. */
export function resultSteps(bag: ReadBag, trust: readonly TrustedKey[]): { manifestFailures: VerifyFailure[]; steps: VerifyStep[] } {
  const collect = (): { list: VerifyFailure[]; fail: Fail } => {
    const list: VerifyFailure[] = [];
    return { list, fail: (code, path, details) => void list.push(details && Object.keys(details).length ? { code, path, details } : { code, path }) };
  };
  const m = collect();
  const docs = documents(bag, m.fail);
  const n = (id: (typeof RESULT_VERIFY_STEPS)[number]): number => RESULT_VERIFY_STEPS.indexOf(id) + 1;
  if (!docs || m.list.length) return { manifestFailures: m.list, steps: RESULT_VERIFY_STEPS.slice(2).map((id) => notRun(n(id), id)) };
  const run = (id: (typeof RESULT_VERIFY_STEPS)[number], check: (fail: Fail) => number): VerifyStep => {
    const c = collect();
    return stepOf(n(id), id, check(c.fail), c.list);
  };
  const steps = [run('roster-keys', (f) => rosterKeys(bag, docs, trust, f)), run('signatures', (f) => signatures(bag, docs, f))];
  steps.push(run('commitments', (f) => commitments(docs, f)));
  const rc = collect();
  const pf = collect();
  const counted = roundsRecount(docs, rc.fail, pf.fail);
  const qt = collect();
  const dc = collect();
  const results = docs['data/results.json'];
  const outcomes = quotaSteps({ session: docs.session, rounds: docs['data/rounds.json'], results, maxRevotes: docs['data/meeting.json'].settings.maxRevotes, quotaDecisions: results.quotaDecisions }, pf.fail, qt.fail, dc.fail);
  const statementsChecked = statementSteps(docs, dc.fail);
  steps.push(run('attendance-quorum', (f) => attendanceQuorum(docs, f)));
  steps.push(stepOf(n('rounds-recount'), 'rounds-recount', counted.recount, rc.list));
  steps.push(run('aggregation', (f) => aggregation(docs, f)));
  steps.push(stepOf(n('pass-fail'), 'pass-fail', counted.pass + outcomes.pass, pf.list));
  steps.push(stepOf(n('quotas-ties'), 'quotas-ties', outcomes.quotas, qt.list));
  steps.push(stepOf(n('decisions'), 'decisions', outcomes.decisions + statementsChecked, dc.list));
  steps.push(run('audit-chain', (f) => auditChain(docs, f)));
  const p = collect();
  const checkedPdfs = pdfs(bag, docs, p.fail);
  steps.push(stepOf(n('pdfs'), 'pdfs', checkedPdfs, p.list, bag.streamed.size > 0 || docs['data/result.json'].prints.length > 0));
  return { manifestFailures: [], steps };
}
