import { describe, expect, it } from 'vitest';
import { displayLayoutKey, LAYOUTS_KEPT, placementToRestore, rememberPlacement, type DisplayArea, type WindowPlacement } from './window-placement.js';

const laptop: DisplayArea = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 25, width: 1440, height: 875 }, scaleFactor: 2 };
const monitor: DisplayArea = { id: 7, bounds: { x: 1440, y: 0, width: 2560, height: 1440 }, workArea: { x: 1440, y: 0, width: 2560, height: 1400 }, scaleFactor: 1 };

function placed(x: number, y: number, width = 1280, height = 820, maximized = false): WindowPlacement {
  return { bounds: { x, y, width, height }, maximized };
}

describe('displayLayoutKey', () => {
  it('tells setups apart and ignores the order displays are listed in', () => {
    expect(displayLayoutKey([laptop, monitor])).toBe(displayLayoutKey([monitor, laptop]));
    expect(displayLayoutKey([laptop])).not.toBe(displayLayoutKey([laptop, monitor]));
    expect(displayLayoutKey([{ ...laptop, scaleFactor: 1 }])).not.toBe(displayLayoutKey([laptop]));
  });
});

describe('placementToRestore', () => {
  it('puts the window back where it was, maximized state included', () => {
    expect(placementToRestore(placed(1600, 100, 1280, 820, true), [laptop, monitor])).toEqual(placed(1600, 100, 1280, 820, true));
  });

  it('forgets a place on a monitor that is gone', () => {
    expect(placementToRestore(placed(1600, 100), [laptop])).toBeNull();
    expect(placementToRestore(undefined, [laptop])).toBeNull();
  });

  it('refuses a window that would show only a sliver', () => {
    expect(placementToRestore(placed(1400, 100), [laptop])).toBeNull();
    expect(placementToRestore(placed(-1250, 100), [laptop])).toBeNull();
  });

  it('shrinks and pulls in a window larger than the display it lands on', () => {
    expect(placementToRestore(placed(200, 300, 2000, 1200), [laptop])).toEqual(placed(0, 25, 1440, 875));
    expect(placementToRestore(placed(1000, 500), [laptop])).toEqual(placed(160, 80));
  });
});

describe('rememberPlacement', () => {
  it('keeps one placement per setup and the most recent setups only', () => {
    let saved: Record<string, WindowPlacement> = {};
    for (let i = 0; i < LAYOUTS_KEPT + 3; i++) saved = rememberPlacement(saved, `setup-${i}`, placed(i, i));
    expect(Object.keys(saved)).toHaveLength(LAYOUTS_KEPT);
    expect(saved['setup-0']).toBeUndefined();
    saved = rememberPlacement(saved, 'setup-5', placed(50, 50));
    expect(Object.keys(saved)).toHaveLength(LAYOUTS_KEPT);
    expect(Object.keys(saved).at(-1)).toBe('setup-5');
    expect(saved['setup-5']).toEqual(placed(50, 50));
  });
});
