// Spot checks (抽查): size or rate, stratified or not, a stated salt; the drawn sample with a finding per dossier.
import { useState } from 'react';
import { Button, Checkbox, Input, InputNumber, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SpotCheckView } from '../../../shared/examiner/views';
import { call } from '../../api/client';
import { formatDateTime } from '../audit/time';

function FindingRow({ sessionId, d, spot, canWrite, run }: { sessionId: string; d: SpotCheckView['dossiers'][number]; spot: SpotCheckView; canWrite: boolean; run: (fn: () => Promise<unknown>) => Promise<boolean> }) {
  const { t } = useTranslation();
  const saved = spot.findings.find((f) => f.dossierId === d.id);
  const [conforms, setConforms] = useState<boolean | null>(saved ? saved.conforms : null);
  const [reason, setReason] = useState(saved?.reason ?? '');
  const dirty = !saved || saved.conforms !== conforms || saved.reason !== reason.trim();
  return (
    <tr data-testid={`spot-${d.id}`}>
      <td>{d.packetNo}</td>
      <td>{d.name}</td>
      <td>
        <Radio.Group disabled={!canWrite} value={conforms} onChange={(e) => setConforms(e.target.value as boolean)} aria-label={t('examiner.col.finding')}>
          <Radio value={true} data-testid={`conforms-${d.id}`}>{t('examiner.spot.conforms')}</Radio>
          <Radio value={false} data-testid={`not-conforms-${d.id}`}>{t('examiner.spot.notConforms')}</Radio>
        </Radio.Group>
      </td>
      <td>
        <Input
          disabled={!canWrite}
          aria-label={t('examiner.col.reason')}
          placeholder={t('examiner.spot.reasonPlaceholder')}
          data-testid={`reason-${d.id}`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </td>
      <td>
        {canWrite ? (
          <Button
            size="small"
            disabled={conforms === null || !dirty}
            data-testid={`save-finding-${d.id}`}
            onClick={() => void run(() => call('recordFinding', { sessionId, sampleId: spot.sampleId, dossierId: d.id, conforms: conforms === true, reason }))}
          >
            {t('examiner.spot.save')}
          </Button>
        ) : null}
        {saved && !dirty ? <span data-testid={`finding-saved-${d.id}`}> {t('examiner.spot.saved')}</span> : null}
      </td>
    </tr>
  );
}

export function SpotCheckPanel({ sessionId, spot, canWrite, busy, run }: { sessionId: string; spot: SpotCheckView | null; canWrite: boolean; busy: boolean; run: (fn: () => Promise<unknown>) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'rate' | 'size'>('rate');
  const [rate, setRate] = useState<number | null>(10);
  const [size, setSize] = useState<number | null>(3);
  const [stratified, setStratified] = useState(true);
  const [salt, setSalt] = useState('');
  const draw = () =>
    run(() =>
      call('drawSpotCheck', mode === 'rate' ? { sessionId, rate: (rate ?? 0) / 100, stratified, salt } : { sessionId, size: size ?? 0, stratified, salt }),
    );

  return (
    <section data-testid="spot-check" aria-label={t('examiner.spot.title')}>
      <h3>{t('examiner.spot.title')}</h3>
      <p>{t('examiner.spot.how')}</p>
      {canWrite ? (
        <Space wrap style={{ marginBottom: 12 }}>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'rate' | 'size')}>
            <Radio value="rate">{t('examiner.spot.byRate')}</Radio>
            <Radio value="size">{t('examiner.spot.bySize')}</Radio>
          </Radio.Group>
          {mode === 'rate' ? (
            <InputNumber aria-label={t('examiner.spot.rate')} data-testid="spot-rate" min={1} max={100} value={rate} onChange={setRate} addonAfter="%" />
          ) : (
            <InputNumber aria-label={t('examiner.spot.size')} data-testid="spot-size" min={1} precision={0} value={size} onChange={setSize} />
          )}
          <Checkbox checked={stratified} onChange={(e) => setStratified(e.target.checked)} data-testid="spot-stratified">
            {t('examiner.spot.stratified')}
          </Checkbox>
          <Input aria-label={t('examiner.spot.salt')} placeholder={t('examiner.spot.salt')} data-testid="spot-salt" style={{ width: 280 }} value={salt} onChange={(e) => setSalt(e.target.value)} />
          <Button type="primary" loading={busy} data-testid="spot-draw" onClick={() => void draw()}>
            {t('examiner.spot.draw')}
          </Button>
        </Space>
      ) : null}
      {spot ? (
        <>
          <p data-testid="spot-drawn">
            {t('examiner.spot.drawn', { id: spot.sampleId, size: spot.size, population: spot.population, time: formatDateTime(spot.drawnAt) })}
            <br />
            {t('examiner.spot.seed', { hash: spot.bundleHash, salt: spot.salt })}
          </p>
          <table className="dt" data-testid="spot-table">
            <thead>
              <tr>
                <th scope="col">{t('examiner.col.packetNo')}</th>
                <th scope="col">{t('examiner.col.name')}</th>
                <th scope="col">{t('examiner.col.finding')}</th>
                <th scope="col">{t('examiner.col.reason')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {spot.dossiers.map((d) => (
                <FindingRow key={`${spot.sampleId}-${d.id}`} sessionId={sessionId} d={d} spot={spot} canWrite={canWrite} run={run} />
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>{t('examiner.spot.none')}</p>
      )}
    </section>
  );
}
