import { describe, expect, it } from 'vitest';
import { splitForTranslation } from './sentences.js';

describe('splitting a message for translation', () => {
  it('translates sentence by sentence and keeps the layout as written', () => {
    const text = 'Hola. ¿Dónde está mi pedido?\n\nGracias 🙏\n#12345';
    const pieces = splitForTranslation(text);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => p.translate).map((p) => p.text)).toEqual(['Hola.', '¿Dónde está mi pedido?', 'Gracias 🙏']);
  });

  it('keeps web and mail addresses out of the model, with the sentence around them translated', () => {
    const text = 'Return policy: https://help.shop.example/help/articles/kb-return-policy. Write to mailto:care@shop.example (or www.shop.example/contact)!';
    const pieces = splitForTranslation(text);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => !p.translate && /\w/.test(p.text)).map((p) => p.text)).toEqual([
      'https://help.shop.example/help/articles/kb-return-policy',
      'mailto:care@shop.example',
      'www.shop.example/contact',
    ]);
    expect(pieces.filter((p) => p.translate).map((p) => p.text.trim())).toEqual(['Return policy:', 'Write to', '(or']);
  });

  it('cuts an endless sentence into bounded pieces', () => {
    const pieces = splitForTranslation('a'.repeat(1000));
    expect(pieces.every((p) => p.text.length <= 400)).toBe(true);
    expect(pieces.map((p) => p.text).join('')).toHaveLength(1000);
  });
});
