import { describe, expect, it } from 'vitest';
import { spellCheckerLanguages, textMenuEntries } from './spell-check.js';

// The list Chromium's Hunspell offers on Windows and Linux (a part of it).
const AVAILABLE = ['af', 'de-CH', 'de-DE', 'en-AU', 'en-GB', 'en-US', 'es', 'es-419', 'fr', 'it-IT', 'nb', 'pt-BR', 'pt-PT', 'sv', 'vi'];

describe('spellCheckerLanguages', () => {
  it('picks the exact dictionary, else the language’s own', () => {
    expect(spellCheckerLanguages(['pt-BR'], AVAILABLE)).toEqual(['pt-BR']);
    expect(spellCheckerLanguages(['de'], AVAILABLE)).toEqual(['de-DE']);
    expect(spellCheckerLanguages(['de-AT'], AVAILABLE)).toEqual(['de-DE']);
    expect(spellCheckerLanguages(['es-MX'], AVAILABLE)).toEqual(['es']);
    expect(spellCheckerLanguages(['en'], AVAILABLE)).toEqual(['en-US']);
    expect(spellCheckerLanguages(['EN-gb'], AVAILABLE)).toEqual(['en-GB']);
  });

  it('leaves out languages without a dictionary and repeats none', () => {
    expect(spellCheckerLanguages(['zh-CN', 'th', 'vi-VN', 'en-GB', 'en-US', 'en-GB'], AVAILABLE)).toEqual(['vi', 'en-GB', 'en-US']);
    expect(spellCheckerLanguages(['ja'], AVAILABLE)).toEqual([]);
    expect(spellCheckerLanguages(['de'], [])).toEqual([]);
  });
});

describe('textMenuEntries', () => {
  const field = { isEditable: true, misspelledWord: '', dictionarySuggestions: [], canCut: true, canCopy: true, canPaste: true };

  it('offers suggestions for a misspelled word, then adding it, then editing', () => {
    const entries = textMenuEntries({ ...field, misspelledWord: 'recieve', dictionarySuggestions: ['receive', 'relieve', 'reprieve', 'recitative', 'receiver', 'recede'] });
    expect(entries).toEqual([
      { kind: 'suggestion', word: 'receive' },
      { kind: 'suggestion', word: 'relieve' },
      { kind: 'suggestion', word: 'reprieve' },
      { kind: 'suggestion', word: 'recitative' },
      { kind: 'suggestion', word: 'receiver' },
      { kind: 'add-to-dictionary', word: 'recieve' },
      { kind: 'separator' },
      { kind: 'edit', role: 'cut' },
      { kind: 'edit', role: 'copy' },
      { kind: 'edit', role: 'paste' },
      { kind: 'edit', role: 'selectAll' },
    ]);
  });

  it('says so when there is no suggestion', () => {
    expect(textMenuEntries({ ...field, misspelledWord: 'xqzt' }).slice(0, 2)).toEqual([{ kind: 'no-suggestions' }, { kind: 'add-to-dictionary', word: 'xqzt' }]);
  });

  it('offers only Copy on selected text outside a field', () => {
    expect(textMenuEntries({ ...field, isEditable: false, misspelledWord: 'recieve', canCopy: true })).toEqual([{ kind: 'edit', role: 'copy' }]);
    expect(textMenuEntries({ ...field, isEditable: false, canCopy: false })).toEqual([]);
  });
});
