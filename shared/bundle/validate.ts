// Schema and cross-reference checks of a session bundle's documents (after the archive itself passed).
import type { z } from 'zod';
import { AppError } from '../errors';
import { firstIssue } from './first-issue';
import { startsAsDeclared } from './media-type';
import { parseStrictJson } from './strict-json';
import { SESSION_DOCUMENTS, type SessionBundleContent, type SessionDocumentName } from './schema';

/** Values all of a bundle's documents may hold together: bounds the memory parsing them takes (§4.0). */
export const MAX_DOCUMENT_VALUES = 1_000_000;

/** What is left of the bundle's value budget, shared by its documents. */
export interface ValueBudget {
  left: number;
}

/** I-JSON (no BOM, no duplicate member names, §4.0) within the budget, or BUNDLE_SCHEMA_INVALID naming the entry and where. */
export function parseDocumentJson(entry: string, bytes: Uint8Array, budget: ValueBudget = { left: MAX_DOCUMENT_VALUES }): unknown {
  const res = parseStrictJson(bytes, { maxValues: budget.left });
  if (!res.ok) {
    throw new AppError('BUNDLE_SCHEMA_INVALID', `${entry} is not valid I-JSON: ${res.reason} at byte ${res.offset}`, {
      entry,
      path: res.path,
      reason: res.reason,
      offset: res.offset,
    });
  }
  budget.left -= res.values;
  return res.value;
}

function parseDocument<N extends SessionDocumentName>(name: N, bytes: Uint8Array | undefined, budget: ValueBudget): z.output<(typeof SESSION_DOCUMENTS)[N]> {
  if (!bytes) throw new AppError('BUNDLE_FILE_MISSING', `missing document ${name}`, { entry: name });
  const json = parseDocumentJson(name, bytes, budget);
  const schema = SESSION_DOCUMENTS[name] as z.ZodType;
  const first = firstIssue(schema, json);
  const res = first ? null : SESSION_DOCUMENTS[name].safeParse(json);
  if (first || !res?.success) {
    const issue = first ?? (res && !res.success ? { path: res.error.issues[0]?.path ?? [], message: res.error.issues[0]?.message ?? 'invalid' } : { path: [], message: 'invalid' });
    const where = issue.path.map(String).join('.');
    throw new AppError('BUNDLE_SCHEMA_INVALID', `${name}: ${where}: ${issue.message}`, {
      entry: name,
      path: where,
      reason: issue.message,
    });
  }
  return res.data as z.output<(typeof SESSION_DOCUMENTS)[N]>;
}

function badRef(entry: string, path: string, message: string, actual?: string): never {
  throw new AppError('BUNDLE_BAD_REFERENCE', `${entry}: ${path}: ${message}`, actual === undefined ? { entry, path, reason: message } : { entry, path, reason: message, actual });
}

function uniqueIds(entry: string, items: ReadonlyArray<{ id: string }>): Set<string> {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.id)) badRef(entry, `${i}.id`, 'duplicate id', it.id);
    seen.add(it.id);
  });
  return seen;
}

/**
 * Parses every document and checks references: standards, groups, members, conflicts and attachments
 * must exist; ids are unique; every attachment in the bundle is used.
 */
export function validateSessionDocuments(
  documents: ReadonlyMap<string, Uint8Array>,
  attachments: ReadonlyMap<string, { size: number; head?: Uint8Array }>,
  bagInfo: { sessionId: string; bundleVersion: number },
): SessionBundleContent {
  const budget: ValueBudget = { left: MAX_DOCUMENT_VALUES };
  const session = parseDocument('data/session.json', documents.get('data/session.json'), budget);
  const experts = parseDocument('data/experts.json', documents.get('data/experts.json'), budget);
  const groups = parseDocument('data/groups.json', documents.get('data/groups.json'), budget);
  const standards = parseDocument('data/standards.json', documents.get('data/standards.json'), budget);
  const quotas = parseDocument('data/quotas.json', documents.get('data/quotas.json'), budget);
  const dossiers = parseDocument('data/dossiers.json', documents.get('data/dossiers.json'), budget);
  const conflicts = parseDocument('data/conflicts.json', documents.get('data/conflicts.json'), budget);

  if (session.sessionId !== bagInfo.sessionId) badRef('data/session.json', 'sessionId', 'differs from bag-info.txt Session-Id', session.sessionId);
  if (session.bundleVersion !== bagInfo.bundleVersion) badRef('data/session.json', 'bundleVersion', 'differs from bag-info.txt Bundle-Version', String(session.bundleVersion));

  const expertIds = uniqueIds('data/experts.json', experts);
  const groupIds = uniqueIds('data/groups.json', groups);
  const standardById = new Map(standards.map((s) => [s.id, s]));
  uniqueIds('data/standards.json', standards);
  uniqueIds('data/quotas.json', quotas);
  const dossierIds = uniqueIds('data/dossiers.json', dossiers);

  groups.forEach((g, i) => {
    const seen = new Set<string>();
    g.members.forEach((m, j) => {
      if (!expertIds.has(m)) badRef('data/groups.json', `${i}.members.${j}`, 'not on the roster', m);
      if (seen.has(m)) badRef('data/groups.json', `${i}.members.${j}`, 'listed twice', m);
      seen.add(m);
    });
    if (g.leader && !seen.has(g.leader)) badRef('data/groups.json', `${i}.leader`, 'leader is not a member', g.leader);
  });

  standards.forEach((s, i) => {
    const fields = new Set(s.evidenceFields.map((f) => f.id));
    const items = new Set<string>();
    s.items.forEach((it, j) => {
      if (items.has(it.id)) badRef('data/standards.json', `${i}.items.${j}.id`, 'duplicate item id', it.id);
      items.add(it.id);
      it.evidence.forEach((e, k) => {
        if (!fields.has(e)) badRef('data/standards.json', `${i}.items.${j}.evidence.${k}`, 'unknown evidence field', e);
      });
      it.bands?.forEach((b, k) => {
        if (b.score > it.max) badRef('data/standards.json', `${i}.items.${j}.bands.${k}`, 'band above the item cap', String(b.score));
      });
    });
  });

  const packetNos = new Set<string>();
  const used = new Set<string>();
  dossiers.forEach((d, i) => {
    const std = standardById.get(d.standardId);
    if (!std) badRef('data/dossiers.json', `${i}.standardId`, 'no such standard', d.standardId);
    if (!groupIds.has(d.groupId)) badRef('data/dossiers.json', `${i}.groupId`, 'no such review group', d.groupId);
    if (packetNos.has(d.packetNo)) badRef('data/dossiers.json', `${i}.packetNo`, 'duplicate packet number', d.packetNo);
    packetNos.add(d.packetNo);
    const fields = new Set(std.evidenceFields.map((f) => f.id));
    d.achievements.forEach((a, j) => {
      if (!fields.has(a.field)) badRef('data/dossiers.json', `${i}.achievements.${j}.field`, 'not an evidence field of the standard', a.field);
    });
    d.attachments.forEach((a, j) => {
      const present = attachments.get(a.sha256);
      if (!present) badRef('data/dossiers.json', `${i}.attachments.${j}.sha256`, 'attachment not in the bundle', a.sha256);
      if (present.size !== a.size) badRef('data/dossiers.json', `${i}.attachments.${j}.size`, 'size differs from the file', String(a.size));
      // `head` is absent only where no bytes were read (documents checked on their own).
      if (present.head && !startsAsDeclared(a.mediaType, present.head)) {
        badRef('data/dossiers.json', `${i}.attachments.${j}.mediaType`, `the file does not start as ${a.mediaType} does`, a.mediaType);
      }
      used.add(a.sha256);
    });
  });
  for (const sha of attachments.keys()) {
    if (!used.has(sha)) badRef('manifest-sha256.txt', `data/attachments/${sha}`, 'attachment not used by any dossier', sha);
  }

  const quotaScopes: Record<string, (v: string) => boolean> = {
    level: (v) => dossiers.some((d) => d.level === v),
    specialty: (v) => dossiers.some((d) => d.specialty === v),
    region: (v) => /^\d{6}$/.test(v),
    employer: () => true,
    standard: (v) => standardById.has(v),
  };
  quotas.forEach((q, i) => {
    if (!quotaScopes[q.scope]?.(q.value)) badRef('data/quotas.json', `${i}.value`, `no such ${q.scope}`, q.value);
  });

  const pairs = new Set<string>();
  conflicts.forEach((c, i) => {
    if (!expertIds.has(c.expertId)) badRef('data/conflicts.json', `${i}.expertId`, 'not on the roster', c.expertId);
    if (!dossierIds.has(c.dossierId)) badRef('data/conflicts.json', `${i}.dossierId`, 'no such dossier', c.dossierId);
    const key = `${c.expertId}/${c.dossierId}`;
    if (pairs.has(key)) badRef('data/conflicts.json', `${i}`, 'declared twice', key);
    pairs.add(key);
  });

  return { session, experts, groups, standards, quotas, dossiers, conflicts };
}
