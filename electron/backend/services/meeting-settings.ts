// The meeting's settings after it opened: the chair or the secretary may still change them until the first round
// opens (then they are what every count was computed with, and the minutes print them). The commitment text is fixed
// once someone signed it (their signature covers its hash). docs/meeting-rules.md.
import { AppError } from '../../../shared/errors';
import type { MeetingSettings } from '../../../shared/domain/meeting-settings';
import type { MeetingView } from '../../../shared/meeting-types';
import { inTransaction } from '../db/connection';
import { appendAudit } from '../db/queries/audit';
import { listRounds } from '../db/queries/ballots';
import { commitmentsSigned } from '../db/queries/meeting';
import type { Ctx } from '../context';
import { meetingView, requireMeeting } from './meeting';

export function updateMeetingSettings(
  ctx: Ctx,
  a: { sessionId: string; quorumBase?: MeetingSettings['quorumBase'] | undefined; recusedCountInA?: boolean | undefined; maxRevotes?: number | undefined; commitmentText?: string | undefined },
): MeetingView {
  const m = requireMeeting(ctx, a.sessionId);
  const first = listRounds(ctx.db, a.sessionId)[0];
  if (first) throw new AppError('MEETING_SETTINGS_LOCKED', `round ${first.number} has opened: the settings are fixed`, { field: 'sessionId', round: first.number });
  if (a.commitmentText !== undefined && a.commitmentText !== m.commitmentText && commitmentsSigned(ctx.db, a.sessionId).size > 0) {
    throw new AppError('MEETING_SETTINGS_LOCKED', 'the commitment has been signed: its text is fixed', { field: 'commitmentText', round: 0 });
  }
  const next = {
    quorumBase: a.quorumBase ?? m.quorumBase,
    recusedCountInA: a.recusedCountInA ?? m.recusedCountInA,
    maxRevotes: a.maxRevotes ?? m.maxRevotes,
    commitmentText: a.commitmentText ?? m.commitmentText,
  };
  inTransaction(ctx.db, () => {
    ctx.db
      .prepare('UPDATE meeting SET quorum_base = ?, recused_count_in_a = ?, max_revotes = ?, commitment_text = ? WHERE session_id = ?')
      .run(next.quorumBase, next.recusedCountInA ? 1 : 0, next.maxRevotes, next.commitmentText, a.sessionId);
    const { commitmentText, ...settings } = next;
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: ctx.caller.role, kind: 'meeting.settings_changed', payload: { ...settings, commitmentTextChanged: commitmentText !== m.commitmentText } });
  });
  return meetingView(ctx, a.sessionId);
}
