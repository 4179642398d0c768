// Indexes for the interactive calls at session scale (thousands of dossiers): an expert's list, the
// previous/next dossier, a save and the progress counts each read one expert's or one dossier's rows.
import type { Migration } from './index';

const SQL = `
-- An expert's groups (the primary key leads with group_id).
CREATE INDEX group_member_expert ON group_member(session_id, expert_id, group_id);
-- A group's dossiers in list order: the expert's list and previous/next without sorting the session.
-- It covers the old dossier_group (session_id, group_id) prefix, which is dropped.
CREATE INDEX dossier_group_packet ON dossier(session_id, group_id, packet_no, id);
DROP INDEX dossier_group;
-- An expert's sheets and scores (the primary keys lead with dossier_id).
CREATE INDEX score_sheet_expert ON score_sheet(session_id, expert_id, dossier_id, version);
CREATE INDEX score_item_expert ON score_item(session_id, expert_id, dossier_id, version);
-- Who refers to a blob: a failed import removes only blobs nothing refers to.
CREATE INDEX attachment_blob ON attachment(sha256);
-- Confirmed recusals, by expert (progress) and by dossier (the dossier's sheets).
CREATE INDEX conflict_dossier ON conflict(session_id, dossier_id, expert_id);
`;

const migration: Migration = {
  version: 50,
  name: 'indexes',
  up(db) {
    db.exec(SQL);
  },
};
export default migration;
