import { Button } from 'antd';
import { ColumnWidthOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Zoom } from './viewer-hooks';
import { MAX_ZOOM, MIN_ZOOM, zoomPercent } from './zoom';

export function ZoomControls({ zoom }: { zoom: Zoom }) {
  const { t } = useTranslation();
  const percent = zoomPercent(zoom.scale);
  return (
    <div className="viewer-group" role="group" aria-label={t('viewer.zoomLevel', { percent })}>
      <Button
        icon={<ZoomOutOutlined />}
        aria-label={t('viewer.zoomOut')}
        title={t('viewer.zoomOut')}
        disabled={zoom.scale <= MIN_ZOOM + 1e-3}
        onClick={zoom.zoomOut}
      />
      <span className="viewer-zoom" data-testid="zoom-percent" aria-live="polite">
        {percent}%
      </span>
      <Button
        icon={<ZoomInOutlined />}
        aria-label={t('viewer.zoomIn')}
        title={t('viewer.zoomIn')}
        disabled={zoom.scale >= MAX_ZOOM - 1e-3}
        onClick={zoom.zoomIn}
      />
      <Button icon={<ColumnWidthOutlined />} aria-pressed={zoom.fitting} onClick={zoom.fitWidth}>
        {t('viewer.fitWidth')}
      </Button>
    </div>
  );
}
