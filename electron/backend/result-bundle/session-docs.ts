// The session as it was imported, read back from SQLite for a result bundle (§12.3.2): the seven documents and the
// attachments they name. Dossiers are the imported objects (services/session-content.ts), so the SHA-256 of each
// one's RFC 8785 form is the content hash the experts' sheets signed.
import type { ConflictDoc, ExpertDoc, GroupDoc, QuotaDoc, SessionBundleContent, SessionDoc } from '../../../shared/bundle/schema';
import { listStandards } from '../db/queries/standards';
import type { Ctx } from '../context';
import { dossierDocOf } from '../services/session-content';
import { requireSession } from '../services/sessions';

export interface AttachmentRef {
  sha256: string;
  size: number;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function sessionDocuments(ctx: Ctx, sessionId: string): { content: SessionBundleContent; attachments: AttachmentRef[]; importedBundleHash: string; issuerKeyid: string | null } {
  const s = requireSession(ctx, sessionId);
  const session: SessionDoc = {
    formatVersion: 1,
    sessionId: s.id,
    bundleVersion: s.bundleVersion,
    name: s.name,
    committee: s.committee,
    meeting: { date: s.meetingDate, ...(s.meetingPlace !== null ? { place: s.meetingPlace } : {}) },
    settings: s.settings,
  };
  const experts = (
    ctx.db.prepare('SELECT id, name, gender, affiliation, specialty, title, role FROM expert WHERE session_id = ? ORDER BY id').all(sessionId) as Array<
      Omit<ExpertDoc, 'gender' | 'title'> & { gender: ExpertDoc['gender'] | null; title: string | null }
    >
  ).map(({ gender, title, ...e }): ExpertDoc => ({ id: e.id, name: e.name, ...(gender !== null ? { gender } : {}), affiliation: e.affiliation, specialty: e.specialty, ...(title !== null ? { title } : {}), role: e.role }));
  const members = ctx.db.prepare('SELECT group_id AS g, expert_id AS e FROM group_member WHERE session_id = ? ORDER BY group_id, expert_id').all(sessionId) as Array<{ g: string; e: string }>;
  const groups = (ctx.db.prepare('SELECT id, name, specialty, leader_id AS leader FROM review_group WHERE session_id = ? ORDER BY id').all(sessionId) as Array<{ id: string; name: string; specialty: string | null; leader: string | null }>).map(
    (g): GroupDoc => ({
      id: g.id,
      name: g.name,
      ...(g.specialty !== null ? { specialty: g.specialty } : {}),
      members: members.filter((m) => m.g === g.id).map((m) => m.e),
      ...(g.leader !== null ? { leader: g.leader } : {}),
    }),
  );
  const quotas = ctx.db.prepare('SELECT id, scope, value, count FROM quota WHERE session_id = ? ORDER BY id').all(sessionId) as QuotaDoc[];
  const dossierIds = (ctx.db.prepare('SELECT id FROM dossier WHERE session_id = ? ORDER BY packet_no, id').all(sessionId) as Array<{ id: string }>).map((r) => r.id);
  const dossiers = dossierIds.map((id) => dossierDocOf(ctx, sessionId, id));
  const conflicts = ctx.db
    .prepare("SELECT expert_id AS expertId, dossier_id AS dossierId, reason FROM conflict WHERE session_id = ? AND source = 'declared' ORDER BY expert_id, dossier_id")
    .all(sessionId) as ConflictDoc[];
  const attachments = new Map<string, AttachmentRef>();
  for (const d of dossiers) for (const a of d.attachments) attachments.set(a.sha256, { sha256: a.sha256, size: a.size });
  return {
    content: { session, experts, groups, standards: listStandards(ctx.db, sessionId).sort(byId), quotas, dossiers, conflicts },
    attachments: [...attachments.values()].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1)),
    importedBundleHash: s.bundleHash,
    issuerKeyid: s.issuerKeyid,
  };
}
