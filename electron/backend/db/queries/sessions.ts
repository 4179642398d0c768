import type { SessionDoc } from '../../../../shared/bundle/schema';
import type { SessionSummary } from '../../../../shared/types';
import type { Db } from '../connection';
import { prepared } from '../statements';

export interface SessionRow {
  id: string;
  name: string;
  committeeName: string;
  committee: SessionDoc['committee'];
  meetingDate: string;
  meetingPlace: string | null;
  settings: SessionDoc['settings'];
  bundleVersion: number;
  bundleHash: string;
  issuerKeyid: string | null;
  status: 'setup' | 'scoring' | 'voting' | 'closed';
  importedAt: string;
}

export function insertSession(db: Db, args: { doc: SessionDoc; bundleHash: string; issuerKeyid: string | null; importedAt: string }): void {
  const { doc } = args;
  prepared(db,
    `INSERT INTO session (id, name, committee_name, committee_json, meeting_date, meeting_place, settings_json,
       bundle_version, bundle_hash, issuer_keyid, imported_at)
     VALUES (@id, @name, @committeeName, @committeeJson, @meetingDate, @meetingPlace, @settingsJson,
       @bundleVersion, @bundleHash, @issuerKeyid, @importedAt)`,
  ).run({
    id: doc.sessionId,
    name: doc.name,
    committeeName: doc.committee.name,
    committeeJson: JSON.stringify(doc.committee),
    meetingDate: doc.meeting.date,
    meetingPlace: doc.meeting.place ?? null,
    settingsJson: JSON.stringify(doc.settings),
    bundleVersion: doc.bundleVersion,
    bundleHash: args.bundleHash,
    issuerKeyid: args.issuerKeyid,
    importedAt: args.importedAt,
  });
}

export function getSession(db: Db, id: string): SessionRow | null {
  const row = prepared(db,
      `SELECT id, name, committee_name AS committeeName, committee_json AS committeeJson, meeting_date AS meetingDate,
         meeting_place AS meetingPlace, settings_json AS settingsJson, bundle_version AS bundleVersion,
         bundle_hash AS bundleHash, issuer_keyid AS issuerKeyid, status, imported_at AS importedAt
       FROM session WHERE id = ?`,
    )
    .get(id) as (Omit<SessionRow, 'committee' | 'settings'> & { committeeJson: string; settingsJson: string }) | undefined;
  if (!row) return null;
  const { committeeJson, settingsJson, ...rest } = row;
  return { ...rest, committee: JSON.parse(committeeJson) as SessionRow['committee'], settings: JSON.parse(settingsJson) as SessionRow['settings'] };
}

export function listSessions(db: Db): SessionSummary[] {
  return prepared(db,
      `SELECT s.id, s.name, s.committee_name AS committeeName, s.meeting_date AS meetingDate,
         s.bundle_version AS bundleVersion, s.imported_at AS importedAt,
         (SELECT count(*) FROM dossier d WHERE d.session_id = s.id) AS dossierCount
       FROM session s ORDER BY s.imported_at DESC`,
    )
    .all() as SessionSummary[];
}
