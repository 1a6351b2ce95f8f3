import { describe, expect, it } from 'vitest';
import type { Colleague } from '../../src-shared/domain/model.js';
import { insertMention, matchColleagues, mentionedIn, mentionQuery, splitMentions } from './mentions.js';

const people: Colleague[] = [
  { id: 'lucia', name: 'Lucía García', role: 'agent', teamIds: ['eu'] },
  { id: 'ann', name: 'Ann', role: 'agent', teamIds: ['eu'] },
  { id: 'ann-lee', name: 'Ann Lee', role: 'supervisor', teamIds: ['eu'] },
  { id: 'somchai', name: 'Somchai Prasert', role: 'agent', teamIds: ['apac'] },
];

describe('mentions in a note', () => {
  it('finds the "@word" being typed at the caret, and nothing in an email address', () => {
    expect(mentionQuery('ask @so', 7)).toEqual({ start: 4, query: 'so' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('ask @Somchai P', 14)).toEqual({ start: 4, query: 'Somchai P' });
    expect(mentionQuery('mail ann@shop.example', 21)).toBeNull();
    expect(mentionQuery('ask @so and more', 16)).toBeNull();
    expect(mentionQuery('@so\nnext', 8)).toBeNull();
  });

  it('matches any word of a name, ignoring case and accents', () => {
    expect(matchColleagues(people, 'garc').map((c) => c.id)).toEqual(['lucia']);
    expect(matchColleagues(people, 'LUCIA').map((c) => c.id)).toEqual(['lucia']);
    expect(matchColleagues(people, 'ann').map((c) => c.id)).toEqual(['ann', 'ann-lee']);
    expect(matchColleagues(people, '').length).toBe(4);
    expect(matchColleagues(people, 'zz')).toEqual([]);
  });

  it('puts the full name in place of what was typed and the caret after it', () => {
    expect(insertMention('ask @so now', 7, 4, people[3]!)).toEqual({ text: 'ask @Somchai Prasert  now', caret: 21 });
  });

  it('knows who a finished note names, longest name first, whole names only', () => {
    expect(mentionedIn('@Ann Lee please check', people)).toEqual(['ann-lee']);
    expect(mentionedIn('@Ann and @Ann Lee', people)).toEqual(['ann', 'ann-lee']);
    expect(mentionedIn('@lucia garcia, see above', people)).toEqual(['lucia']);
    expect(mentionedIn('@Annabel is not here; ann@shop.example neither', people)).toEqual([]);
    expect(mentionedIn('(@Somchai Prasert)', people)).toEqual(['somchai']);
  });

  it('marks the mentions for highlighting and keeps the text around them', () => {
    expect(splitMentions('hi @Ann Lee, and @Ann.', people)).toEqual([
      { text: 'hi ', mention: false },
      { text: '@Ann Lee', mention: true },
      { text: ', and ', mention: false },
      { text: '@Ann', mention: true },
      { text: '.', mention: false },
    ]);
    expect(splitMentions('no one', [])).toEqual([{ text: 'no one', mention: false }]);
  });
});
