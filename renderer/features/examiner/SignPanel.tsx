// Signing the findings: the anomalies acknowledged, the examiner's own passphrase; then the PDF and Excel exports.
import { useState } from 'react';
import { Alert, Button, Checkbox, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExaminerAnalysisView, FindingsStatementView } from '../../../shared/examiner/views';
import { call } from '../../api/client';
import { formatDateTime } from '../audit/time';

export function SignPanel({
  sessionId,
  analysis,
  statement,
  canWrite,
  busy,
  run,
  onPdf,
  onExcel,
}: {
  sessionId: string;
  analysis: ExaminerAnalysisView;
  statement: FindingsStatementView | null;
  canWrite: boolean;
  busy: boolean;
  run: (fn: () => Promise<unknown>) => Promise<boolean>;
  onPdf: () => void;
  onExcel: () => void;
}) {
  const { t } = useTranslation();
  const [acked, setAcked] = useState<Set<string>>(() => new Set(statement?.payload.anomalies.acknowledged.map((a) => a.key) ?? []));
  const [pass, setPass] = useState('');
  const toggle = (key: string, on: boolean) =>
    setAcked((s) => {
      const n = new Set(s);
      if (on) n.add(key);
      else n.delete(key);
      return n;
    });
  const sign = async () => {
    const done = await run(() => call('signFindings', { sessionId, passphrase: pass, acknowledged: [...acked].filter((k) => analysis.anomalies.some((a) => a.key === k)) }));
    if (done) setPass('');
  };

  return (
    <section data-testid="sign-findings" aria-label={t('examiner.sign.title')}>
      <h3>{t('examiner.sign.title')}</h3>
      {statement ? (
        <Alert
          type="success"
          data-testid="findings-signed"
          title={t('examiner.sign.signed', { version: statement.version, fingerprint: statement.fingerprint, hash: statement.payloadSha256.slice(0, 16), time: formatDateTime(statement.signedAt) })}
        />
      ) : (
        <p>{t('examiner.sign.notSigned')}</p>
      )}
      {canWrite ? (
        <>
          <h4>{t('examiner.sign.ackTitle')}</h4>
          <Space style={{ marginBottom: 8 }}>
            <Button size="small" data-testid="ack-all" onClick={() => setAcked(new Set(analysis.anomalies.map((a) => a.key)))}>
              {t('examiner.sign.ackAll')}
            </Button>
            <Button size="small" onClick={() => setAcked(new Set())}>
              {t('examiner.sign.ackNone')}
            </Button>
            <span data-testid="ack-count">{t('examiner.sign.acked', { count: analysis.anomalies.filter((a) => acked.has(a.key)).length, total: analysis.anomalies.length })}</span>
          </Space>
          <ul className="examiner-ack-list">
            {analysis.anomalies.map((a) => (
              <li key={a.key}>
                <Checkbox checked={acked.has(a.key)} onChange={(e) => toggle(a.key, e.target.checked)}>
                  {t(`examiner.severity.${a.severity}`)} · {t(`examiner.rule.${a.rule}`)} · {[a.evidence.dossierId, a.evidence.expertId].filter(Boolean).join(' / ')}
                </Checkbox>
              </li>
            ))}
          </ul>
          <Space wrap>
            <Input.Password
              aria-label={t('examiner.sign.passphrase')}
              placeholder={t('examiner.sign.passphrase')}
              data-testid="findings-passphrase"
              value={pass}
              onChange={(e) => setPass(e.target.value)}
              onPressEnter={() => void sign()}
              style={{ width: 260 }}
            />
            <Button type="primary" disabled={!pass} loading={busy} data-testid="findings-sign" onClick={() => void sign()}>
              {t('examiner.sign.submit')}
            </Button>
          </Space>
        </>
      ) : null}
      <Space style={{ marginTop: 12, display: 'flex' }}>
        <Button disabled={!statement} data-testid="findings-pdf" onClick={onPdf}>
          {t('examiner.sign.pdf')}
        </Button>
        <Button data-testid="findings-excel" onClick={onExcel}>
          {t('examiner.sign.excel')}
        </Button>
      </Space>
    </section>
  );
}
