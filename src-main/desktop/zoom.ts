/** Chromium's zoom levels: 0 is 100 %, each step 20 % up or down (level 3 ≈ 173 %, -3 ≈ 58 %). */
export const ZOOM_LEVEL_MIN = -3;
export const ZOOM_LEVEL_MAX = 5;
const STEP = 0.5;

export type ZoomChange = 'in' | 'out' | 'reset';

/** The level after Ctrl/Cmd +, - or 0, in half steps, kept within the range a desk stays usable in. */
export function nextZoomLevel(level: number, change: ZoomChange): number {
  if (change === 'reset') return 0;
  // The next step above (or below) the level, so an odd level from a Ctrl+wheel zoom lands on a step.
  const steps = level / STEP;
  const next = change === 'in' ? (Math.floor(steps + 1e-9) + 1) * STEP : (Math.ceil(steps - 1e-9) - 1) * STEP;
  return clampZoomLevel(next) + 0;
}

/** A level from anywhere (a Ctrl+wheel zoom, an old file) brought into range. */
export function clampZoomLevel(level: number): number {
  if (!Number.isFinite(level)) return 0;
  return Math.min(ZOOM_LEVEL_MAX, Math.max(ZOOM_LEVEL_MIN, level));
}
