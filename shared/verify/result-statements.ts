// Result bundle step 11's statement part (docs/bundle-format.md §12.5): the chair's statements chain (versions
// 1…n, `previous`, `payloadSha256`, a reason on every correction), and the latest statement's signed payload says
// what results.json and rounds.json say on every field it carries — so the signed results are the published ones.
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { parseStrictJson } from '../bundle/strict-json';
import { fromBase64 } from '../crypto/base64';
import { RESULT_DOCS } from '../result-bundle/layout';
import { StatementPayloadDoc, type ResultsDoc, type RoundDoc, type StatementRecordDoc } from '../result-bundle/schema';

type Fail = (code: string, path: string, details?: Record<string, string | number | boolean | null>) => void;

// Key order is not meaning: compare the JCS forms.
const same = (a: unknown, b: unknown) => canonicalize(a ?? null) === canonicalize(b ?? null);

function payloadOf(r: StatementRecordDoc): { bytes: Uint8Array; doc: StatementPayloadDoc | null } | null {
  const bytes = fromBase64(r.envelope.payload);
  if (!bytes) return null;
  const j = parseStrictJson(bytes, { maxValues: 1_000_000 });
  const p = j.ok ? StatementPayloadDoc.safeParse(j.value) : null;
  return { bytes, doc: p?.success ? p.data : null };
}

/** The fields of `want` that `got` does not equal, each as one failure under `path`. */
function compare(got: Record<string, unknown>, want: Record<string, unknown>, path: string, fail: Fail): void {
  for (const [field, w] of Object.entries(want)) if (!same(got[field], w)) fail('RESULT_STATEMENT_MISMATCH', `${path}/${field}`, { field, expected: JSON.stringify(w), actual: JSON.stringify(got[field] ?? null) });
}

export function statementSteps(docs: { 'data/statements.json': StatementRecordDoc[]; 'data/results.json': ResultsDoc; 'data/rounds.json': RoundDoc[] }, fail: Fail): number {
  const records = docs['data/statements.json'];
  let previous: string | null = null;
  let latest: StatementPayloadDoc | null = null;
  records.forEach((r, i) => {
    const path = `${RESULT_DOCS.statements}#/${i}`;
    if (r.version !== i + 1) fail('RESULT_STATEMENT_CHAIN', `${path}/version`, { expected: i + 1, actual: r.version });
    const p = payloadOf(r);
    const hash = p ? bytesToHex(sha256(p.bytes)) : null;
    if (hash !== r.payloadSha256) fail('RESULT_STATEMENT_CHAIN', `${path}/payloadSha256`, { expected: hash, actual: r.payloadSha256 });
    if (!p?.doc) return void fail('RESULT_STATEMENT_MISMATCH', `${path}/envelope`, { reason: 'payload is not a results statement' });
    if (p.doc.version !== r.version) fail('RESULT_STATEMENT_CHAIN', `${path}/envelope`, { field: 'version', expected: r.version, actual: p.doc.version });
    if (p.doc.previous !== previous) fail('RESULT_STATEMENT_CHAIN', `${path}/envelope`, { field: 'previous', expected: previous, actual: p.doc.previous });
    if (i > 0 && !p.doc.correctionReason?.trim()) fail('RESULT_STATEMENT_CHAIN', `${path}/correctionReason`, { reason: 'correction_without_reason', actual: r.version });
    previous = r.payloadSha256;
    latest = p.doc;
  });
  const s = latest as StatementPayloadDoc | null;
  if (!s) return records.length;
  const at = `${RESULT_DOCS.statements}#/${records.length - 1}/envelope/payload`;
  const results = docs['data/results.json'];
  compare(s, { settings: results.settings, attendance: results.attendance }, at, fail);
  compare(
    s,
    { quotaDecisions: results.quotaDecisions.map(({ quotaId, seq, chosen, reason, decidedAt }) => ({ quotaId, seq, chosen, reason, decidedAt })) },
    at,
    fail,
  );
  const rounds = docs['data/rounds.json'].map(({ id, number, purpose, kind, quotaId, status, voidReason, dossierIds, roll, voted }) => ({ id, number, purpose, kind, quotaId, status, voidReason, dossierIds, roll: roll.length, voted: voted.length }));
  compare(s, { rounds }, at, fail);
  const signed = new Map(s.dossiers.map((d, j) => [d.dossierId, { d, j }]));
  results.dossiers.forEach((d, i) => {
    const x = signed.get(d.dossierId);
    if (!x) return void fail('RESULT_STATEMENT_MISMATCH', `${RESULT_DOCS.results}#/dossiers/${i}`, { reason: 'not_in_statement', actual: d.dossierId });
    const want = {
      score: d.score,
      rounds: d.rounds.map(({ roundId, agree, disagree, abstain, invalid, issued, returned, valid, eligible, passed, void: v }) => ({ roundId, agree, disagree, abstain, invalid, issued, returned, valid, eligible, passed, void: v })),
      quota: d.outcome.quota,
      cutBy: d.outcome.cutBy,
      decision: d.outcome.decision,
    };
    compare(x.d as unknown as Record<string, unknown>, want, `${at}/dossiers/${x.j}`, fail);
    signed.delete(d.dossierId);
  });
  for (const { d } of signed.values()) fail('RESULT_STATEMENT_MISMATCH', `${at}`, { reason: 'not_in_results', actual: d.dossierId });
  return records.length + results.dossiers.length;
}
