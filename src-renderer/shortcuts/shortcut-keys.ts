export type ShortcutCommand = 'next' | 'previous' | 'reply' | 'resolve' | 'undo' | 'search' | 'help';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Typing in a field must never trigger a shortcut. */
  inTextField: boolean;
}

const COMMANDS: Record<string, ShortcutCommand> = {
  j: 'next',
  k: 'previous',
  r: 'reply',
  e: 'resolve',
  z: 'undo',
  '/': 'search',
  '?': 'help',
};

/** The key that gives `command`, to name it beside the control that does the same. */
export function keyOf(command: ShortcutCommand): string {
  return Object.keys(COMMANDS).find((key) => COMMANDS[key] === command) ?? '';
}

export function commandFor(press: KeyPress): ShortcutCommand | null {
  if (press.inTextField || press.ctrlKey || press.metaKey || press.altKey) return null;
  return COMMANDS[press.key] ?? null;
}

/**
 * The help lists what `commandFor` knows, plus the keys owned by the list and the composer.
 * Named keys are i18n keys (`keys.*`); single characters are shown as they are typed.
 */
export const SHORTCUT_HELP: readonly { keys: readonly string[]; label: string }[] = [
  { keys: ['j', 'keys.down'], label: 'shortcuts.next' },
  { keys: ['k', 'keys.up'], label: 'shortcuts.previous' },
  { keys: ['r'], label: 'shortcuts.reply' },
  { keys: ['e'], label: 'shortcuts.resolve' },
  { keys: ['z'], label: 'shortcuts.undo' },
  { keys: ['/'], label: 'shortcuts.search' },
  // Views (src-renderer/views/view-keys.ts): `g`, then a key.
  { keys: ['g', 'a'], label: 'shortcuts.viewAll' },
  { keys: ['g', 'm'], label: 'shortcuts.viewMine' },
  { keys: ['g', 'u'], label: 'shortcuts.viewUnassigned' },
  { keys: ['g', 'n'], label: 'shortcuts.viewMentions' },
  { keys: ['g', 'v'], label: 'shortcuts.viewList' },
  { keys: ['keys.enter'], label: 'shortcuts.send' },
  { keys: ['keys.shift', 'keys.enter'], label: 'shortcuts.newLine' },
  { keys: ['keys.escape'], label: 'shortcuts.leave' },
  { keys: ['?'], label: 'shortcuts.help' },
];
