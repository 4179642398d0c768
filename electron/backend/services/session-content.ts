// A session as bundle documents again, read back from SQLite (for expert packages and, later, results).
import fs from 'node:fs/promises';
import type { DossierDoc, ExpertDoc, GroupDoc, SessionBundleContent, SessionDoc } from '../../../shared/bundle/schema';
import { blobPath } from '../blobs/paths';
import { getDossier, listAttachments } from '../db/queries/dossiers';
import { listExperts } from '../db/queries/roster';
import { listStandards } from '../db/queries/standards';
import type { Ctx } from '../context';
import { requireSession } from './sessions';

export function dossierDocOf(ctx: Ctx, sessionId: string, dossierId: string): DossierDoc {
  const d = getDossier(ctx.db, sessionId, dossierId);
  if (!d) throw new Error(`dossier ${dossierId} missing`);
  const { groupName: _group, contentHash: _hash, greenJustification, ...imported } = d;
  const attachments = listAttachments(ctx.db, sessionId, dossierId).map((a) => ({
    sha256: a.sha256,
    name: a.name,
    mediaType: a.mediaType as DossierDoc['attachments'][number]['mediaType'],
    size: a.size,
  }));
  // The same keys as the imported document, so its canonical hash is the imported one.
  return greenJustification !== null ? { ...imported, greenChannelJustification: greenJustification, attachments } : { ...imported, attachments };
}

/** The part of a session one expert needs on their own laptop: their groups' dossiers, minus recusals. */
export async function expertPackageContent(
  ctx: Ctx,
  sessionId: string,
  expertId: string,
): Promise<{ content: SessionBundleContent; blobs: Map<string, Uint8Array> }> {
  const s = requireSession(ctx, sessionId);
  const expert = listExperts(ctx.db, sessionId).find((e) => e.id === expertId);
  if (!expert) throw new Error(`expert ${expertId} missing`);
  const recused = new Set(
    (ctx.db.prepare("SELECT dossier_id AS d FROM conflict WHERE session_id = ? AND expert_id = ? AND status = 'confirmed'").all(sessionId, expertId) as Array<{ d: string }>).map((r) => r.d),
  );
  const dossierIds = (ctx.db.prepare('SELECT id, group_id AS g FROM dossier WHERE session_id = ? ORDER BY packet_no').all(sessionId) as Array<{ id: string; g: string }>)
    .filter((d) => expert.groups.includes(d.g) && !recused.has(d.id))
    .map((d) => d.id);
  const dossiers = dossierIds.map((id) => dossierDocOf(ctx, sessionId, id));
  const usedStandards = new Set(dossiers.map((d) => d.standardId));
  const groupRows = ctx.db
    .prepare('SELECT id, name, specialty, leader_id AS leader FROM review_group WHERE session_id = ?')
    .all(sessionId) as Array<{ id: string; name: string; specialty: string | null; leader: string | null }>;
  const groups: GroupDoc[] = groupRows
    .filter((g) => expert.groups.includes(g.id))
    .map((g) => ({
      id: g.id,
      name: g.name,
      ...(g.specialty !== null ? { specialty: g.specialty } : {}),
      members: [expertId],
      ...(g.leader === expertId ? { leader: expertId } : {}),
    }));
  const expertDoc: ExpertDoc = {
    id: expert.id,
    name: expert.name,
    affiliation: expert.affiliation,
    specialty: expert.specialty,
    ...(expert.title !== null ? { title: expert.title } : {}),
    role: expert.role,
  };
  const session: SessionDoc = {
    formatVersion: 1,
    sessionId: s.id,
    bundleVersion: s.bundleVersion,
    name: s.name,
    committee: s.committee,
    meeting: { date: s.meetingDate, ...(s.meetingPlace !== null ? { place: s.meetingPlace } : {}) },
    settings: s.settings,
  };
  const blobs = new Map<string, Uint8Array>();
  for (const d of dossiers) {
    for (const a of d.attachments) if (!blobs.has(a.sha256)) blobs.set(a.sha256, await fs.readFile(blobPath(ctx.dataDir, a.sha256)));
  }
  return {
    content: {
      session,
      experts: [expertDoc],
      groups,
      standards: listStandards(ctx.db, sessionId).filter((st) => usedStandards.has(st.id)),
      quotas: [],
      dossiers,
      conflicts: [],
    },
    blobs,
  };
}
