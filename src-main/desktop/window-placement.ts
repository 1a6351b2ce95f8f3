import { z } from 'zod';

export const Rect = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() });
export type Rect = z.infer<typeof Rect>;

/** Where the window was and whether it was maximized (its bounds are then the ones to return to). */
export const WindowPlacement = z.object({ bounds: Rect, maximized: z.boolean() });
export type WindowPlacement = z.infer<typeof WindowPlacement>;

/** A display as Electron's screen module describes it. */
export interface DisplayArea {
  id: number;
  bounds: Rect;
  workArea: Rect;
  scaleFactor: number;
}

/** Enough of the window on a display to grab its title bar and move it. */
const VISIBLE_MIN = { width: 120, height: 60 };
/** Display setups remembered (the office's, home's, the laptop's alone...); the oldest goes first. */
export const LAYOUTS_KEPT = 8;

/**
 * Names a display setup: which displays, where, how large, at which scale. The laptop alone and
 * the laptop with the office's two monitors are different setups, each with its own placement.
 */
export function displayLayoutKey(displays: readonly DisplayArea[]): string {
  return [...displays]
    .sort((a, b) => a.id - b.id)
    .map(({ id, bounds: b, scaleFactor }) => `${id}:${b.x},${b.y},${b.width}x${b.height}@${scaleFactor}`)
    .join('|');
}

/**
 * The saved placement, if the window would show on a display of today's setup; shrunk to fit
 * that display's work area. Null when nothing was saved or it would be off every screen (a
 * monitor was unplugged, the resolution changed): the window then opens at its default place.
 */
export function placementToRestore(saved: WindowPlacement | undefined, displays: readonly DisplayArea[]): WindowPlacement | null {
  if (!saved) return null;
  const display = displays
    .map((d) => ({ d, seen: overlap(saved.bounds, d.workArea) }))
    .filter(({ seen }) => seen.width >= VISIBLE_MIN.width && seen.height >= VISIBLE_MIN.height)
    .sort((a, b) => b.seen.width * b.seen.height - a.seen.width * a.seen.height)[0]?.d;
  if (!display) return null;
  const area = display.workArea;
  const width = Math.min(saved.bounds.width, area.width);
  const height = Math.min(saved.bounds.height, area.height);
  // Pulled in so that the whole (possibly shrunk) window is on the display.
  const x = Math.min(Math.max(saved.bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(saved.bounds.y, area.y), area.y + area.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}

/** The placements with this setup's one replaced; the least recently used setups beyond LAYOUTS_KEPT go. */
export function rememberPlacement(saved: Readonly<Record<string, WindowPlacement>>, layoutKey: string, placement: WindowPlacement): Record<string, WindowPlacement> {
  const others = Object.entries(saved).filter(([key]) => key !== layoutKey);
  return Object.fromEntries([...others.slice(Math.max(0, others.length - (LAYOUTS_KEPT - 1))), [layoutKey, placement]]);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}
