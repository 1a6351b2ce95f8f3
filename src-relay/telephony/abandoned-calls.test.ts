import { describe, expect, it } from 'vitest';
import { hungUpText } from './abandoned-calls.js';

describe('what an abandoned call says', () => {
  it("is in the conversation's language when we have it, with the wait in its own units", () => {
    expect(hungUpText('en', 130_000)).toBe('The caller hung up after waiting 2 min.');
    expect(hungUpText('de', 130_000)).toBe('Der Anrufer hat nach 2 Min. Wartezeit aufgelegt.');
    expect(hungUpText('ja', 130_000)).toBe('お客様は2 分待ったあと電話を切りました。');
    expect(hungUpText('pt-BR', 45_000)).toBe('A pessoa que ligou desligou após 45 s de espera.');
  });

  it('falls back to English for a language we have no words for', () => {
    expect(hungUpText('sv-SE', 130_000)).toBe('The caller hung up after waiting 2 min.');
  });

  it('counts seconds under a minute and whole minutes after', () => {
    expect(hungUpText('en', 0)).toBe('The caller hung up after waiting 0 sec.');
    expect(hungUpText('en', 59_400)).toBe('The caller hung up after waiting 59 sec.');
    expect(hungUpText('en', 59_600)).toBe('The caller hung up after waiting 1 min.');
    expect(hungUpText('en', 89_000)).toBe('The caller hung up after waiting 1 min.');
    expect(hungUpText('en', 90_000)).toBe('The caller hung up after waiting 2 min.');
  });
});
