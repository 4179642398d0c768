// Paper ballots typed in one by one (逐票录入), keyboard-first: with the stack in hand, 1 同意, 2 不同意, 3 弃权,
// 0 无效 for each dossier of the ballot in order; the ballot completes itself and the next starts; Backspace takes
// back the last mark. The running counts help the person check against the stack.
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MARK_KEYS, PAPER_MARKS, type PaperMark } from '../../../shared/domain/paper-ballots';

export interface BallotDraft {
  done: PaperMark[][];
  current: PaperMark[];
}

export const EMPTY_DRAFT: BallotDraft = { done: [], current: [] };

/** The next draft after one key, or null when the key is not one of the entry's. */
export function applyKey(draft: BallotDraft, key: string, dossiers: number): BallotDraft | null {
  const mark = MARK_KEYS[key];
  if (mark) {
    const current = [...draft.current, mark];
    return current.length === dossiers ? { done: [...draft.done, current], current: [] } : { done: draft.done, current };
  }
  if (key === 'Backspace') {
    if (draft.current.length > 0) return { done: draft.done, current: draft.current.slice(0, -1) };
    const last = draft.done.at(-1);
    return last ? { done: draft.done.slice(0, -1), current: last.slice(0, -1) } : draft;
  }
  return null;
}

export function PaperBallotEntry({ dossierIds, draft, onChange }: { dossierIds: string[]; draft: BallotDraft; onChange: (d: BallotDraft) => void }) {
  const { t } = useTranslation();
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = applyKey(draft, e.key, dossierIds.length);
    if (next) {
      e.preventDefault();
      onChange(next);
    }
  };
  const markName = (m: PaperMark | undefined) => (m ? t(`meeting.paper.mark.${m}`) : '·');
  const totals = dossierIds.map((_, i) => Object.fromEntries(PAPER_MARKS.map((m) => [m, draft.done.filter((b) => b[i] === m).length])) as Record<PaperMark, number>);
  return (
    <div>
      <div
        tabIndex={0}
        role="group"
        className="ballot-entry"
        data-testid="paper-ballot-entry"
        aria-label={t('meeting.paper.ballotKeys')}
        onKeyDown={onKey}
        style={{ padding: 8, border: '1px solid #595959', borderRadius: 4, marginBottom: 8 }}
      >
        <p style={{ margin: 0 }}>{t('meeting.paper.ballotKeys')}</p>
        <p style={{ margin: '4px 0 0' }} data-testid="paper-ballot-current" aria-live="polite">
          {t('meeting.paper.ballotCurrent', { number: draft.done.length + 1 })}
          {dossierIds.map((d, i) => (
            <span key={d} style={{ marginLeft: 12 }}>
              {d}: <strong>{markName(draft.current[i])}</strong>
            </span>
          ))}
        </p>
      </div>
      <table className="data-table" data-testid="paper-ballot-totals">
        <thead>
          <tr>
            <th>{t('meeting.col.dossiers')}</th>
            {PAPER_MARKS.map((m) => (
              <th key={m}>{t(`meeting.paper.mark.${m}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {dossierIds.map((d, i) => (
            <tr key={d}>
              <td>{d}</td>
              {PAPER_MARKS.map((m) => (
                <td key={m} data-testid={`paper-total-${d}-${m}`}>
                  {totals[i]?.[m] ?? 0}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="paper-ballot-count">{t('meeting.paper.ballotCount', { count: draft.done.length })}</p>
    </div>
  );
}
