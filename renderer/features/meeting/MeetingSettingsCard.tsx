// The meeting's settings: before the meeting opens the chair sets them and opens it; the chair or the secretary may
// change them until the first round opens; then they are shown read-only (every count was computed with them).
import { useState } from 'react';
import { Button, Checkbox, Input, InputNumber, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeetingSettings } from '../../../shared/domain/meeting-settings';
import type { MeetingView } from '../../../shared/meeting-types';
import { call } from '../../api/client';

export function MeetingSettingsCard({ view, role, run }: { view: MeetingView; role: string; run: (fn: () => Promise<unknown>) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<MeetingSettings & { commitmentText: string }>({ ...view.settings, commitmentText: view.commitmentText });
  const chair = role === 'chair';
  const editable = view.rounds.length === 0 && (view.opened ? chair || role === 'secretary' : chair);
  const signedAny = view.experts.some((e) => e.commitmentSignedAt !== null);

  if (!editable) {
    return (
      <>
        <div className="muted" data-testid="meeting-settings">
          {t('meeting.settingsLine', {
            base: t(`meeting.base.${view.settings.quorumBase}`),
            recused: t(view.settings.recusedCountInA ? 'meeting.recusedIn' : 'meeting.recusedOut'),
            revotes: view.settings.maxRevotes,
          })}
          {view.rounds.length > 0 ? ` ${t('meeting.settingsForm.fixed')}` : ''}
        </div>
      </>
    );
  }
  const input = {
    sessionId: view.sessionId,
    quorumBase: draft.quorumBase,
    recusedCountInA: draft.recusedCountInA,
    maxRevotes: draft.maxRevotes,
    ...(signedAny ? {} : { commitmentText: draft.commitmentText.trim() || view.commitmentText }),
  };
  return (
    <div data-testid="meeting-settings-form">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <span id="quorum-base-label">{t('meeting.settingsForm.base')}</span>
          <Radio.Group aria-labelledby="quorum-base-label" value={draft.quorumBase} onChange={(e) => setDraft({ ...draft, quorumBase: e.target.value as MeetingSettings['quorumBase'] })}>
            <Radio value="all_members" data-testid="settings-base-all">
              {t('meeting.base.all_members')}
            </Radio>
            <Radio value="sitting_members" data-testid="settings-base-sitting">
              {t('meeting.base.sitting_members')}
            </Radio>
          </Radio.Group>
        </Space>
        <Checkbox checked={draft.recusedCountInA} data-testid="settings-recused" onChange={(e) => setDraft({ ...draft, recusedCountInA: e.target.checked })}>
          {t('meeting.settingsForm.recused')}
        </Checkbox>
        <Space>
          <label htmlFor="settings-revotes">{t('meeting.settingsForm.revotes')}</label>
          <InputNumber id="settings-revotes" data-testid="settings-revotes" min={0} max={5} precision={0} value={draft.maxRevotes} onChange={(v) => setDraft({ ...draft, maxRevotes: typeof v === 'number' ? v : 0 })} />
        </Space>
        <label htmlFor="settings-commitment">{t('meeting.settingsForm.commitment')}</label>
        <Input.TextArea
          id="settings-commitment"
          data-testid="settings-commitment"
          disabled={signedAny}
          rows={3}
          value={draft.commitmentText}
          onChange={(e) => setDraft({ ...draft, commitmentText: e.target.value })}
        />
        {view.opened ? (
          <Button data-testid="settings-save" onClick={() => void run(() => call('updateMeetingSettings', input))}>
            {t('meeting.settingsForm.save')}
          </Button>
        ) : (
          <Button type="primary" data-testid="meeting-open" onClick={() => void run(() => call('openMeeting', input))}>
            {t('meeting.open')}
          </Button>
        )}
        <span className="muted">{t('meeting.settingsForm.note')}</span>
      </Space>
    </div>
  );
}
