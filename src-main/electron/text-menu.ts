import { Menu, type MenuItemConstructorOptions, type Session, type WebContents } from 'electron';
import type { DeskText } from '../desktop/desk-text.js';
import { spellCheckerLanguages, textMenuEntries, type TextMenuEntry } from '../desktop/spell-check.js';

/**
 * Spell-checks in the languages the agent writes: their own, then the computer's. macOS always
 * uses the system's checker, which follows the system's languages.
 */
export function setSpellCheckLanguages(session: Session, agentLanguage: string | null, systemLanguages: readonly string[]): void {
  if (process.platform === 'darwin') return;
  const wanted = [...(agentLanguage ? [agentLanguage] : []), ...systemLanguages];
  session.setSpellCheckerLanguages(spellCheckerLanguages(wanted, session.availableSpellCheckerLanguages));
}

/** Right-click in the page: spelling suggestions for a misspelled word, then cut, copy, paste. */
export function offerTextMenu(contents: WebContents, text: DeskText): void {
  contents.on('context-menu', (_event, params) => {
    const entries = textMenuEntries({
      isEditable: params.isEditable,
      misspelledWord: params.misspelledWord,
      dictionarySuggestions: params.dictionarySuggestions,
      canCut: params.editFlags.canCut,
      canCopy: params.editFlags.canCopy,
      canPaste: params.editFlags.canPaste,
    });
    if (entries.length === 0) return;
    Menu.buildFromTemplate(entries.map((entry) => menuItem(entry, contents, text))).popup();
  });
}

function menuItem(entry: TextMenuEntry, contents: WebContents, { t }: DeskText): MenuItemConstructorOptions {
  switch (entry.kind) {
    case 'suggestion':
      return { label: entry.word, click: () => contents.replaceMisspelling(entry.word) };
    case 'no-suggestions':
      return { label: t('menu.noSuggestions'), enabled: false };
    case 'add-to-dictionary':
      return { label: t('menu.addToDictionary'), click: () => contents.session.addWordToSpellCheckerDictionary(entry.word) };
    case 'separator':
      return { type: 'separator' };
    case 'edit':
      return { role: entry.role };
  }
}
