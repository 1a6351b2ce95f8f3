import { describe, expect, it } from 'vitest';
import { phonesInText } from './phones-in-text.js';

/**
 * Numbers customers type into a chat, as they type them: in their national format (read in the
 * customer's market), in international format, in Thai, Portuguese and German sentences. Order
 * numbers, tax ids, invoice numbers, parcel numbers and dates are no phone numbers.
 */
describe('phonesInText', () => {
  it.each([
    ['TH', 'เบอร์โทรของฉันคือ 081-234-5678 ค่ะ', ['+66812345678']],
    ['TH', 'โทรกลับที่ 0812345678 ได้เลยครับ', ['+66812345678']],
    ['TH', 'My number is +66 81 234 5678, thanks', ['+66812345678']],
    ['BR', 'Meu número é (11) 98765-4321, obrigado!', ['+5511987654321']],
    ['BR', 'pode me chamar no whats +55 11 98765 4321', ['+5511987654321']],
    ['DE', 'Rufen Sie mich bitte an: 0151 12345678', ['+4915112345678']],
    ['DE', 'Meine Handynummer lautet +49 (0)151/12345678.', ['+4915112345678']],
    ['DE', 'Festnetz +49 30 12345678, mobil 0151 12345678', ['+493012345678', '+4915112345678']],
    ['JP', '電話番号は090-1234-5678です', ['+819012345678']],
    ['JP', '携帯は０９０－１２３４－５６７８です', ['+819012345678']],
    ['TH', 'เบอร์ ๐๘๑-๒๓๔-๕๖๗๘ ค่ะ', ['+66812345678']],
    ['EG', 'رقمي ٠١٠٠١٢٣٤٥٦٧ شكرا', ['+201001234567']],
  ])('finds the phone number a %s customer wrote: %s', (market, text, expected) => {
    expect(phonesInText(text, market)).toEqual(expected);
  });

  it('reads a number written in international format whatever the market', () => {
    expect(phonesInText('Hi, this is my number: +66 81 234 5678', 'DE')).toEqual(['+66812345678']);
    expect(phonesInText('call +49 151 12345678', null)).toEqual(['+4915112345678']);
  });

  it('reads a national number in the market the customer is from, not in another', () => {
    expect(phonesInText('0812345678', 'TH')).toEqual(['+66812345678']);
    expect(phonesInText('0812345678', 'DE')).not.toContain('+66812345678');
  });

  it('gives each number once, however often it is written', () => {
    expect(phonesInText('081-234-5678 หรือ +66812345678 นะคะ', 'TH')).toEqual(['+66812345678']);
  });

  it.each([
    ['TH', 'หมายเลขคำสั่งซื้อ 2024031512 ค่ะ'],
    ['TH', 'สั่งซื้อเมื่อวันที่ 15/03/2024 ยังไม่ได้รับของเลย'],
    ['BR', 'Pedido nº 123456789 feito em 12/03/2024'],
    ['BR', 'Meu CPF é 123.456.789-09'],
    ['DE', 'Bestellnummer 100234567, bestellt am 03.12.2024'],
    ['DE', 'Rechnung 2024-000123 vom 12.03.2024 fehlt'],
    ['DE', 'Sendungsnummer 00340434161234567890'],
    ['DE', 'Ich habe 2 Pakete für 49,90 € bestellt'],
    [null, 'Order #4815162342 arrived on 2024-03-12'],
    ['JP', '注文番号 1234567890、2024年3月12日に注文しました'],
  ])('finds no phone number in a %s customer’s %s', (market, text) => {
    expect(phonesInText(text, market)).toEqual([]);
  });

  it('ignores a market that is not a country it knows', () => {
    expect(phonesInText('0151 12345678', 'XX')).toEqual([]);
    expect(phonesInText('+49 151 12345678', 'XX')).toEqual(['+4915112345678']);
  });
});
