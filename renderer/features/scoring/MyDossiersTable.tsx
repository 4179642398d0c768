import type { KeyboardEvent } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatPoints } from '../../../shared/domain/scoring';
import type { AssignmentRow, SheetStatus } from '../../../shared/types';
import { EligibilityTag } from '../dossiers/DossierTable';

const STATUS_COLOR: Record<SheetStatus, string> = { unscored: 'default', draft: 'gold', submitted: 'green', recused: 'default' };

export function SheetStatusTag({ status }: { status: SheetStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`scoring.status.${status}`)}</Tag>;
}

/**
 * An expert's assignments: a few hundred rows at most, so a plain (printable) table. ↑/↓ move, Enter or click opens;
 * recused rows are greyed, with the reason, and never open.
 */
export function MyDossiersTable({ rows, onOpen }: { rows: AssignmentRow[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const open = (row: AssignmentRow) => {
    if (row.status !== 'recused') onOpen(row.dossierId);
  };
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, row: AssignmentRow) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      open(row);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const sibling = e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
      if (sibling instanceof HTMLElement) sibling.focus();
    }
  };
  return (
    <table className="dt my-table" data-testid="my-dossiers-table" aria-label={t('scoring.myTitle')}>
      <thead>
        <tr>
          <th scope="col">{t('scoring.col.status')}</th>
          <th scope="col">{t('scoring.col.packetNo')}</th>
          <th scope="col">{t('scoring.col.name')}</th>
          <th scope="col">{t('scoring.col.employer')}</th>
          <th scope="col">{t('scoring.col.level')}</th>
          <th scope="col">{t('scoring.col.reviewType')}</th>
          <th scope="col">{t('scoring.col.eligibility')}</th>
          <th scope="col" className="num">
            {t('scoring.col.myTotal')}
          </th>
          <th scope="col">{t('scoring.col.note')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={9} className="dt-empty">
              {t('scoring.empty')}
            </td>
          </tr>
        ) : (
          rows.map((r) => {
            const recused = r.status === 'recused';
            const first = r === rows.find((x) => x.status !== 'recused');
            return (
              <tr
                key={r.dossierId}
                className={recused ? 'my-row recused' : 'my-row'}
                tabIndex={0}
                aria-disabled={recused || undefined}
                data-testid="my-dossier-row"
                data-dossier-id={r.dossierId}
                data-status={r.status}
                data-focus-first={first || undefined}
                onClick={() => open(r)}
                onKeyDown={(e) => onKey(e, r)}
              >
                <td>
                  <SheetStatusTag status={r.status} />
                </td>
                <td>{r.packetNo}</td>
                <td>{r.name}</td>
                <td>{r.employer}</td>
                <td>{t(`level.${r.level}`)}</td>
                <td>{r.reviewType === 'normal' ? t('reviewType.normal') : <Tag color="blue">{t(`reviewType.${r.reviewType}`)}</Tag>}</td>
                <td>
                  <EligibilityTag value={r.eligibility} />
                </td>
                <td className="num" data-testid="my-total">
                  {r.myTotal === null ? '' : formatPoints(r.myTotal)}
                </td>
                <td>{recused && r.recusalReason ? t('scoring.recusedReason', { reason: r.recusalReason }) : ''}</td>
              </tr>
            );
          })
        )}
      </tbody>
    </table>
  );
}
