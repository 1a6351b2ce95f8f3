import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '../../src-shared/i18n/languages.js';
import { parseJson } from '../../src-node/json-file.js';
import { ZOOM_LEVEL_MAX, ZOOM_LEVEL_MIN } from './zoom.js';
import { WindowPlacement } from './window-placement.js';

/** The agent's choices for the desktop app, kept in one file in the user's data folder. */
export const DesktopPreferences = z
  .object({
    /** Closing the window keeps the app in the tray (calls, offers and mentions still reach the agent). */
    closeToTray: z.boolean().default(false),
    /** The app starts when the agent signs in to the computer, in the tray. */
    startAtLogin: z.boolean().default(false),
    /** Chromium's zoom level: 0 is 100 %, each step about 20 %. */
    zoomLevel: z.number().min(ZOOM_LEVEL_MIN).max(ZOOM_LEVEL_MAX).default(0),
    /** The window's placement per display setup (window-placement.ts). */
    windows: z.record(z.string().max(2000), WindowPlacement).default({}),
    /**
     * The interface language the desk last showed, so that the next start speaks it before the
     * page loads (the passphrase window, the first tray menu); absent until the page has said.
     */
    interfaceLanguage: z.enum(SUPPORTED_LANGUAGES).optional(),
  })
  .strict();
export type DesktopPreferences = z.infer<typeof DesktopPreferences>;

export const PREFERENCES_FILE = 'desktop-preferences.json';

/**
 * The saved preferences, or the defaults when there are none. A file this release cannot read
 * (hand-edited, half-written by a crash before atomic saves) is set aside as `.broken` and
 * reported, never silently lost nor fatal: the app must start.
 */
export function loadPreferences(folder: string, log: (message: string, error?: unknown) => void): DesktopPreferences {
  const file = path.join(folder, PREFERENCES_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return DesktopPreferences.parse({});
  }
  try {
    return parseJson(text, file, DesktopPreferences);
  } catch (error) {
    log(`The desktop preferences could not be read; starting from the defaults and keeping the file as ${PREFERENCES_FILE}.broken.`, error);
    renameSync(file, `${file}.broken`);
    return DesktopPreferences.parse({});
  }
}

/** Written whole to a temporary file and renamed over the old one, so a crash leaves one or the other. */
export function savePreferences(folder: string, preferences: DesktopPreferences): void {
  const valid = DesktopPreferences.parse(preferences);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, PREFERENCES_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(valid, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The preferences in memory, saved on every change (a failed save is reported; the app carries on). */
export class PreferencesKeeper {
  private preferences: DesktopPreferences;

  constructor(
    private readonly folder: string,
    private readonly log: (message: string, error?: unknown) => void,
  ) {
    this.preferences = loadPreferences(folder, log);
  }

  get current(): DesktopPreferences {
    return this.preferences;
  }

  /**
   * False, reported and nothing changed, for a value outside the schema: these changes come from
   * window events in the main process, where a throw would take the app down.
   */
  update(change: Partial<DesktopPreferences>): boolean {
    const next = DesktopPreferences.safeParse({ ...this.preferences, ...change });
    if (!next.success) {
      this.log(`A desktop preference was not changed: ${next.error.message}`);
      return false;
    }
    this.preferences = next.data;
    try {
      savePreferences(this.folder, next.data);
    } catch (error) {
      this.log('The desktop preferences could not be saved.', error);
    }
    return true;
  }
}
