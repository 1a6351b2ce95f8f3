import type { DeskTranslate } from './desk-text.js';

/** What the dock, the taskbar and the tray show for the work waiting on the agent. */
export interface BadgeView {
  /** app.setBadgeCount (macOS dock, Linux launchers that support it); 0 clears it. */
  count: number;
  /** The short text drawn on Windows' taskbar overlay and beside the macOS menu-bar icon; empty when nothing waits. */
  label: string;
  /** The tray's tooltip and the overlay's description, read by screen readers. */
  description: string;
}

/** More than this shows as "99+" / "9+": a number is for glancing, the inbox has the detail. */
const LABEL_MAX = 9;

export function badgeView(total: number, t: DeskTranslate): BadgeView {
  const count = Number.isInteger(total) && total > 0 ? total : 0;
  if (count === 0) return { count: 0, label: '', description: t('badge.nothingWaiting') };
  return { count, label: count > LABEL_MAX ? `${LABEL_MAX}+` : String(count), description: t('badge.waiting', { count }) };
}

/** Raw BGRA pixels for nativeImage.createFromBitmap: the app draws its own icons, no image files needed. */
export interface Bitmap {
  width: number;
  height: number;
  pixels: Buffer;
}

type Colour = readonly [r: number, g: number, b: number];
const BRAND: Colour = [37, 99, 235];
const ALERT: Colour = [220, 38, 38];
const WHITE: Colour = [255, 255, 255];

/** 3×5 glyphs, one string per row ('#' lit), for the digits and "+". */
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '###', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '..#', '..#', '..#'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
};

/**
 * The tray icon: a filled disc in the brand colour, with a red dot in its corner while work
 * waits (the count itself is in the tooltip, and beside the icon on macOS).
 */
export function trayIconBitmap(size: number, waiting: boolean): Bitmap {
  const bitmap = blank(size);
  disc(bitmap, size / 2, size / 2, size / 2 - 0.5, BRAND);
  if (waiting) disc(bitmap, size * 0.78, size * 0.22, size * 0.22, ALERT);
  return bitmap;
}

/** Windows' taskbar overlay: a red disc with the label ("3", "9+") in white. */
export function overlayBitmap(label: string, size = 16): Bitmap {
  const bitmap = blank(size);
  disc(bitmap, size / 2, size / 2, size / 2 - 0.5, ALERT);
  const glyphs = [...label].map((char) => GLYPHS[char]).filter((glyph): glyph is readonly string[] => glyph !== undefined);
  const scale = glyphs.length > 1 ? Math.max(1, Math.floor(size / 8)) : Math.max(1, Math.floor(size / 6));
  const width = glyphs.length * 3 * scale + (glyphs.length - 1) * scale;
  const left = Math.floor((size - width) / 2);
  const top = Math.floor((size - 5 * scale) / 2);
  glyphs.forEach((glyph, index) => {
    const x0 = left + index * 4 * scale;
    glyph.forEach((row, y) => [...row].forEach((cell, x) => cell === '#' && fill(bitmap, x0 + x * scale, top + y * scale, scale, WHITE)));
  });
  return bitmap;
}

function blank(size: number): Bitmap {
  return { width: size, height: size, pixels: Buffer.alloc(size * size * 4) };
}

function disc(bitmap: Bitmap, cx: number, cy: number, radius: number, colour: Colour): void {
  for (let y = 0; y < bitmap.height; y++)
    for (let x = 0; x < bitmap.width; x++) if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= radius ** 2) setPixel(bitmap, x, y, colour);
}

function fill(bitmap: Bitmap, x0: number, y0: number, scale: number, colour: Colour): void {
  for (let y = y0; y < y0 + scale; y++) for (let x = x0; x < x0 + scale; x++) setPixel(bitmap, x, y, colour);
}

function setPixel(bitmap: Bitmap, x: number, y: number, [r, g, b]: Colour): void {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return;
  const at = (y * bitmap.width + x) * 4;
  bitmap.pixels[at] = b;
  bitmap.pixels[at + 1] = g;
  bitmap.pixels[at + 2] = r;
  bitmap.pixels[at + 3] = 255;
}
