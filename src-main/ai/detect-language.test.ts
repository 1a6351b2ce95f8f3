import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.js';

interface Sample {
  lang: string;
  text: string;
}

const samples = JSON.parse(readFileSync(new URL('../../tests/fixtures/langid/short-messages.json', import.meta.url), 'utf8')) as Sample[];

describe('language of a customer message', () => {
  it.each([
    ['th', 'สวัสดีค่ะ พัสดุของฉันยังไม่มาถึงเลย'],
    ['ar', 'مرحبا، طلبي لم يصل بعد'],
    ['ja', 'こんにちは、注文した商品がまだ届いていません'],
    ['pt', 'Olá, meu pedido ainda não chegou'],
    ['id', 'Halo, pesanan saya belum sampai'],
    ['vi', 'Xin chào, đơn hàng của tôi vẫn chưa đến'],
    ['es', 'Me cobraron dos veces el mismo pedido'],
    ['en', 'I was charged twice for the same purchase'],
    ['de', 'Ich kann mich nicht in mein Konto einloggen'],
    ['fr', 'Je voudrais annuler mon abonnement'],
    ['zh', '同一个订单被扣了两次款'],
    ['ko', '계정에 로그인이 안 돼요'],
    ['ru', 'Когда доставят мой заказ?'],
    ['tr', 'Siparişim ne zaman teslim edilecek?'],
  ])('tells %s', (language, text) => {
    expect(detectLanguage(text)?.language).toBe(language);
  });

  it('gets at least 97% of the labelled short messages right without hints, and all but one with them', () => {
    const plain = samples.filter((s) => detectLanguage(s.text)?.language === s.lang).length;
    const hinted = samples.filter((s) => detectLanguage(s.text, [s.lang])?.language === s.lang).length;
    expect(samples.length).toBeGreaterThanOrEqual(180);
    expect(plain / samples.length).toBeGreaterThanOrEqual(0.97);
    expect(hinted).toBeGreaterThanOrEqual(samples.length - 1);
  });

  it('says nothing about text without words', () => {
    for (const text of ['', '👍🙏', '#48213', '12:30', 'TH12345678', 'https://shop.example/orders/48213']) expect(detectLanguage(text)).toBeNull();
  });

  it('ignores links, addresses and order codes around the words', () => {
    expect(detectLanguage('Pedido #A48213 https://tienda.example/p/48213 — ¿cuándo llega mi paquete?')?.language).toBe('es');
    expect(detectLanguage('ana.souza@example.com não recebi o código de rastreio')?.language).toBe('pt');
  });

  it("settles a near-tie for the conversation's language, but not against clear evidence", () => {
    const indonesian = 'Saya ingin mengembalikan barang ini karena rusak';
    expect(detectLanguage(indonesian, ['id'])?.language).toBe('id');
    expect(detectLanguage('Where is my order? It was supposed to arrive yesterday.', ['th'])?.language).toBe('en');
  });
});
