import { useState } from 'react';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatPoints, sheetTotal, standardMax } from '../../../shared/domain/scoring';
import type { AppErrorShape } from '../../../shared/errors';
import type { ScoreSheetView } from '../../../shared/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { translateError } from '../../i18n';
import { useStore } from '../../store';
import { OPINION, type SubmitProblem } from '../../store/scoring-slice';
import { authErrorFor, retryAt, useCountdown } from '../identity/auth-error';

const AT_FIELD = new Set(['AUTH_BAD_PASSPHRASE', 'AUTH_RATE_LIMITED', 'AUTH_NO_KEY']);

/** 提交并签名: everything that will be signed, then the passphrase. Refusals are shown here, nothing is lost. */
export function SubmitModal({ open, view, onClose, onSubmitted }: { open: boolean; view: ScoreSheetView; onClose: () => void; onSubmitted?: () => void }) {
  const { t } = useTranslation();
  // Each opening starts empty: no passphrase or error left from the last one.
  const [opening, setOpening] = useState(0);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setOpening((n) => n + 1);
  }
  return (
    // The summary scrolls inside the dialog; the passphrase and the buttons stay pinned below it (issue 13).
    <Modal
      open={open}
      scrollLock={false}
      destroyOnHidden
      width={720}
      title={t('scoring.submit')}
      footer={null}
      onCancel={onClose}
      classNames={{ body: 'modal-split' }}
    >
      <SubmitBody key={opening} view={view} onClose={onClose} onSubmitted={onSubmitted ?? onClose} />
    </Modal>
  );
}

function SubmitBody({ view, onClose, onSubmitted }: { view: ScoreSheetView; onClose: () => void; onSubmitted: () => void }) {
  const { t } = useTranslation();
  const submit = useStore((s) => s.submitSheet);
  const principal = useStore((s) => s.principal);
  const fields = useStore((s) => s.fieldSave);
  const [pass, setPass] = useState('');
  const [problem, setProblem] = useState<SubmitProblem | null>(null);
  const [required, setRequired] = useState(false);
  const [until, setUntil] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const wait = useCountdown(until);
  const items = view.standard.items;
  const scores = view.sheet.scores;
  const missing = items.filter((i) => scores[i.id] === undefined).length;
  // Nothing is signed while a field is still saving or in error: the passphrase waits until every item is saved.
  const unsavedKeys = Object.keys(fields).filter((k) => fields[k]?.state !== 'saved');
  const unsavedLabels = unsavedKeys.map((k) => items.find((i) => i.id === k)?.label ?? t(k === OPINION ? 'scoring.opinion' : 'scoring.recommendation'));
  const unsaved = unsavedKeys.length > 0;

  const go = async () => {
    if (pass.length === 0) {
      setRequired(true);
      return;
    }
    setRequired(false);
    setBusy(true);
    const p = await submit(pass);
    setBusy(false);
    setPass('');
    if (p === null) {
      onSubmitted();
      return;
    }
    setProblem(p);
    setUntil(typeof p === 'string' ? null : retryAt(p));
  };

  const coded: AppErrorShape | null = problem && typeof problem !== 'string' ? problem : null;
  const atField = coded && AT_FIELD.has(coded.code) && !(coded.code === 'AUTH_RATE_LIMITED' && wait === 0) ? coded : null;
  const fieldText = required ? t('scoring.passphraseRequired') : atField ? translateError(t, authErrorFor(atField, principal.expertName ?? '', wait)) : null;
  const other = coded && !AT_FIELD.has(coded.code) ? { ...coded, details: { count: missing, ...coded.details } } : null;

  return (
    <div data-testid="submit-modal" className="modal-split-inner">
      {/* Focusable so that the keyboard can scroll a long summary (axe: scrollable-region-focusable). */}
      <div className="modal-split-scroll" data-testid="submit-scroll" tabIndex={0} role="region" aria-label={t('scoring.submitIntro')}>
        <p>{t('scoring.submitIntro')}</p>
        <table className="dt submit-summary" data-testid="submit-summary">
          <thead>
            <tr>
              <th scope="col">{t('scoring.item')}</th>
              <th scope="col" className="num">
                {t('scoring.score')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((it) => {
              const v = scores[it.id];
              return (
                <tr key={it.id}>
                  <td>
                    <span className="muted">{it.group} · </span>
                    {it.label}
                  </td>
                  <td className={v === undefined ? 'num field-error' : 'num'}>{v === undefined ? t('scoring.unscored') : `${formatPoints(v)} / ${formatPoints(it.max)}`}</td>
                </tr>
              );
            })}
            <tr className="summary-total">
              <th scope="row">{t('scoring.totalLabel')}</th>
              <td className="num" data-testid="submit-total">
                {`${formatPoints(sheetTotal(items, scores))} / ${formatPoints(standardMax(items))}`}
              </td>
            </tr>
          </tbody>
        </table>
        <dl className="submit-texts">
          <dt>{t('scoring.opinion')}</dt>
          <dd data-testid="submit-opinion">{view.sheet.opinion || t('common.none')}</dd>
          {view.recommendationEnabled ? (
            <>
              <dt>{t('scoring.recommendation')}</dt>
              <dd data-testid="submit-recommendation">{view.sheet.recommendation ? t(`scoring.rec.${view.sheet.recommendation}`) : t('common.none')}</dd>
            </>
          ) : null}
        </dl>
        {missing > 0 ? <Alert type="warning" showIcon title={t('scoring.unscoredCount', { count: missing })} style={{ marginBottom: 12 }} /> : null}
      </div>
      <div className="modal-split-footer" data-testid="submit-footer">
        {unsaved ? (
          <Alert type="error" showIcon role="alert" data-testid="submit-unsaved" title={t('screens.unsavedItems', { items: unsavedLabels.join('、') })} style={{ marginBottom: 12 }} />
        ) : null}
        {problem === 'unsaved' ? <Alert type="error" showIcon role="alert" data-testid="submit-error" title={t('scoring.unsaved')} style={{ marginBottom: 12 }} /> : null}
        {other ? (
          <div data-testid="submit-error" style={{ marginBottom: 12 }}>
            <ErrorAlert error={other} />
          </div>
        ) : null}
        <Form layout="vertical" onFinish={() => void go()}>
          <Form.Item
            label={t('scoring.passphrase')}
            extra={t('scoring.passphraseHint')}
            validateStatus={fieldText ? 'error' : ''}
            help={fieldText ? <span data-testid="submit-passphrase-error" data-error-code={atField?.code}>{fieldText}</span> : null}
            htmlFor="submit-pass"
          >
            <Input.Password id="submit-pass" data-testid="submit-passphrase" autoFocus disabled={unsaved} value={pass} maxLength={256} onChange={(e) => setPass(e.target.value)} />
          </Form.Item>
          <div className="modal-actions">
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={busy} disabled={wait > 0 || unsaved} data-testid="submit-confirm">
              {t('scoring.submit')}
            </Button>
          </div>
        </Form>
      </div>
    </div>
  );
}
