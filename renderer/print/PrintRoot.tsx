// A print view in its own window (hidden in the app, headless in tests): no app chrome, the user's
// language, and attributes on <html> that tell the host when to print and what goes in the page margins.
import { useCallback, useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { PRINT_ATTR, type PrintView } from '../../shared/print';
import { call } from '../api/client';
import { AuditLogPrint } from './AuditLogPrint';
import { FindingsPrint } from './FindingsPrint';
import { MinutesPrint } from './meeting/MinutesPrint';
import { NoticeListPrint } from './meeting/NoticeListPrint';
import { PaperBallotsPrint } from './meeting/PaperBallotsPrint';
import { ScoreSheetsPrint } from './meeting/ScoreSheetsPrint';
import { TallySheetPrint } from './meeting/TallySheetPrint';

/** Each print view by name (shared/print.ts PRINT_VIEWS): every one loads its own data through PRINT_METHODS. */
const VIEWS = {
  'audit-log': AuditLogPrint,
  'meeting-minutes': MinutesPrint,
  'tally-sheet': TallySheetPrint,
  'notice-list': NoticeListPrint,
  'paper-ballots': PaperBallotsPrint,
  'score-sheets': ScoreSheetsPrint,
  'examiner-findings': FindingsPrint,
} as const satisfies Record<PrintView, unknown>;

export interface PrintMeta {
  header: string;
  footer: string;
}

export function PrintRoot({ i18n, view, params }: { i18n: I18n; view: PrintView; params: Record<string, string> }) {
  const [langReady, setLangReady] = useState(false);
  useEffect(() => {
    document.documentElement.classList.add('print-mode');
    call('getPrefs', {}).then(
      (p) => void i18n.changeLanguage(p.locale).then(() => setLangReady(true)),
      () => setLangReady(true),
    );
  }, [i18n]);

  const onReady = useCallback((meta: PrintMeta) => {
    const html = document.documentElement;
    html.setAttribute(PRINT_ATTR.header, meta.header);
    html.setAttribute(PRINT_ATTR.footer, meta.footer);
    // After layout and fonts, so Chromium paginates what the reader will see.
    void document.fonts.ready.then(() => requestAnimationFrame(() => html.setAttribute(PRINT_ATTR.ready, '1')));
  }, []);
  const onError = useCallback((code: string) => document.documentElement.setAttribute(PRINT_ATTR.error, code), []);

  if (!langReady) return null;
  const View = VIEWS[view];
  return (
    <I18nextProvider i18n={i18n}>
      <View params={params} onReady={onReady} onError={onError} />
    </I18nextProvider>
  );
}
