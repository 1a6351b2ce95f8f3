import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminMethods } from '../../src-shared/api/admin.js';
import { ArticleDraft, TeamSchedule } from '../../src-shared/domain/model.js';
import { SlaPolicy } from '../../src-shared/domain/sla.js';
import { NewAgentRequest, NewTeamRequest } from '../../src-shared/protocol/admin.js';
import de from '../i18n/de.json';
import en from '../i18n/en.json';
import { ARTICLE_FORMATS } from '../knowledge/article-formats.js';
import { checkFields, fieldKey, type FieldErrors } from './field-errors.js';

let t: TFunction;
let tDe: TFunction;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ resources: { en: { translation: en }, de: { translation: de } }, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
  t = instance.getFixedT('en');
  tDe = instance.getFixedT('de');
});

function errorsOf(result: { ok: true } | { ok: false; errors: FieldErrors }): FieldErrors {
  if (result.ok) throw new Error('expected the input to be refused');
  return result.errors;
}

/** What zod writes on its own: none of it may reach an administrator. */
const SCHEMA_TEXT = /✖|Too small|Too big|expected|Invalid input|→|>=|<=|NaN|regex|BCP 47|IANA/;

describe('field errors', () => {
  it('names an empty team name and no language in plain words, per field, never in schema terms', () => {
    const errors = errorsOf(checkFields(NewTeamRequest, { name: '   ', languages: [] }, t));
    expect(errors).toEqual({ name: 'Enter a name.', languages: 'Choose at least one.' });
  });

  it("marks a list's bad item on the whole field, and a row's field by its own name", () => {
    expect(fieldKey(['languages', 2])).toBe('languages');
    expect(fieldKey(['routing', 'capacity', 'chat'])).toBe('routing.capacity.chat');
    expect(fieldKey(['hours', 'mon', 0, 'start'])).toBe('hours.mon');
    const input = { agentId: 'agent-lucia', teamIds: [], routing: { languages: ['es'], skills: ['refund', 'Not a skill!'], capacity: { chat: 30, email: Number('lots'), call: 1.5 }, translates: true } };
    expect(errorsOf(checkFields(adminMethods['admin.saveAgent'].input, input, t))).toEqual({
      'routing.skills': 'A skill is one word of small letters, digits and _, such as refund.',
      'routing.capacity.chat': 'Enter 20 or less.',
      'routing.capacity.email': 'Enter a number.',
      'routing.capacity.call': 'Enter a whole number.',
    });
  });

  it("says what each kind of field takes: minutes, an email, a password's length, a time zone, a time of day", () => {
    const policy = { id: 'p1', name: 'Brazil email', priorities: ['soon'], channels: [], markets: ['Brazil'], firstResponseMinutes: 0, nextResponseMinutes: Number(''), resolutionMinutes: -3 };
    expect(errorsOf(checkFields(SlaPolicy, policy, t))).toEqual({
      priorities: 'Choose one of the options.',
      markets: 'Choose a country or region from the list.',
      firstResponseMinutes: 'Enter a number above zero.',
      nextResponseMinutes: 'Enter a number above zero.',
      resolutionMinutes: 'Enter a number above zero.',
    });
    const agent = { name: 'Nadia', email: 'nadia at demo', role: 'agent', language: 'ar', teamIds: [], password: 'short' };
    expect(errorsOf(checkFields(NewAgentRequest, agent, t))).toEqual({ email: 'Enter an email address such as name@example.com.', password: 'Use at least 8 characters.' });
    const schedule = { timeZone: 'Mars/Olympus', hours: { tue: [{ start: '25:00', end: '26:00' }] }, holidayMarkets: ['DE'] };
    expect(errorsOf(checkFields(TeamSchedule, schedule, t))).toEqual({ timeZone: 'Choose a time zone from the list, such as Europe/Berlin.', 'hours.tue': 'Use times of day such as 09:00 or 17:30.' });
  });

  it('speaks the interface language, with the figures the schema sets', () => {
    expect(errorsOf(checkFields(NewTeamRequest, { name: 'x'.repeat(101), languages: ['de'] }, tDe))).toEqual({ name: 'Verwenden Sie höchstens 100 Zeichen.' });
    expect(errorsOf(checkFields(NewTeamRequest, { name: '', languages: [] }, tDe))).toEqual({ name: 'Geben Sie einen Namen ein.', languages: 'Wählen Sie mindestens einen Eintrag.' });
  });

  it('never passes on zod text, whatever the input', () => {
    const inputs: unknown[] = [{}, { name: 42, languages: 'de' }, { name: '', languages: ['not a tag!'] }, { name: 'A team', languages: Array.from({ length: 21 }, () => 'de') }, null];
    for (const input of inputs) {
      for (const message of Object.values(errorsOf(checkFields(NewTeamRequest, input, t)))) expect(message).not.toMatch(SCHEMA_TEXT);
    }
  });

  it('lets a valid form through as the schema reads it', () => {
    expect(checkFields(NewTeamRequest, { name: '  Nordics ', languages: ['sv', 'da'] }, t)).toEqual({ ok: true, value: { name: 'Nordics', languages: ['sv', 'da'] } });
  });

  it("says a form's typed codes in its own words: an article without a title, with a written-out market, a bad intent and one language twice", () => {
    const draft = {
      title: ' ',
      body: 'Text',
      locale: 'english',
      markets: ['GERMANY'],
      tags: ['ok', 'no!'],
      intents: ['Refund please'],
      titles: [
        { locale: 'de', title: 'Lieferung', tags: [] },
        { locale: 'DE', title: 'Versand', tags: [] },
      ],
    };
    const errors = errorsOf(checkFields(ArticleDraft, draft, t, ARTICLE_FORMATS));
    expect(errors).toEqual({
      title: 'This cannot be empty.',
      locale: en.knowledge.fieldError.language,
      markets: en.knowledge.fieldError.market,
      tags: en.knowledge.fieldError.tag,
      intents: en.knowledge.fieldError.intent,
      titles: en.knowledge.fieldError.titleLanguages,
    });
    const german = errorsOf(checkFields(ArticleDraft, draft, tDe, ARTICLE_FORMATS));
    expect(german.markets).toBe(de.knowledge.fieldError.market);
    expect(german.title).toBe(de.admin.fieldError.required);
    for (const message of [...Object.values(errors), ...Object.values(german)]) expect(message).not.toMatch(SCHEMA_TEXT);
    // Without the form's words, the admin's still apply.
    expect(errorsOf(checkFields(ArticleDraft, draft, t)).markets).toBe(en.admin.fieldError.format.market);
  });
});
