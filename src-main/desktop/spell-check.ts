/**
 * The spell-checker's languages for the languages an agent writes in (their own, then the
 * computer's), picked from the dictionaries Chromium offers (`session.availableSpellCheckerLanguages`,
 * e.g. "de-DE", "en-GB", "pt-BR", "fr"). A language without a dictionary (Chinese, Japanese, Thai)
 * is left out rather than checked against a wrong one. macOS ignores this and uses the system's checker.
 */
export function spellCheckerLanguages(writingLanguages: readonly string[], available: readonly string[]): string[] {
  const chosen: string[] = [];
  for (const wanted of writingLanguages) {
    const dictionary = dictionaryFor(wanted, available);
    if (dictionary && !chosen.includes(dictionary)) chosen.push(dictionary);
  }
  return chosen;
}

function dictionaryFor(tag: string, available: readonly string[]): string | undefined {
  const wanted = tag.toLowerCase();
  const exact = available.find((code) => code.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split('-')[0];
  const sameLanguage = available.filter((code) => code.toLowerCase().split('-')[0] === language);
  // "de" → "de-DE" before "de-CH"; "en" → "en-US" when there is no "en-EN"; else the first of that language.
  const home = sameLanguage.find((code) => code.toLowerCase() === `${language}-${language}`);
  const plain = sameLanguage.find((code) => code.toLowerCase() === language);
  const us = sameLanguage.find((code) => code.toLowerCase() === 'en-us');
  return plain ?? home ?? us ?? sameLanguage[0];
}

/** What the right-click menu in a text field offers; the shell makes Electron menu items of it. */
export type TextMenuEntry =
  | { kind: 'suggestion'; word: string }
  | { kind: 'add-to-dictionary'; word: string }
  | { kind: 'no-suggestions' }
  | { kind: 'separator' }
  | { kind: 'edit'; role: 'cut' | 'copy' | 'paste' | 'selectAll' };

export interface TextMenuContext {
  isEditable: boolean;
  misspelledWord: string;
  dictionarySuggestions: readonly string[];
  canCut: boolean;
  canCopy: boolean;
  canPaste: boolean;
}

const SUGGESTIONS_SHOWN = 5;

/** Suggestions for a misspelled word first, then the edit commands that apply. */
export function textMenuEntries(context: TextMenuContext): TextMenuEntry[] {
  const entries: TextMenuEntry[] = [];
  if (context.isEditable && context.misspelledWord) {
    const suggestions = context.dictionarySuggestions.slice(0, SUGGESTIONS_SHOWN);
    if (suggestions.length === 0) entries.push({ kind: 'no-suggestions' });
    for (const word of suggestions) entries.push({ kind: 'suggestion', word });
    entries.push({ kind: 'add-to-dictionary', word: context.misspelledWord }, { kind: 'separator' });
  }
  if (context.isEditable && context.canCut) entries.push({ kind: 'edit', role: 'cut' });
  if (context.canCopy) entries.push({ kind: 'edit', role: 'copy' });
  if (context.isEditable && context.canPaste) entries.push({ kind: 'edit', role: 'paste' });
  if (context.isEditable) entries.push({ kind: 'edit', role: 'selectAll' });
  return entries;
}
