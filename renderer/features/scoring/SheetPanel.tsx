import { Alert, Button, Input, Radio, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatPoints, sheetTotal, standardMax } from '../../../shared/domain/scoring';
import type { Recommendation, ScoreSheetView } from '../../../shared/types';
import { useStore } from '../../store';
import { OPINION, RECOMMENDATION } from '../../store/scoring-slice';
import { EligibilityTag } from '../dossiers/DossierTable';
import { FieldStatus } from './FieldStatus';
import { SheetItem } from './SheetItem';
import { evidenceFor, groupItems, shortKeyid, workingScores } from './sheet-model';

const RECOMMENDATIONS: readonly Recommendation[] = ['agree', 'disagree', 'abstain'];

export interface SheetFocus {
  register(key: string): (el: HTMLElement | null) => void;
  next(itemId: string): void;
}

/** The right-hand side of the sheet: facts, items by group with caps, bands and evidence, opinion, total, submit. */
export function SheetPanel({ view, focus, onSubmit }: { view: ScoreSheetView; focus: SheetFocus; onSubmit: () => void }) {
  const { t, i18n } = useTranslation();
  const drafts = useStore((s) => s.drafts);
  const fields = useStore((s) => s.fieldSave);
  const receipt = useStore((s) => s.receipt);
  const identities = useStore((s) => s.identities);
  const principal = useStore((s) => s.principal);
  const setDraft = useStore((s) => s.setDraft);
  const commit = useStore((s) => s.commitScore);
  const pick = useStore((s) => s.pickBand);
  const setOpinion = useStore((s) => s.setOpinion);
  const setRecommendation = useStore((s) => s.setRecommendation);

  const { dossier, standard, sheet } = view;
  const items = standard.items;
  const locked = sheet.status === 'submitted';
  const working = workingScores(items, sheet.scores, drafts, fields);
  const fingerprint =
    receipt?.fingerprint ??
    identities.find((r) => r.keyid !== null && r.keyid === sheet.keyid)?.fingerprint ??
    principal.fingerprint ??
    (sheet.keyid ? shortKeyid(sheet.keyid) : '');

  return (
    <div className="sheet-panel" data-testid="score-sheet" data-dossier-id={dossier.id} data-status={sheet.status}>
      <div className="sheet-facts" aria-label={t('scoring.facts')}>
        <span>
          {t('eligibility.title')}：<EligibilityTag value={dossier.eligibility.overall} />
        </span>
        <span>
          {t('dossier.reviewType')}：
          {dossier.reviewType === 'normal' ? t('reviewType.normal') : <Tag color="blue">{t(`reviewType.${dossier.reviewType}`)}</Tag>}
        </span>
      </div>
      {dossier.greenChannelJustification ? (
        <section className="green-block" aria-label={t('dossier.green')} data-testid="sheet-green">
          <strong>{t('dossier.green')}</strong>
          <div>{dossier.greenChannelJustification}</div>
        </section>
      ) : null}
      {locked ? (
        <Alert
          type="success"
          showIcon
          data-testid="sheet-locked"
          style={{ marginBottom: 12 }}
          title={t('scoring.locked')}
          description={
            <>
              <div>
                {t('scoring.lockedDetail', {
                  time: sheet.submittedAt ? new Date(sheet.submittedAt).toLocaleString(i18n.language) : '',
                  fingerprint,
                })}
              </div>
              <div>{t('scoring.readOnly')}</div>
            </>
          }
        />
      ) : null}
      {sheet.unlockReason ? (
        <Alert type="warning" showIcon data-testid="sheet-unlocked" style={{ marginBottom: 12 }} title={t('scoring.unlocked', { reason: sheet.unlockReason })} />
      ) : null}

      {groupItems(items).map((g) => (
        <section key={g.group} className="sheet-group" aria-label={g.group} data-testid="sheet-group">
          <h3 className="sheet-group-title">
            <span>{g.group}</span>
            <span className="muted num">
              {t('scoring.subtotal', { total: formatPoints(sheetTotal(g.items, working)), max: formatPoints(standardMax(g.items)) })}
            </span>
          </h3>
          {g.items.map((it) => (
            <SheetItem
              key={it.id}
              item={it}
              evidence={evidenceFor(it, dossier, standard)}
              draft={drafts[it.id] ?? ''}
              field={fields[it.id]}
              readOnly={locked}
              focusRef={focus.register(it.id)}
              onDraft={(text) => setDraft(it.id, text)}
              onCommit={() => commit(it.id)}
              onPick={(score) => void pick(it.id, score)}
              onNext={() => focus.next(it.id)}
            />
          ))}
        </section>
      ))}

      <section className="sheet-opinion">
        <label htmlFor="sheet-opinion" className="sheet-item-label">
          {t('scoring.opinion')}
        </label>
        <Input.TextArea
          id="sheet-opinion"
          ref={(r) => focus.register(OPINION)(r?.resizableTextArea?.textArea ?? null)}
          data-testid="opinion-input"
          rows={5}
          maxLength={5000}
          readOnly={locked}
          value={sheet.opinion}
          placeholder={locked ? '' : t('scoring.opinionPlaceholder')}
          aria-describedby="status-opinion"
          onChange={(e) => setOpinion(e.target.value)}
        />
        <FieldStatus field={fields[OPINION]} id="status-opinion" />
      </section>

      {view.recommendationEnabled ? (
        <section className="sheet-opinion">
          <span className="sheet-item-label" id="rec-label">
            {t('scoring.recommendation')}
          </span>
          <Radio.Group
            aria-labelledby="rec-label"
            data-testid="recommendation"
            disabled={locked}
            value={sheet.recommendation}
            options={RECOMMENDATIONS.map((r) => ({ value: r, label: t(`scoring.rec.${r}`) }))}
            onChange={(e) => void setRecommendation(e.target.value as Recommendation)}
          />
          <FieldStatus field={fields[RECOMMENDATION]} />
        </section>
      ) : null}

      <div className="sheet-footer">
        <strong className="sheet-total num" data-testid="sheet-total" aria-live="polite">
          {t('scoring.total', { total: formatPoints(sheetTotal(items, working)), max: formatPoints(standardMax(items)) })}
        </strong>
        {locked ? (
          <Tag color="green">{t('scoring.locked')}</Tag>
        ) : (
          <Button type="primary" data-testid="submit-open" onClick={onSubmit} title={t('scoring.submitShortcut')}>
            {t('scoring.submit')}
          </Button>
        )}
      </div>
    </div>
  );
}
