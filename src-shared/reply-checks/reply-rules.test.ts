import { describe, expect, it } from 'vitest';
import { parseReplyRules } from './reply-rules.js';

const rule = (overrides: Record<string, unknown> = {}) => ({ id: 'share-with-partners', description: 'Do not offer it.', action: 'warn', match: { phrases: { en: ['share your data'] } }, ...overrides });

describe('parseReplyRules', () => {
  it('reads a rule with its defaults: every market, every language', () => {
    const file = parseReplyRules({ version: 1, rules: [rule()] }, 'rules.json');
    expect(file.rules[0]).toMatchObject({ id: 'share-with-partners', action: 'warn', markets: [], languages: [], match: { patterns: {}, personalData: [] } });
  });

  it('names the bad rule by its id and the field that is wrong', () => {
    const bad = { version: 1, rules: [rule(), rule({ id: 'card-quoted', action: 'shout' })] };
    expect(() => parseReplyRules(bad, 'rules.json')).toThrow(/^rules\.json: rule "card-quoted" \(rules\[1\]\): action: /);
  });

  it('refuses a pattern that does not compile, naming it', () => {
    const bad = { version: 1, rules: [rule({ match: { patterns: { en: ['share (your'] } } })] };
    expect(() => parseReplyRules(bad, 'rules.json')).toThrow(/rule "share-with-partners" \(rules\[0\]\): match\.patterns\.en\.0: pattern \/share \(your\/ does not compile/);
  });

  it('refuses a rule that matches nothing, an unknown personal-data kind, and a duplicate id', () => {
    expect(() => parseReplyRules({ version: 1, rules: [rule({ match: {} })] }, 'f')).toThrow(/rule "share-with-partners" \(rules\[0\]\): match: a rule needs phrases, patterns or personalData/);
    expect(() => parseReplyRules({ version: 1, rules: [rule({ match: { personalData: ['shoe_size'] } })] }, 'f')).toThrow(/match\.personalData\.0/);
    expect(() => parseReplyRules({ version: 1, rules: [rule(), rule()] }, 'f')).toThrow(/rules\[1\]\): the id is used by an earlier rule/);
  });

  it('names a rule without a usable id by its place, and a bad market or language', () => {
    expect(() => parseReplyRules({ version: 1, rules: [{ description: 'x' }] }, 'f')).toThrow(/^f: rules\[0\]: id: /);
    expect(() => parseReplyRules({ version: 1, rules: [rule({ markets: ['br'] })] }, 'f')).toThrow(/markets\.0: a market is an upper-case region code/);
    expect(() => parseReplyRules({ version: 1, rules: [rule({ languages: ['English'] })] }, 'f')).toThrow(/languages\.0: a language is a lower-case base subtag/);
    expect(() => parseReplyRules({ version: 2, rules: [] }, 'f')).toThrow(/^f: version: /);
  });
});
