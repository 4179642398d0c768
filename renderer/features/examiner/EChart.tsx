// One echarts chart, loaded on first use (echarts-setup is a separate chunk), sized to its box and disposed on
// unmount. The canvas is an image to assistive technology; the data table beside it carries the numbers.
import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

export function EChart({ option, label, testId, height = 280 }: { option: EChartsCoreOption; label: string; testId: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | null = null;
    const onResize = () => chart?.resize();
    void import('./echarts-setup').then(({ echarts }) => {
      if (disposed || !ref.current) return;
      const c = echarts.init(ref.current, undefined, { renderer: 'canvas' });
      c.setOption(option);
      chart = c;
      ref.current.setAttribute('data-chart-ready', '1');
      window.addEventListener('resize', onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
