import { describe, expect, it } from 'vitest';
import { countTemplateVariables, fillTemplateBody, initialTemplateParameters, pickTemplateLanguage, renderTemplate, templateParameterProblem } from './message-templates.js';

describe('approved message templates', () => {
  it('counts the variables by the highest {{n}}, however often each appears', () => {
    expect(countTemplateVariables('Hello {{1}}, order {{2}} ({{1}})')).toBe(2);
    expect(countTemplateVariables('Hello {{ 3 }}')).toBe(3);
    expect(countTemplateVariables('No variables, {{name}} is not positional')).toBe(0);
  });

  it('fills each variable with its value, leaving an unfilled one visible, and renders header, body and footer', () => {
    expect(fillTemplateBody('Hello {{1}}, order {{2}}; again {{1}}', ['Kim', 'A-1'])).toBe('Hello Kim, order A-1; again Kim');
    expect(fillTemplateBody('Hello {{1}}, order {{2}}', ['Kim'])).toBe('Hello Kim, order {{2}}');
    // A value is text, never a pattern: "$&" stays as typed.
    expect(fillTemplateBody('Total {{1}}', ['$& 5'])).toBe('Total $& 5');
    expect(renderTemplate({ header: 'Acme', body: 'Hi {{1}}', footer: 'Reply STOP' }, ['Kim'])).toBe('Acme\n\nHi Kim\n\nReply STOP');
    expect(renderTemplate({ header: null, body: 'Hi {{1}}', footer: null }, ['Kim'])).toBe('Hi Kim');
  });

  it("refuses values Meta refuses: empty, new lines, tabs, more than 4 spaces in a row", () => {
    expect(templateParameterProblem('Kim Weber')).toBeNull();
    expect(templateParameterProblem('  ')).toBe('empty');
    expect(templateParameterProblem('a\nb')).toBe('layout');
    expect(templateParameterProblem('a\tb')).toBe('layout');
    expect(templateParameterProblem('a     b')).toBe('layout');
    expect(templateParameterProblem('a    b')).toBeNull();
    expect(templateParameterProblem('x'.repeat(1025))).toBe('too-long');
  });

  it("picks the customer's language, else its base language, else the company's, else the first", () => {
    const languages = ['en_US', 'pt_BR', 'de', 'zh_CN'];
    expect(pickTemplateLanguage(languages, 'pt-BR', 'en')).toBe('pt_BR');
    expect(pickTemplateLanguage(languages, 'pt', 'en')).toBe('pt_BR');
    expect(pickTemplateLanguage(languages, 'de-AT', 'en')).toBe('de');
    expect(pickTemplateLanguage(languages, 'th', 'en')).toBe('en_US');
    expect(pickTemplateLanguage(['fr', 'it'], 'th', 'en')).toBe('fr');
    expect(pickTemplateLanguage([], 'th', 'en')).toBeNull();
  });

  it("starts the first variable with the customer's first name, and none with a phone number for a name", () => {
    expect(initialTemplateParameters({ parameterCount: 2 }, { customerName: 'Kim Weber' })).toEqual(['Kim', '']);
    expect(initialTemplateParameters({ parameterCount: 1 }, { customerName: '+4915112345678' })).toEqual(['']);
    expect(initialTemplateParameters({ parameterCount: 0 }, { customerName: 'Kim' })).toEqual([]);
  });
});
