// The secretary's export of the signed result bundle (docs/bundle-format.md §12): optional age encryption to the
// province's X25519 keys or to a passphrase; the chair, the teller and the scrutineer each type their own passphrase
// to seal the first export; progress and cancel while it is written.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Input, Progress, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppEvent } from '../../../shared/contract';
import type { AppErrorShape } from '../../../shared/errors';
import type { ResultExportReport } from '../../../shared/result-bundle/export-types';
import { call, errorShape, onEvent, shell } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';

type Encryption = 'none' | 'recipients' | 'passphrase';
type JobEvent = Extract<AppEvent, { jobId: string }>;

/** Shown to the secretary once the chair has signed the results (before that there is nothing to export). */
export function ResultBundlePanel({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const sessionName = useStore((s) => s.overview?.name ?? sessionId);
  const [signed, setSigned] = useState(false);
  const [mode, setMode] = useState<Encryption>('none');
  const [recipients, setRecipients] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [seal, setSeal] = useState({ chair: '', teller: '', scrutineer: '' });
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState(0);
  const [done, setDone] = useState<ResultExportReport | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  // A job can end before its start call returns: events are kept until the id is known.
  const early = useRef<JobEvent[]>([]);
  const current = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    call('getMeetingResults', { sessionId })
      .then((r) => live && setSigned(r.statements.length > 0))
      .catch(() => live && setSigned(false));
    return () => {
      live = false;
    };
  }, [sessionId]);

  useEffect(() => {
    const handle = (e: JobEvent) => {
      if (e.type === 'job.progress') setProgress(e.bytesTotal > 0 ? Math.min(99, Math.floor((e.bytesDone / e.bytesTotal) * 100)) : 0);
      else if (e.type === 'job.done') {
        if (e.kind === 'resultExport') setDone(e.result);
        setJobId(null);
        current.current = null;
      } else if (e.type === 'job.failed') {
        setError(e.error);
        setJobId(null);
        current.current = null;
      }
    };
    return onEvent((e) => {
      if (!('jobId' in e) || e.kind !== 'resultExport') return;
      if (current.current === e.jobId) handle(e);
      else if (current.current === null) early.current.push(e);
    });
  }, []);

  const start = async () => {
    setError(null);
    setDone(null);
    setProgress(0);
    const list = recipients.split(/\s+/).filter(Boolean);
    const encryption = mode === 'recipients' ? { recipients: list } : mode === 'passphrase' ? { passphrase } : undefined;
    try {
      const path = await shell().pickSavePath(`${t('resultBundle.fileName', { name: sessionName })}.pdresult${mode === 'none' ? '' : '.age'}`.replace(/[\\/]/g, '_'));
      if (!path) return;
      early.current = [];
      const { jobId: id } = await call('exportResultBundle', {
        sessionId,
        path,
        ...(encryption ? { encryption } : {}),
        ...(seal.chair ? { chairPassphrase: seal.chair } : {}),
        ...(seal.teller ? { tellerPassphrase: seal.teller } : {}),
        ...(seal.scrutineer ? { scrutineerPassphrase: seal.scrutineer } : {}),
      });
      setSeal({ chair: '', teller: '', scrutineer: '' });
      current.current = id;
      setJobId(id);
      const pending = early.current.filter((e) => e.jobId === id);
      early.current = [];
      for (const e of pending) {
        if (e.type === 'job.done' && e.kind === 'resultExport') {
          setDone(e.result);
          setJobId(null);
          current.current = null;
        } else if (e.type === 'job.failed') {
          setError(e.error);
          setJobId(null);
          current.current = null;
        }
      }
    } catch (err) {
      setError(errorShape(err));
    }
  };

  const cancel = async () => {
    if (!jobId) return;
    try {
      await call('cancelJob', { jobId });
    } catch (err) {
      setError(errorShape(err));
    }
  };

  const sealField = (role: 'chair' | 'teller' | 'scrutineer') => (
    <Input.Password
      key={role}
      data-testid={`rb-${role}`}
      aria-label={t(`resultBundle.signer.${role}`)}
      placeholder={t(`resultBundle.signer.${role}`)}
      value={seal[role]}
      onChange={(e) => setSeal((s) => ({ ...s, [role]: e.target.value }))}
      style={{ width: 220 }}
    />
  );
  if (!signed) return null;
  const ready = mode === 'none' || (mode === 'recipients' ? recipients.trim().length > 0 : passphrase.length >= 8);

  return (
    <Card title={t('resultBundle.title')} style={{ marginTop: 16 }} data-testid="result-bundle-panel">
      <Typography.Paragraph>{t('resultBundle.intro')}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Encryption)} data-testid="rb-encryption" aria-label={t('resultBundle.encryption.label')}>
          <Radio value="none">{t('resultBundle.encryption.none')}</Radio>
          <Radio value="recipients">{t('resultBundle.encryption.recipients')}</Radio>
          <Radio value="passphrase">{t('resultBundle.encryption.passphrase')}</Radio>
        </Radio.Group>
        {mode === 'recipients' ? (
          <Input.TextArea
            data-testid="rb-recipients"
            aria-label={t('resultBundle.recipientsLabel')}
            placeholder={t('resultBundle.recipientsPlaceholder')}
            value={recipients}
            onChange={(e) => setRecipients(e.target.value)}
            rows={3}
          />
        ) : null}
        {mode === 'passphrase' ? (
          <Input.Password
            data-testid="rb-passphrase"
            aria-label={t('resultBundle.passphraseLabel')}
            placeholder={t('resultBundle.passphraseLabel')}
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            style={{ width: 320 }}
          />
        ) : null}
        <Typography.Text type="secondary">{t('resultBundle.sealHint')}</Typography.Text>
        <Space wrap>{(['chair', 'teller', 'scrutineer'] as const).map(sealField)}</Space>
        <Space>
          <Button type="primary" data-testid="rb-export" disabled={!ready || jobId !== null} onClick={() => void start()}>
            {t('resultBundle.export')}
          </Button>
          {jobId ? (
            <Button data-testid="rb-cancel" onClick={() => void cancel()}>
              {t('resultBundle.cancel')}
            </Button>
          ) : null}
        </Space>
        {jobId ? <Progress percent={progress} status="active" data-testid="rb-progress" aria-label={t('resultBundle.title')} /> : null}
        {done ? (
          <Alert
            type="success"
            showIcon
            data-testid="rb-done"
            title={t('resultBundle.done', { hash: done.bundleHash, bytes: done.bytes, version: done.statementVersion })}
            description={done.sealedNow ? t('resultBundle.sealedNow') : t('resultBundle.sealReused')}
          />
        ) : null}
        {error ? <ErrorAlert error={error} /> : null}
      </Space>
    </Card>
  );
}
