// The meeting's prints and the results workbook (issue 9 items 6–7), for the secretary and the chair: paper ballots
// for a paper round; once every round is closed, the minutes, the 投票结果表, the 公示 list (with the notice period
// from a chosen start, skipping weekends and the holidays the secretary keeps here), the score sheets, and the Excel.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatHolidays, isIsoDay, noticePeriod, parseHolidays } from '../../../shared/domain/notice-period';
import type { AppErrorShape } from '../../../shared/errors';
import type { MeetingView } from '../../../shared/meeting-types';
import type { PrintView } from '../../../shared/print';
import { ApiError, call, errorShape, shell } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';

/** Today as YYYY-MM-DD in the user's zone: the default start of the notice. */
function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

const fileName = (s: string) => s.replace(/[\\/:*?"<>|]/g, '_');

export function MeetingPrints({ sessionId, view, resultsShown }: { sessionId: string; view: MeetingView; resultsShown: boolean }) {
  const { t } = useTranslation();
  const role = useStore((s) => s.principal.role);
  const sessionName = useStore((s) => s.overview?.name ?? sessionId);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [start, setStart] = useState(today);
  const [holidays, setHolidays] = useState<string[]>([]);
  const [holidayText, setHolidayText] = useState('');
  const [holidayErrors, setHolidayErrors] = useState<string[]>([]);
  const [expertId, setExpertId] = useState('');
  const secretary = role === 'secretary';

  const loadHolidays = useCallback(async () => {
    try {
      const h = await call('getNoticeHolidays', {});
      setHolidays(h.days);
      setHolidayText(formatHolidays(h.days));
    } catch (e) {
      setError(errorShape(e));
    }
  }, []);
  useEffect(() => {
    void loadHolidays();
  }, [loadHolidays]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await fn();
    } catch (e) {
      setError(errorShape(e));
    } finally {
      setBusy(false);
    }
  };

  const print = (printView: PrintView, title: string, params: Record<string, string>) =>
    run(async () => {
      const res = await shell().printToPdf({ view: printView, params: { sessionId, ...params }, suggestedName: fileName(`${title}-${sessionName}.pdf`) });
      if (!res.ok) throw new ApiError(res.error);
      if (res.value) setNotice(t('prints.printed', { file: res.value.file }));
    });

  const exportExcel = () =>
    run(async () => {
      const token = await shell().pickSavePath(fileName(`${t('prints.excel')}-${sessionName}.xlsx`));
      if (!token) return;
      const res = await call('exportResultsExcel', { sessionId, path: token });
      setNotice(t('prints.exported', { rows: res.rows, file: res.path.split(/[\\/]/).pop() ?? '' }));
    });

  const saveHolidays = () => {
    const parsed = parseHolidays(holidayText);
    setHolidayErrors(parsed.bad.map((b) => t('prints.holidayBad', { line: b.line, text: b.text })));
    if (parsed.bad.length > 0) return;
    void run(async () => {
      const h = await call('setNoticeHolidays', { days: parsed.days });
      setHolidays(h.days);
      setHolidayText(formatHolidays(h.days));
      setNotice(t('prints.holidaysSaved', { count: h.days.length }));
    });
  };

  const period = isIsoDay(start) ? noticePeriod(start, holidays) : null;
  const paperRounds = view.rounds.filter((r) => r.kind === 'paper');
  return (
    <Card title={t('prints.title')} style={{ marginTop: 16 }} data-testid="meeting-prints">
      {notice ? <Alert type="success" showIcon title={notice} style={{ marginBottom: 12 }} data-testid="prints-notice" /> : null}
      {error ? <ErrorAlert error={error} /> : null}
      {paperRounds.length > 0 ? (
        <Space wrap style={{ marginBottom: 12 }}>
          {paperRounds.map((r) => (
            <Button key={r.id} disabled={busy} data-testid={`print-ballots-${r.number}`} onClick={() => void print('paper-ballots', t('prints.ballotTitle', { number: r.number }), { roundId: r.id })}>
              {t('prints.printBallots', { number: r.number })}
            </Button>
          ))}
        </Space>
      ) : null}
      {resultsShown ? (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Button type="primary" disabled={busy} data-testid="print-minutes" onClick={() => void print('meeting-minutes', t('prints.minutes'), {})}>
              {t('prints.printMinutes')}
            </Button>
            <Button disabled={busy} data-testid="print-tally" onClick={() => void print('tally-sheet', t('prints.tally'), {})}>
              {t('prints.printTally')}
            </Button>
            {secretary ? (
              <Button disabled={busy} data-testid="export-results-excel" onClick={() => void exportExcel()}>
                {t('prints.excel')}
              </Button>
            ) : null}
          </Space>
          <Space wrap align="center" style={{ marginBottom: 12 }}>
            <label htmlFor="notice-start">{t('prints.noticeStart')}</label>
            <Input id="notice-start" type="date" value={start} onChange={(e) => setStart(e.target.value)} style={{ width: 170 }} data-testid="notice-start" />
            <Button disabled={busy || !period} data-testid="print-notice" onClick={() => void print('notice-list', t('prints.notice'), { start })}>
              {t('prints.printNotice')}
            </Button>
            {period ? (
              <span data-testid="notice-range">{t('prints.noticeRange', { start: period.start, end: period.end, days: period.workingDays.length })}</span>
            ) : null}
          </Space>
          <Space wrap align="center" style={{ marginBottom: 12 }}>
            <Select
              style={{ minWidth: 200 }}
              value={expertId}
              onChange={setExpertId}
              aria-label={t('prints.scoreSheets')}
              data-testid="score-sheets-expert"
              options={[{ value: '', label: t('prints.allExperts') }, ...view.experts.map((e) => ({ value: e.expertId, label: e.name }))]}
            />
            <Button disabled={busy} data-testid="print-score-sheets" onClick={() => void print('score-sheets', t('prints.scoreSheets'), expertId ? { expertId } : {})}>
              {t('prints.printScoreSheets')}
            </Button>
          </Space>
        </>
      ) : null}
      {secretary ? (
        <div>
          <label htmlFor="notice-holidays">{t('prints.holidays')}</label>
          <p className="hint">{t('prints.holidaysHelp')}</p>
          <Input.TextArea id="notice-holidays" rows={3} value={holidayText} onChange={(e) => setHolidayText(e.target.value)} data-testid="notice-holidays" style={{ maxWidth: 420 }} />
          {holidayErrors.map((m) => (
            <div key={m} role="alert" className="field-error">
              {m}
            </div>
          ))}
          <div style={{ marginTop: 8 }}>
            <Button disabled={busy} onClick={saveHolidays} data-testid="notice-holidays-save">
              {t('prints.holidaysSave')}
            </Button>
          </div>
        </div>
      ) : null}
    </Card>
  );
}
