import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPreferences, PreferencesKeeper, PREFERENCES_FILE, savePreferences } from './desktop-preferences.js';

describe('desktop preferences', () => {
  let folder: string;
  const logged: string[] = [];
  const log = (message: string) => logged.push(message);
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'desk-prefs-'));
    logged.length = 0;
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('starts from the defaults', () => {
    expect(loadPreferences(folder, log)).toEqual({ closeToTray: false, startAtLogin: false, zoomLevel: 0, windows: {} });
    expect(logged).toEqual([]);
  });

  it('keeps what was saved', () => {
    const saved = { closeToTray: true, startAtLogin: true, zoomLevel: 1.5, windows: { '1:0,0,1440x900@2': { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true } } };
    savePreferences(folder, saved);
    expect(loadPreferences(folder, log)).toEqual(saved);
    expect(existsSync(path.join(folder, `${PREFERENCES_FILE}.tmp`))).toBe(false);
  });

  it('keeps the interface language the desk last showed, and refuses one it has no catalogue for', () => {
    const keeper = new PreferencesKeeper(folder, log);
    expect(keeper.current.interfaceLanguage).toBeUndefined();
    expect(keeper.update({ interfaceLanguage: 'ar' })).toBe(true);
    expect(new PreferencesKeeper(folder, log).current.interfaceLanguage).toBe('ar');
    expect(keeper.update({ interfaceLanguage: 'xx' as 'ar' })).toBe(false);
    expect(new PreferencesKeeper(folder, log).current.interfaceLanguage).toBe('ar');
  });

  it('refuses to save what it could not read back', () => {
    expect(() => savePreferences(folder, { closeToTray: true, startAtLogin: false, zoomLevel: 99, windows: {} })).toThrow();
    expect(existsSync(path.join(folder, PREFERENCES_FILE))).toBe(false);
  });

  it.each([
    ['broken JSON', '{"closeToTray": tru'],
    ['a wrong type', '{"closeToTray": "yes"}'],
    ['an unknown key', '{"closeToTray": true, "uploadCrashes": true}'],
  ])('sets aside a file with %s, says so, and starts from the defaults', (_what, text) => {
    const file = path.join(folder, PREFERENCES_FILE);
    writeFileSync(file, text);
    expect(loadPreferences(folder, log)).toMatchObject({ closeToTray: false });
    expect(logged).toHaveLength(1);
    expect(readFileSync(`${file}.broken`, 'utf8')).toBe(text);
    expect(existsSync(file)).toBe(false);
  });
});

describe('PreferencesKeeper', () => {
  it('saves each change at once, so the next start has it', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'desk-prefs-'));
    try {
      const keeper = new PreferencesKeeper(folder, () => {});
      keeper.update({ closeToTray: true });
      keeper.update({ zoomLevel: -1 });
      expect(new PreferencesKeeper(folder, () => {}).current).toMatchObject({ closeToTray: true, zoomLevel: -1, startAtLogin: false });
      expect(keeper.update({ zoomLevel: 42 })).toBe(false);
      expect(keeper.current.zoomLevel).toBe(-1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps a change in memory and reports it when the folder cannot be written', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'desk-prefs-'));
    try {
      const notAFolder = path.join(parent, 'file');
      writeFileSync(notAFolder, '');
      const reported: string[] = [];
      const keeper = new PreferencesKeeper(notAFolder, (message) => reported.push(message));
      expect(keeper.update({ startAtLogin: true })).toBe(true);
      expect(keeper.current.startAtLogin).toBe(true);
      expect(reported).toEqual(['The desktop preferences could not be saved.']);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
