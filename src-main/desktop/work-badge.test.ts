import { describe, expect, it } from 'vitest';
import { createDeskText } from './desk-text.js';
import { badgeView, overlayBitmap, trayIconBitmap, type Bitmap } from './work-badge.js';

const { t } = createDeskText('en');

function pixel(bitmap: Bitmap, x: number, y: number): [number, number, number, number] {
  const at = (y * bitmap.width + x) * 4;
  const [b, g, r, a] = bitmap.pixels.subarray(at, at + 4);
  return [r as number, g as number, b as number, a as number];
}

function whitePixels(bitmap: Bitmap): number {
  let count = 0;
  for (let y = 0; y < bitmap.height; y++) for (let x = 0; x < bitmap.width; x++) if (pixel(bitmap, x, y).join() === '255,255,255,255') count++;
  return count;
}

describe('badgeView', () => {
  it('clears the badge when nothing waits', () => {
    expect(badgeView(0, t)).toEqual({ count: 0, label: '', description: 'Global Service Workstation: nothing waiting' });
    expect(badgeView(-2, t).count).toBe(0);
    expect(badgeView(Number.NaN, t).count).toBe(0);
  });

  it('counts what waits, and shortens the drawn label past nine', () => {
    expect(badgeView(3, t)).toEqual({ count: 3, label: '3', description: 'Global Service Workstation: 3 waiting for you' });
    expect(badgeView(42, t)).toMatchObject({ count: 42, label: '9+' });
  });
});

describe('icon bitmaps', () => {
  it('draws the tray disc, with the red dot only while work waits', () => {
    const idle = trayIconBitmap(32, false);
    const waiting = trayIconBitmap(32, true);
    expect(idle.pixels).toHaveLength(32 * 32 * 4);
    expect(pixel(idle, 16, 16)).toEqual([37, 99, 235, 255]);
    expect(pixel(idle, 0, 0)[3]).toBe(0);
    expect(pixel(waiting, 25, 7)).toEqual([220, 38, 38, 255]);
    expect(pixel(idle, 25, 7)).toEqual([37, 99, 235, 255]);
  });

  it('writes the label in white on the overlay, different labels differently', () => {
    const one = overlayBitmap('1');
    const eight = overlayBitmap('8');
    const many = overlayBitmap('9+');
    expect(pixel(one, 1, 8)).toEqual([220, 38, 38, 255]);
    expect(whitePixels(one)).toBeGreaterThan(0);
    expect(whitePixels(eight)).toBeGreaterThan(whitePixels(one));
    expect(many.pixels.equals(overlayBitmap('9').pixels)).toBe(false);
    expect(whitePixels(overlayBitmap(''))).toBe(0);
  });
});
