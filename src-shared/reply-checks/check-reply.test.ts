import { describe, expect, it } from 'vitest';
import { checkReply, compileReplyRules } from './check-reply.js';
import { parseReplyRules } from './reply-rules.js';

function rulesOf(...rules: Record<string, unknown>[]) {
  return compileReplyRules(parseReplyRules({ version: 1, rules: rules.map((r) => ({ description: 'why', action: 'warn', ...r })) }, 'test'));
}

const flagged = (text: string, rules: ReturnType<typeof rulesOf>, language: string | null = null, market: string | null = null) =>
  checkReply(rules, { text, language, market }).map((hit) => ({ ruleId: hit.ruleId, spans: hit.spans.map((s) => text.slice(s.start, s.end)) }));

describe('checkReply: phrases', () => {
  const share = rulesOf({ id: 'share', match: { phrases: { en: ['share your data'], es: ['compartir sus datos'] } } });

  it('ignores case, full-width forms, Latin accents and runs of spaces, and points at the text as written', () => {
    expect(flagged('We can SHARE  your\ndata with them.', share)).toEqual([{ ruleId: 'share', spans: ['SHARE  your\ndata'] }]);
    expect(flagged('Ｓｈａｒｅ ｙｏｕｒ ｄａｔａ', share)).toEqual([{ ruleId: 'share', spans: ['Ｓｈａｒｅ ｙｏｕｒ ｄａｔａ'] }]);
    expect(flagged('Podemos compártir sús datos.', share)).toEqual([{ ruleId: 'share', spans: ['compártir sús datos'] }]);
  });

  it('matches whole words only', () => {
    expect(flagged('We never overshare your database.', share)).toEqual([]);
    expect(flagged('share your datas', share)).toEqual([]);
  });

  it('finds every occurrence, once per rule', () => {
    const hits = checkReply(share, { text: 'share your data, and share your data again', language: 'en', market: null });
    expect(hits).toHaveLength(1);
    expect(hits[0]!.spans).toEqual([{ start: 0, end: 15 }, { start: 21, end: 36 }]);
  });
});

describe('checkReply: languages without spaces', () => {
  const thai = rulesOf({ id: 'password', match: { phrases: { th: ['รหัสผ่าน'], ja: ['パスワード'], zh: ['密码'] } } });

  it('finds a Thai word inside a sentence written without spaces', () => {
    expect(flagged('กรุณาบอกรหัสผ่านของคุณค่ะ', thai, 'th')).toEqual([{ ruleId: 'password', spans: ['รหัสผ่าน'] }]);
  });

  it('does not take a Thai word that is only the start of a longer word', () => {
    const you = rulesOf({ id: 'you', match: { phrases: { th: ['คุณ'] } } });
    // "ขอบคุณ" (thank you) ends in "คุณ" (you), but is one word: a substring search would flag it.
    expect(flagged('ขอบคุณมากค่ะ', you, 'th')).toEqual([]);
    expect(flagged('ของคุณมาแล้วค่ะ', you, 'th')).toEqual([{ ruleId: 'you', spans: ['คุณ'] }]);
  });

  it('finds Japanese and Chinese words, in half-width katakana too', () => {
    expect(flagged('パスワードを教えてください。', thai, 'ja')).toEqual([{ ruleId: 'password', spans: ['パスワード'] }]);
    expect(flagged('ﾊﾟｽﾜｰﾄﾞを教えてください。', thai, 'ja')).toEqual([{ ruleId: 'password', spans: ['ﾊﾟｽﾜｰﾄﾞ'] }]);
    expect(flagged('请告诉我您的密码。', thai, 'zh')).toEqual([{ ruleId: 'password', spans: ['密码'] }]);
  });

  it('does not take a Japanese word that is part of a longer one', () => {
    const kana = rulesOf({ id: 'card', match: { phrases: { ja: ['カード'] } } });
    expect(flagged('クレジットカードでお支払いください。', kana, 'ja')).toEqual([]);
    expect(flagged('カードでお支払いください。', kana, 'ja')).toEqual([{ ruleId: 'card', spans: ['カード'] }]);
  });
});

describe('checkReply: patterns, personal data, scope', () => {
  it('runs patterns on the folded text, on word boundaries, accents folded in the pattern too', () => {
    const rules = rulesOf({ id: 'ask', match: { patterns: { es: ['(?:dar|decir)(?:me)? su contraseña'], en: ['tell me your pass\\w+'] } } });
    expect(flagged('¿Puede DECIRME su CONTRASEÑA?', rules)).toEqual([{ ruleId: 'ask', spans: ['DECIRME su CONTRASEÑA'] }]);
    expect(flagged('Tell me your passcode', rules)).toEqual([{ ruleId: 'ask', spans: ['Tell me your passcode'] }]);
    expect(flagged('retell me your password', rules)).toEqual([]);
  });

  it('flags the personal-data kinds a rule names, by the detector, and no other', () => {
    const rules = rulesOf({ id: 'card', action: 'block', match: { personalData: ['card'] } });
    const text = 'Card 4111 1111 1111 1111, order 4111 1111 1111 1112, mail ana@example.com';
    expect(checkReply(rules, { text, language: 'en', market: null })).toEqual([{ ruleId: 'card', action: 'block', description: 'why', spans: [{ start: 5, end: 24 }] }]);
  });

  it('keeps a rule to its markets and languages; unknown ones are checked by every rule', () => {
    const rules = rulesOf({ id: 'br-only', markets: ['BR'], languages: ['pt'], match: { phrases: { pt: ['seus dados'] } } });
    expect(flagged('seus dados', rules, 'pt-BR', 'br')).toHaveLength(1);
    expect(flagged('seus dados', rules, 'pt', 'PT')).toEqual([]);
    expect(flagged('seus dados', rules, 'es', 'BR')).toEqual([]);
    expect(flagged('seus dados', rules, null, null)).toHaveLength(1);
  });

  it('answers nothing for an empty reply', () => {
    expect(flagged('   ', rulesOf({ id: 'x', match: { phrases: { de: ['ab'] } } }))).toEqual([]);
  });
});
