// One verifier for every kind of file PanelDesk writes (docs/verify-report.md): it reads the bundle
// through an injected VerifyIO, works out its kind from bag-info.txt, and answers a report of numbered
// steps. It never throws on bad input: every problem is a coded failure with a path.
import { SESSION_DOCUMENTS, type SessionBundleContent } from '../bundle/schema';
import { RESULT_VERIFY_STEPS } from '../result-bundle/layout';
import { ATTACHMENT_DIR, BUNDLE_TYPE_SESSION, SIGNATURE } from '../bundle/layout';
import { RESULT_KIND, resultSteps } from './result';
import { BUNDLE_TYPE_EXPERT_SHEETS, EXPERT_SHEET_DOCUMENTS } from '../bundle/sheets';
import { readBag, type BagKind, type BagProgress, type ReadBag } from './bag';
import { rosterStep, sheetContentStep, sheetDocumentsStep, sheetSignaturesStep, type SessionContext } from './expert-sheets';
import { failureOf } from './failures';
import type { VerifyIO } from './io';
import { notRun, reportOf, stepOf, type VerifyFailure, type VerifyReport, type VerifyStep } from './report';
import { documentsStep, issuerStep, type TrustedKey } from './session';
import { openZip, type ZipEntry } from './zip';

const NONE: ReadonlySet<string> = new Set();
export const KINDS: ReadonlyMap<string, BagKind & { report: keyof typeof STEPS }> = new Map([
  [
    BUNDLE_TYPE_SESSION,
    { type: BUNDLE_TYPE_SESSION, documents: new Set(Object.keys(SESSION_DOCUMENTS)), attachmentDir: ATTACHMENT_DIR, streamed: NONE, folders: new Set(['data/', ATTACHMENT_DIR]), signature: SIGNATURE, report: 'session' as const },
  ],
  [
    BUNDLE_TYPE_EXPERT_SHEETS,
    { type: BUNDLE_TYPE_EXPERT_SHEETS, documents: new Set(Object.keys(EXPERT_SHEET_DOCUMENTS)), attachmentDir: null, streamed: NONE, folders: new Set(['data/']), signature: SIGNATURE, report: 'expert-sheets' as const },
  ],
  [RESULT_KIND.type, { ...RESULT_KIND, report: 'result' as const }],
]);

/** Step ids of each kind, in report order (n = index + 1). */
export const STEPS = {
  session: ['container', 'manifests', 'issuer', 'documents'],
  'expert-sheets': ['container', 'manifests', 'documents', 'roster', 'signatures', 'sheets'],
  result: RESULT_VERIFY_STEPS,
} as const;

export interface VerifyOptions {
  /** Keys the caller trusts: the issuer's (session bundles), or the expert's roster key (sheet bundles). */
  trust?: readonly TrustedKey[];
  /** Session bundles: refuse an unsigned one (BUNDLE_SIGNATURE_REQUIRED). */
  requireSignature?: boolean;
  /** The session a sheet bundle belongs to: its content, and roster keys when its roster carries them. */
  session?: SessionContext | null;
}

/** The report of a file that could not even be opened as a bundle (an age file without its key, say). */
export function containerFailureReport(failure: VerifyFailure): VerifyReport {
  return reportOf(null, null, null, [stepOf(1, 'container', 1, [failure])]);
}

async function guarded<T>(run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; failure: VerifyFailure }> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    return { ok: false, failure: failureOf(err) };
  }
}

export async function verifyBundle(io: VerifyIO, opts: VerifyOptions = {}): Promise<VerifyReport> {
  return (await verifyDetailed(io, opts)).report;
}

/**
 * The report, and a session bundle's content (what `--session` checks sheets against) when every step
 * but the issuer's passed: the sheets are compared with what the session holds, whoever issued it.
 */
export async function verifyDetailed(io: VerifyIO, opts: VerifyOptions = {}): Promise<{ report: VerifyReport; content: SessionBundleContent | null }> {
  const { report, content } = await run(io, opts);
  const usable = report.steps.every((s) => s.status !== 'failed' || s.id === 'issuer');
  return { report, content: usable ? content : null };
}

async function run(io: VerifyIO, opts: VerifyOptions): Promise<{ report: VerifyReport; content: SessionBundleContent | null }> {
  const only = (report: VerifyReport): { report: VerifyReport; content: null } => ({ report, content: null });
  const zip = await guarded(() => openZip(io));
  if (!zip.ok) return only(containerFailureReport(zip.failure));
  const entries: ZipEntry[] = zip.value;
  const progress: BagProgress = { phase: 'container', kind: null, bundleHash: null, sessionId: null };
  const bag = await guarded(() => readBag(io, entries, KINDS, progress));
  if (!bag.ok) {
    if (progress.phase === 'container') return only(reportOf(null, null, null, [stepOf(1, 'container', entries.length, [bag.failure])]));
    const kind = progress.kind ? reportKind(progress.kind) : null;
    const later = kind ? STEPS[kind].slice(2).map((id, i) => notRun(i + 3, id)) : [];
    return only(reportOf(kind, progress.bundleHash, progress.sessionId, [stepOf(1, 'container', entries.length, []), stepOf(2, 'manifests', 0, [bag.failure]), ...later]));
  }
  const b = bag.value;
  const kind = reportKind(b.kind);
  const head = [stepOf(1, 'container', entries.length, []), stepOf(2, 'manifests', b.hashed, [])];
  if (kind === 'expert-sheets') return only(reportOf(kind, b.bundleHash, b.sessionId, [...head, ...sheetSteps(b, opts)]));
  if (kind === 'result') {
    const r = resultSteps(b, opts.trust ?? []);
    return only(reportOf(kind, b.bundleHash, b.sessionId, [stepOf(1, 'container', entries.length, []), stepOf(2, 'manifests', b.hashed, r.manifestFailures), ...r.steps]));
  }
  const s = sessionSteps(b, opts);
  return { report: reportOf(kind, b.bundleHash, b.sessionId, [...head, ...s.steps]), content: s.content };
}

function reportKind(k: BagKind): keyof typeof STEPS {
  return (KINDS.get(k.type) as { report: keyof typeof STEPS }).report;
}

function sessionSteps(b: ReadBag, opts: VerifyOptions): { steps: VerifyStep[]; content: SessionBundleContent | null } {
  const issuer = issuerStep(b, opts.trust ?? [], opts.requireSignature === true);
  const docs = documentsStep(b);
  return {
    steps: [stepOf(3, 'issuer', issuer.applicable ? 1 : 0, issuer.failures, issuer.applicable), stepOf(4, 'documents', b.documents.size + b.attachments.size, docs.failures)],
    content: docs.content,
  };
}

function sheetSteps(b: ReadBag, opts: VerifyOptions): VerifyStep[] {
  const d = sheetDocumentsStep(b);
  if (!d.docs) return [stepOf(3, 'documents', b.documents.size, d.failures), notRun(4, 'roster'), notRun(5, 'signatures'), notRun(6, 'sheets')];
  const docs = d.docs;
  const roster = rosterStep(docs, opts.session ?? null, opts.trust ?? []);
  const steps = [stepOf(3, 'documents', b.documents.size, []), stepOf(4, 'roster', 1, roster.failures)];
  if (!roster.key) return [...steps, notRun(5, 'signatures'), notRun(6, 'sheets')];
  const sigs = sheetSignaturesStep(b, docs, roster.key);
  steps.push(stepOf(5, 'signatures', 1 + docs.records.length, sigs.failures));
  const content = opts.session?.content;
  if (!content) return [...steps, stepOf(6, 'sheets', 0, [], false)];
  const c = sheetContentStep(content, docs, sigs.payloads);
  return [...steps, stepOf(6, 'sheets', c.checked, c.failures)];
}
