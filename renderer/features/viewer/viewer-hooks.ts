// Hooks the PDF and image views share: stage width, zoom state, zoom keys and keeping focus inside.
import { useEffect, useState, type RefObject } from 'react';
import { effectiveScale, zoomIn, zoomOut, type ZoomMode } from './zoom';

/** The stage's inner width, kept current by a ResizeObserver (0 until first measured). */
export function useStageWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // A ResizeObserver reports once as soon as it starts observing, so no separate first measure.
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

export interface Zoom {
  scale: number;
  fitting: boolean;
  zoomIn(): void;
  zoomOut(): void;
  fitWidth(): void;
}

export function useZoom(initial: ZoomMode, stageWidth: number, contentWidth: number): Zoom {
  const [mode, setMode] = useState<ZoomMode>(initial);
  const scale = effectiveScale(mode, stageWidth, contentWidth);
  return {
    scale,
    fitting: mode === 'fit',
    zoomIn: () => setMode(zoomIn(scale)),
    zoomOut: () => setMode(zoomOut(scale)),
    fitWidth: () => setMode('fit'),
  };
}

/** Keys every view shares: + and - zoom, unless the user is typing in a field. */
export function zoomKey(e: { key: string; target: EventTarget | null; ctrlKey: boolean; metaKey: boolean }, zoom: Zoom): boolean {
  if (e.ctrlKey || e.metaKey || isTyping(e.target)) return false;
  if (e.key === '+' || e.key === '=') zoom.zoomIn();
  else if (e.key === '-' || e.key === '_') zoom.zoomOut();
  else return false;
  return true;
}

export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('input, textarea, [contenteditable="true"]') !== null;
}

/**
 * A button that turns disabled while focused (next page on the last page, zoom in at the top)
 * drops focus to <body>, where the viewer's keys no longer reach it: hand focus to the stage.
 * `state` is whatever changed (page, scale).
 */
export function useKeepFocus(stageRef: RefObject<HTMLElement | null>, state: string): void {
  useEffect(() => {
    const active = document.activeElement;
    const lost = active === null || active === document.body || (active instanceof HTMLButtonElement && active.disabled);
    if (lost) stageRef.current?.focus({ preventScroll: true });
  }, [stageRef, state]);
}
