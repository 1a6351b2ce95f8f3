import { describe, expect, it } from 'vitest';
import { commandFor, keyOf, SHORTCUT_HELP, type KeyPress } from './shortcut-keys.js';

const press = (key: string, overrides: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inTextField: false,
  ...overrides,
});

describe('commandFor', () => {
  it('maps the single-key shortcuts', () => {
    expect(['j', 'k', 'r', 'e', 'z', '/', '?'].map((key) => commandFor(press(key)))).toEqual(['next', 'previous', 'reply', 'resolve', 'undo', 'search', 'help']);
  });

  it('names the key of a command, and the help lists it', () => {
    expect(keyOf('undo')).toBe('z');
    expect(keyOf('resolve')).toBe('e');
    expect(SHORTCUT_HELP.some((entry) => entry.keys.includes('z') && entry.label === 'shortcuts.undo')).toBe(true);
  });

  it('stays out of the way while typing or with a modifier', () => {
    expect(commandFor(press('e', { inTextField: true }))).toBeNull();
    expect(commandFor(press('r', { ctrlKey: true }))).toBeNull();
    expect(commandFor(press('j', { metaKey: true }))).toBeNull();
    expect(commandFor(press('k', { altKey: true }))).toBeNull();
  });

  it('ignores other keys, including capitals', () => {
    expect(commandFor(press('x'))).toBeNull();
    expect(commandFor(press('J'))).toBeNull();
  });
});
