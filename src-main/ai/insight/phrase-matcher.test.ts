import { describe, expect, it } from 'vitest';
import { PhraseMatcher, foldText } from './phrase-matcher.js';

const found = (matcher: PhraseMatcher, text: string) => matcher.find(foldText(text)).map((match) => ({ phrase: match.phrase, negated: match.negated }));

describe('phrase matcher', () => {
  it('folds accents, apostrophes, Arabic letter forms and clause breaks the way customers type', () => {
    expect(foldText('Où EST ma commande ?!')).toBe('ou est ma commande');
    expect(foldText('Não chegou, l’adresse')).toBe('nao chegou\nl adresse');
    expect(foldText('أريد إلغاء الطلب')).toBe('اريد الغاء الطلب');
    // Thai and Japanese marks are part of their letters, not accents.
    expect(foldText('ยกเลิก が')).toBe('ยกเลิก が');
    // Letters with no mark to strip: a Vietnamese or German customer types them plain just as often.
    expect(foldText('Đổi địa chỉ, Straße')).toBe('doi dia chi\nstrasse');
  });

  it('matches a cue with an apostrophe whether the customer types it or not', () => {
    const matcher = new PhraseMatcher(["hasn't arrived", "n'est pas arrivé"]);
    for (const text of ["it hasn't arrived", 'it hasnt arrived', 'it hasn’t arrived', 'le colis nest pas arrive']) {
      expect(found(matcher, text), text).toHaveLength(1);
    }
    expect(found(matcher, 'has arrived')).toEqual([]);
  });

  it('matches whole words in spaced scripts, word starts with *, and Korean words with their particles', () => {
    const matcher = new PhraseMatcher(['late', 'cancel*', '환불', 'otp']);
    expect(found(matcher, 'I will check later, chocolate')).toEqual([]);
    expect(found(matcher, 'My parcel is LATE')).toEqual([{ phrase: 0, negated: false }]);
    expect(found(matcher, 'I cancelled it')).toEqual([{ phrase: 1, negated: false }]);
    expect(found(matcher, '환불이 안 돼요')).toEqual([{ phrase: 2, negated: false }]);
    expect(found(matcher, 'ไม่ได้รับOTPเลย')).toEqual([{ phrase: 3, negated: false }]);
  });

  it('finds Thai cues only on dictionary word edges, and keeps the longer of two overlapping cues', () => {
    expect(found(new PhraseMatcher(['มีสี']), 'มีสีสันสวยมาก')).toEqual([]);
    expect(found(new PhraseMatcher(['เงินคืน']), 'ขอเงินคืนค่ะ')).toEqual([{ phrase: 0, negated: false }]);
    expect(found(new PhraseMatcher(['reembolso', 'contra reembolso']), '¿Puedo pagar contra reembolso?')).toEqual([{ phrase: 1, negated: false }]);
  });

  it('lets a negation reach only the next cue, and not across a clause break', () => {
    const matcher = new PhraseMatcher(['ยกเลิก', 'เงินคืน', 'cancel*', 'great'], ['ไม่อยาก', "don't want", 'not']);
    expect(found(matcher, 'ไม่อยากยกเลิก ขอเงินคืน')).toEqual([{ phrase: 0, negated: true }, { phrase: 1, negated: false }]);
    expect(found(matcher, "I don't want to cancel")).toEqual([{ phrase: 2, negated: true }]);
    expect(found(matcher, 'Not now. Great, thanks')).toEqual([{ phrase: 3, negated: false }]);
  });
});
