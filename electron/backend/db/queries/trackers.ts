// The published tally's tracker list: every ballot's tracker code with its dossier and choice, never a voter.
import type { Choice } from '../../../../shared/domain/ballots';
import type { Db } from '../connection';
import { prepared } from '../statements';

/** [tracker, dossierId, choice] of every ballot of the round, as rows (no objects: a round can hold 125,000). */
export function trackerBallots(db: Db, sessionId: string, roundId: string): Array<[string, string, Choice]> {
  return prepared(db, 'SELECT tracker, dossier_id, choice FROM ballot WHERE session_id = ? AND round_id = ?').raw(true).all(sessionId, roundId) as Array<[string, string, Choice]>;
}
