// Zoom levels and the fit-width rule shared by the PDF and image views.
export const ZOOM_STEPS: readonly number[] = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 4;
/** Room left beside the page inside the stage (padding and a scrollbar). */
export const STAGE_GUTTER = 48;

const EPS = 1e-3;

export const clampZoom = (s: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, s));

/** The next step above `s` (from a fit-width scale like 1.63 that is 2). */
export function zoomIn(s: number): number {
  return ZOOM_STEPS.find((z) => z > s + EPS) ?? MAX_ZOOM;
}

export function zoomOut(s: number): number {
  return [...ZOOM_STEPS].reverse().find((z) => z < s - EPS) ?? MIN_ZOOM;
}

/** The scale at which content `contentWidth` wide fills the stage; 1 while either width is unknown. */
export function fitWidthScale(stageWidth: number, contentWidth: number): number {
  if (!(stageWidth > 0) || !(contentWidth > 0)) return 1;
  return clampZoom((stageWidth - STAGE_GUTTER) / contentWidth);
}

/**
 * 'fit' fills the width; 'shrink' fits only content wider than the stage (small scans stay 1:1);
 * a number is a fixed scale.
 */
export type ZoomMode = 'fit' | 'shrink' | number;

export function effectiveScale(mode: ZoomMode, stageWidth: number, contentWidth: number): number {
  if (typeof mode === 'number') return clampZoom(mode);
  const fit = fitWidthScale(stageWidth, contentWidth);
  return mode === 'shrink' ? Math.min(1, fit) : fit;
}

export const zoomPercent = (s: number): number => Math.round(s * 100);
