import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { OpenFailed } from './OpenFailed';
import { useKeepFocus, useStageWidth, useZoom, zoomKey } from './viewer-hooks';
import { ZoomControls } from './ZoomControls';

/** A PNG or JPEG scan at `url` (a blob URL from attachmentUrl), shrunk to fit and zoomable. */
export function ImageViewer({ url, name }: { url: string; name: string }) {
  const { t } = useTranslation();
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const stageRef = useRef<HTMLDivElement>(null);
  const stageWidth = useStageWidth(stageRef);
  const zoom = useZoom('shrink', stageWidth, natural?.width ?? 0);
  useKeepFocus(stageRef, String(zoom.scale));

  useEffect(() => {
    stageRef.current?.focus({ preventScroll: true });
  }, []);

  if (failed) return <OpenFailed name={name} reason="other" />;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (zoomKey(e, zoom)) e.preventDefault();
  };

  return (
    <div className="viewer-body" onKeyDown={onKeyDown}>
      <div className="viewer-toolbar" role="toolbar" aria-label={t('viewer.toolbar')}>
        <ZoomControls zoom={zoom} />
      </div>
      <div className="viewer-stage" ref={stageRef} tabIndex={0} aria-label={t('viewer.stage')}>
        {natural ? null : (
          <div className="viewer-loading" role="status">
            <Spin />
            <span>{t('viewer.loading')}</span>
          </div>
        )}
        <img
          src={url}
          alt={t('viewer.image', { name })}
          data-testid="image-view"
          className="viewer-image"
          draggable={false}
          onLoad={(e) => setNatural({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
          onError={() => setFailed(true)}
          style={natural ? { width: natural.width * zoom.scale, height: natural.height * zoom.scale } : { visibility: 'hidden' }}
        />
      </div>
    </div>
  );
}
