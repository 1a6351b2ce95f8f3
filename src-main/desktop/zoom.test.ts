import { describe, expect, it } from 'vitest';
import { clampZoomLevel, nextZoomLevel, ZOOM_LEVEL_MAX, ZOOM_LEVEL_MIN } from './zoom.js';

describe('zoom', () => {
  it('steps in and out by half a level and resets to 100 %', () => {
    expect(nextZoomLevel(0, 'in')).toBe(0.5);
    expect(nextZoomLevel(0.5, 'out')).toBe(0);
    expect(nextZoomLevel(2.5, 'reset')).toBe(0);
  });

  it('snaps an odd level (a Ctrl+wheel zoom) back onto the steps', () => {
    expect(nextZoomLevel(0.3, 'in')).toBe(0.5);
    expect(nextZoomLevel(0.3, 'out')).toBe(0);
  });

  it('stays within the usable range', () => {
    expect(nextZoomLevel(ZOOM_LEVEL_MAX, 'in')).toBe(ZOOM_LEVEL_MAX);
    expect(nextZoomLevel(ZOOM_LEVEL_MIN, 'out')).toBe(ZOOM_LEVEL_MIN);
    expect(clampZoomLevel(40)).toBe(ZOOM_LEVEL_MAX);
    expect(clampZoomLevel(Number.NaN)).toBe(0);
  });
});
