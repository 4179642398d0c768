import { Alert, Button, Tag } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AttachmentInfo } from '../../../shared/types';
import { formatBytes } from '../../components/format';
import { attachmentUrl, viewerKind } from './attachment-url';
import { ImageViewer } from './ImageViewer';
import { OpenFailed } from './OpenFailed';
import { PdfViewer } from './PdfViewer';

export interface AttachmentViewerProps {
  attachment: Pick<AttachmentInfo, 'sha256' | 'name' | 'mediaType' | 'size'>;
  /** Given when the viewer stands alone: it then shows its own title bar with a close button. */
  onClose?(): void;
}

function blobUrl(sha256: string): string | null {
  try {
    return attachmentUrl(sha256);
  } catch {
    return null;
  }
}

/** Shows one attachment from the content-addressed store: a PDF page by page, or an image. */
export function AttachmentViewer({ attachment, onClose }: AttachmentViewerProps) {
  const { t } = useTranslation();
  const { name, mediaType } = attachment;
  const kind = viewerKind(mediaType);
  const url = blobUrl(attachment.sha256);

  let body;
  if (url === null) body = <OpenFailed name={name} reason="other" />;
  else if (kind === 'pdf') body = <PdfViewer key={url} url={url} name={name} />;
  else if (kind === 'image') body = <ImageViewer key={url} url={url} name={name} />;
  else body = <Alert type="info" showIcon title={t('viewer.unsupported', { type: mediaType })} />;

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
