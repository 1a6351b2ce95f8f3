import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evidenceLetters, judgeConversationLanguage, RECENT_SAMPLES, type LanguageSample } from './conversation-language.js';

/** Newest first, as the desk reads them. */
const es = (text: string): LanguageSample => ({ language: 'es', text });
const th = (text: string): LanguageSample => ({ language: 'th', text });

describe('judging a conversation language', () => {
  it('keeps Spanish when a Spanish customer writes one Thai line', () => {
    const samples = [th('ขอบคุณมากครับ'), es('¿Pueden cambiar la dirección de entrega?'), es('Mi pedido todavía no ha llegado, ya pasó una semana'), es('Hola, buenas tardes')];
    expect(judgeConversationLanguage(samples, 'es')).toBe('es');
    // Judged afresh over the same messages, Spanish still carries them.
    expect(judgeConversationLanguage(samples, null)).toBe('es');
  });

  it('is not moved by an order number, a name or an emoji', () => {
    const samples: LanguageSample[] = [{ language: 'en', text: 'TH48213977 #A4821' }, { language: 'de', text: 'Somchai' }, { language: null, text: '👍' }, th('สั่งของไปเมื่อวานแต่ยังไม่ได้รับเลยค่ะ')];
    expect(judgeConversationLanguage(samples, 'th')).toBe('th');
    expect(evidenceLetters('TH48213977 #A4821 https://shop.example/track?id=9')).toBe(0);
  });

  it('follows a customer who really changes language, after more than one message', () => {
    const before = [es('Hola, mi pedido no ha llegado todavía'), es('Es el pedido de la semana pasada, gracias')];
    const once = [th('ขอโทษค่ะ ขอเปลี่ยนเป็นภาษาไทยได้ไหมคะ'), ...before];
    expect(judgeConversationLanguage(once, 'es')).toBe('es');
    const twice = [th('ดิฉันสะดวกคุยภาษาไทยมากกว่าค่ะ ขอบคุณค่ะ'), th('พัสดุยังไม่มาส่งที่บ้านเลยค่ะ รอมาหนึ่งสัปดาห์แล้ว'), ...once];
    expect(judgeConversationLanguage(twice, 'es')).toBe('th');
  });

  it('gives a new conversation the first language it can tell, and none before', () => {
    expect(judgeConversationLanguage([th('สวัสดีค่ะ')], null)).toBe('th');
    expect(judgeConversationLanguage([{ language: null, text: '#48213' }], null)).toBeNull();
    expect(judgeConversationLanguage([], 'de-CH')).toBe('de');
  });

  it('counts a doubtful detection for less', () => {
    const samples: LanguageSample[] = [{ language: 'ms', text: 'Saya mahu tukar alamat penghantaran', confidence: 0.5 }, { language: 'id', text: 'Saya mau ganti alamat pengiriman', confidence: 0.9 }];
    expect(judgeConversationLanguage(samples, null)).toBe('id');
  });

  it('never answers a language that none of the recent messages nor the current one is in', () => {
    const language = fc.constantFrom<string | null>('es', 'th', 'en', 'zh', null);
    const sample = fc.record({ language, text: fc.string({ maxLength: 60 }), confidence: fc.double({ min: 0.5, max: 1, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(sample, { maxLength: 12 }), fc.constantFrom<string | null>('es', 'th', null), (samples, current) => {
        const judged = judgeConversationLanguage(samples, current);
        const possible = new Set([current, ...samples.slice(0, RECENT_SAMPLES).map((s) => s.language)]);
        expect(judged === null ? current === null : possible.has(judged)).toBe(true);
      }),
    );
  });

  it('never leaves the current language for one short line, whatever it says', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.array(fc.string({ minLength: 20, maxLength: 80 }), { minLength: 1, maxLength: 5 }), (line, spanish) => {
        const samples = [th(line), ...spanish.map(es)];
        expect(judgeConversationLanguage(samples, 'es')).toBe('es');
      }),
    );
  });
});
