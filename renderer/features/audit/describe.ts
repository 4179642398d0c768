// Audit entries and the verification result in words: shared by the screen, the print view and the export.
import type { TFunction } from 'i18next';
import type { AuditAnchorIssue, AuditEventView, AuditExportLabels, AuditIntegrity, AuditPerson } from '../../../shared/types';
import { zhCN } from '../../i18n/zh-CN';

type T = TFunction;

/** The kinds the catalogue names: an i18n key is the kind with dots as underscores. */
export const KNOWN_KINDS = Object.keys(zhCN.audit.kinds).map((k) => k.replace('_', '.'));

export const kindKey = (kind: string) => kind.replace(/\./g, '_');

export function kindLabel(t: T, kind: string): string {
  return t(`audit.kinds.${kindKey(kind)}`, { defaultValue: t('audit.events.unknown', { kind }) });
}

export function roleLabel(t: T, role: string): string {
  return t(`audit.deskRole.${role}`, { defaultValue: role });
}

/** "张三（主任委员）", or the desk role alone. */
export function personText(t: T, p: AuditPerson): string {
  const role = roleLabel(t, p.role);
  if (p.name) return `${p.name}（${role}）`;
  if (p.expertId) return `${p.expertId}（${role}）`;
  return role;
}

function dossierText(ev: AuditEventView): string {
  const s = ev.subject;
  if (s.dossierName) return s.packetNo ? `${s.dossierName}（${s.packetNo}）` : s.dossierName;
  return s.dossierId ?? '';
}

const SENTENCE_FIELDS = ['minutes', 'bundleVersion', 'dossiers', 'from', 'to', 'version', 'keyid', 'failures', 'merged', 'conflicts', 'sheets', 'experts', 'skippedRows', 'label', 'count'];

/** The sentence: who is concerned, which dossier, why — never a raw key. */
export function describeEvent(t: T, ev: AuditEventView): string {
  const d = ev.details;
  const actorIsExpert = ev.actor.expertId !== null;
  const expert = ev.subject.expertName ?? ev.subject.expertId ?? (actorIsExpert ? (ev.actor.name ?? ev.actor.expertId) : null) ?? t('audit.nobody');
  // Entries written before a field existed still read as sentences: a dash, never "{{field}}".
  const dash = t('audit.nobody');
  const defaults = Object.fromEntries(SENTENCE_FIELDS.map((f) => [f, dash]));
  const vars: Record<string, unknown> = {
    ...defaults,
    ...Object.fromEntries(Object.entries(d).filter(([, v]) => v !== null && v !== '')),
    expert,
    dossier: dossierText(ev) || t('audit.nobody'),
    reason: typeof d.reason === 'string' && d.reason !== '' ? d.reason : t('audit.nobody'),
    actor: personText(t, ev.actor),
    role: typeof d.role === 'string' ? roleLabel(t, d.role) : '',
    as: typeof d.as === 'string' ? roleLabel(t, d.as) : '',
    head: typeof d.head === 'string' ? d.head.slice(0, 16) : '',
    kind: ev.kind,
  };
  let key = kindKey(ev.kind);
  if (ev.kind === 'attendance.set') key += d.present === false ? '_absent' : '_present';
  if (ev.kind === 'issuer.signatureRequired') key += d.required === true ? '_on' : '_off';
  if (ev.kind === 'issuer.refuseTrustChange') key += d.refuse === true ? '_on' : '_off';
  // A desk role's failed passphrase or sign-in names the role, not an expert.
  if ((ev.kind === 'auth.failed' || ev.kind === 'auth.signed_in') && !ev.subject.expertId && !actorIsExpert) {
    vars.expert = typeof d.role === 'string' ? roleLabel(t, d.role) : typeof d.as === 'string' ? roleLabel(t, d.as) : personText(t, ev.actor);
  }
  return t(`audit.events.${key}`, { ...vars, defaultValue: t('audit.events.unknown', { kind: ev.kind }) });
}

function issueText(t: T, p: AuditAnchorIssue): string {
  const who = p.dossierName ? `${personText(t, p.signer)} · ${p.dossierName}` : personText(t, p.signer);
  return t('audit.problem', { source: t(`audit.source.${p.source}`), who, count: p.count, problem: t(`audit.problems.${p.problem}`) });
}

/** Title and lines: what was checked and what that proves, and what it does not. */
export function integrityText(t: T, r: AuditIntegrity, formatTime: (iso: string) => string): { title: string; lines: string[] } {
  const lines: string[] = [];
  if (r.chain.ok) lines.push(t('audit.chainOk', { entries: r.entries }));
  else if (r.chain.firstBrokenLink) lines.push(t('audit.chainBroken', { seq: r.chain.firstBrokenLink.seq, reason: t(`audit.reason.${r.chain.firstBrokenLink.reason}`) }));
  for (const p of r.problems) lines.push(issueText(t, p));
  const latest = r.checkpoints.latest;
  if (latest) {
    lines.push(t('audit.checkpoints', { valid: r.checkpoints.valid, who: personText(t, latest.signer), at: formatTime(latest.at), count: latest.count, fingerprint: latest.fingerprint }));
  } else lines.push(t('audit.noCheckpoint'));
  if (r.sheets.total > 0) lines.push(t('audit.sheets', r.sheets));
  if (r.uncovered > 0) lines.push(t('audit.uncovered', { uncovered: r.uncovered }));
  lines.push(t('audit.paper'));
  return { title: r.ok ? t('audit.okTitle') : t('audit.brokenTitle'), lines };
}

export function exportLabels(t: T, summary: string[]): AuditExportLabels {
  const kinds: Record<string, string> = {};
  for (const k of KNOWN_KINDS) kinds[k] = kindLabel(t, k);
  const roles: Record<string, string> = {};
  for (const r of ['secretary', 'examiner', 'chair', 'expert', 'desk']) roles[r] = roleLabel(t, r);
  return {
    sheet: t('audit.exportSheet'),
    verifySheet: t('audit.exportVerifySheet'),
    columns: { seq: t('audit.seq'), at: t('audit.at'), kind: t('audit.kind'), actor: t('audit.actor'), expert: t('audit.personFilter'), dossier: t('audit.dossierFilter'), reason: t('audit.details.reason'), details: t('audit.event'), hash: t('audit.hash') },
    kinds,
    roles,
    details: { ...(t('audit.details', { returnObjects: true }) as Record<string, string>) },
    summary,
  };
}
