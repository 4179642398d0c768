import { useEffect, useState } from 'react';
import { Alert, Button, Spin, Tag } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import type { AttachmentInfo } from '../../../shared/types';
import { errorShape } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBytes } from '../../components/format';
import { useStore } from '../../store';
import { isSha256, openAttachmentUrl, viewerKind } from './attachment-url';
import { ImageViewer } from './ImageViewer';
import { OpenFailed } from './OpenFailed';
import { PdfViewer } from './PdfViewer';

export interface AttachmentViewerProps {
  /** The dossier the attachment belongs to: the backend grants access per dossier and person. */
  dossierId: string;
  attachment: Pick<AttachmentInfo, 'sha256' | 'name' | 'mediaType' | 'size'>;
  /** Given when the viewer stands alone: it then shows its own title bar with a close button. */
  onClose?(): void;
}

type Opened = { key: string; url: string } | { key: string; error: AppErrorShape };

/** The capability URL for this attachment as the current person, or the backend's refusal; null while asking. */
function useAttachmentUrl(sessionId: string | null, dossierId: string, sha256: string, wanted: boolean): Opened | null {
  const key = `${sessionId ?? ''}/${dossierId}/${sha256}`;
  const [opened, setOpened] = useState<Opened | null>(null);
  useEffect(() => {
    if (!wanted || !sessionId) return;
    let live = true;
    openAttachmentUrl({ sessionId, dossierId, sha256 }).then(
      (url) => live && setOpened({ key, url }),
      (err: unknown) => live && setOpened({ key, error: errorShape(err) }),
    );
    return () => {
      live = false;
    };
  }, [key, sessionId, dossierId, sha256, wanted]);
  // An answer for another attachment (before the new one arrives) is never shown.
  return opened?.key === key ? opened : null;
}

/** Shows one attachment, fetched against a capability the backend grants: a PDF page by page, or an image. */
export function AttachmentViewer({ dossierId, attachment, onClose }: AttachmentViewerProps) {
  const { t } = useTranslation();
  const sessionId = useStore((s) => s.sessionId);
  const { name, mediaType } = attachment;
  const kind = viewerKind(mediaType);
  const valid = isSha256(attachment.sha256);
  const opened = useAttachmentUrl(sessionId, dossierId, attachment.sha256, valid && kind !== 'unsupported');

  let body;
  if (!valid) body = <OpenFailed name={name} reason="other" />;
  else if (kind === 'unsupported') body = <Alert type="info" showIcon title={t('viewer.unsupported', { type: mediaType })} />;
  else if (opened === null) body = <Spin data-testid="viewer-opening" />;
  else if ('error' in opened) body = <ErrorAlert error={opened.error} title={t('viewer.openFailed', { name })} />;
  else if (kind === 'pdf') body = <PdfViewer key={opened.url} url={opened.url} name={name} />;
  else body = <ImageViewer key={opened.url} url={opened.url} name={name} />;

  return (
    <section className="viewer" data-testid="attachment-viewer" aria-label={t('viewer.title', { name })}>
      {onClose ? (
        <header className="viewer-header">
          <strong className="viewer-name" title={name}>
            {name}
          </strong>
          <Tag>{kind === 'pdf' ? 'PDF' : mediaType.replace('image/', '').toUpperCase()}</Tag>
          <span className="error-code">{formatBytes(attachment.size)}</span>
          <Button type="text" icon={<CloseOutlined />} aria-label={t('viewer.close')} title={t('viewer.close')} onClick={onClose} />
        </header>
      ) : null}
      {body}
    </section>
  );
}
