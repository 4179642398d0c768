import type { KeyboardEvent } from 'react';
import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemDoc } from '../../../shared/bundle/schema';
import { formatPoints, parsePoints } from '../../../shared/domain/scoring';
import { formatNumber } from '../../components/format';
import { FieldStatus } from './FieldStatus';
import type { EvidenceLine, FieldSave } from './sheet-model';

export interface SheetItemProps {
  item: ItemDoc;
  evidence: EvidenceLine[];
  draft: string;
  field: FieldSave | undefined;
  readOnly: boolean;
  /** Registers the element that takes focus for this item. */
  focusRef: (el: HTMLElement | null) => void;
  onDraft: (text: string) => void;
  onCommit: () => Promise<boolean>;
  onPick: (score: number) => void;
  /** Enter: the item is confirmed, go to the next. */
  onNext: () => void;
}

function Evidence({ lines }: { lines: EvidenceLine[] }) {
  const { t, i18n } = useTranslation();
  if (lines.length === 0) return null;
  return (
    <ul className="item-evidence" data-testid="item-evidence" aria-label={t('scoring.evidence')}>
      {lines.map((l) => (
        <li key={l.id}>
          <span className="muted">{l.label}：</span>
          {l.value === null ? (
            <span className="muted">{t('scoring.evidenceMissing')}</span>
          ) : typeof l.value === 'number' ? (
            <span className="num">
              {formatNumber(l.value, i18n.language)}
              {l.unit ? ` ${l.unit}` : ''}
            </span>
          ) : (
            <span>{l.value}</span>
          )}
          {l.note ? <span className="muted">（{l.note}）</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Banded items: one Tab stop; digits 1..n or ←/→ pick a band, Enter goes on. */
function BandPicker({ item, draft, readOnly, focusRef, onPick, onNext, describedBy }: Pick<SheetItemProps, 'item' | 'draft' | 'readOnly' | 'focusRef' | 'onPick' | 'onNext'> & { describedBy: string }) {
  const { t } = useTranslation();
  const bands = item.bands ?? [];
  const current = draft.trim() === '' ? null : parsePoints(draft);
  const index = bands.findIndex((b) => b.score === current);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      onNext();
      return;
    }
    if (readOnly) return;
    const digit = /^[1-9]$/.test(e.key) ? Number(e.key) : 0;
    let pick = -1;
    if (digit >= 1 && digit <= bands.length) pick = digit - 1;
    else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') pick = Math.min(bands.length - 1, index + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') pick = Math.max(0, index < 0 ? 0 : index - 1);
    const band = bands[pick];
    if (!band) return;
    e.preventDefault();
    onPick(band.score);
  };
  return (
    <div
      className="band-picker"
      role="radiogroup"
      tabIndex={0}
      ref={focusRef}
      aria-label={t('scoring.bandsOf', { label: item.label, n: bands.length })}
      aria-readonly={readOnly || undefined}
      aria-describedby={describedBy}
      data-testid="band-picker"
      onKeyDown={onKey}
    >
      {bands.map((b, i) => (
        <button
          key={b.label}
          type="button"
          role="radio"
          tabIndex={-1}
          aria-checked={i === index}
          className={i === index ? 'band-option selected' : 'band-option'}
          data-testid="band-option"
          disabled={readOnly && i !== index}
          onClick={() => !readOnly && onPick(b.score)}
        >
          <kbd>{i + 1}</kbd> {b.label} {formatPoints(b.score)}
        </button>
      ))}
    </div>
  );
}

/** One score item: label, cap, guidance, the applicant's evidence beside it, the input and its save state. */
export function SheetItem(props: SheetItemProps) {
  const { t } = useTranslation();
  const { item, draft, field, readOnly, focusRef, onDraft, onCommit, onNext } = props;
  const statusId = `status-${item.id}`;
  const banded = (item.bands?.length ?? 0) > 0;
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    void onCommit().then((ok) => ok && onNext());
  };
  return (
    <section className={field?.state === 'error' || field?.state === 'invalid' ? 'sheet-item has-error' : 'sheet-item'} data-testid="sheet-item" data-item-id={item.id}>
      <div className="sheet-item-head">
        <span className="sheet-item-label">{item.label}</span>
        <span className="sheet-item-cap" data-testid="item-cap">
          {t('scoring.cap', { points: formatPoints(item.max) })}
        </span>
      </div>
      {item.guidance ? <div className="sheet-item-guidance">{item.guidance}</div> : null}
      <Evidence lines={props.evidence} />
      <div className="sheet-item-input">
        {banded ? (
          <BandPicker {...props} describedBy={statusId} />
        ) : (
          <Input
            ref={(r) => focusRef(r?.input ?? null)}
            className="score-input"
            data-testid="score-input"
            inputMode="decimal"
            autoComplete="off"
            aria-label={t('scoring.scoreOf', { label: item.label })}
            aria-invalid={field?.state === 'error' || field?.state === 'invalid' || undefined}
            aria-describedby={statusId}
            readOnly={readOnly}
            value={draft}
            maxLength={8}
            suffix={`/ ${formatPoints(item.max)}`}
            onChange={(e) => onDraft(e.target.value)}
            onBlur={() => void onCommit()}
            onKeyDown={onKey}
          />
        )}
        <FieldStatus field={field} item={item} id={statusId} />
      </div>
    </section>
  );
}
