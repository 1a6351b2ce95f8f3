/**
 * A provider's approved message templates (WhatsApp's, created in Meta's WhatsApp Manager): what
 * a business may send once the customer-service window has closed. Pure rules shared by the relay
 * (which checks a template reply and renders it for the transcript) and the desk (which shows it).
 */

/** One approved template in one language, as far as the relay can send it (text header, body with {{1}}.. variables, footer). */
export interface MessageTemplate {
  name: string;
  /** The provider's language code ("en_US", "pt_BR", "de"). */
  language: string;
  /** MARKETING, UTILITY or AUTHENTICATION (billed differently by Meta). */
  category: string;
  header: string | null;
  body: string;
  footer: string | null;
  /** How many {{n}} variables the body holds: exactly that many values go with it. */
  parameterCount: number;
}

/** What an agent's template reply names: the template, its language and the body's values in order. */
export interface TemplateChoice {
  name: string;
  language: string;
  parameters: string[];
}

const VARIABLE = /\{\{\s*(\d+)\s*\}\}/g;

/** The highest {{n}} in `text` (Meta numbers them 1..n without gaps); 0 without variables. */
export function countTemplateVariables(text: string): number {
  let highest = 0;
  for (const match of text.matchAll(VARIABLE)) highest = Math.max(highest, Number(match[1]));
  return highest;
}

/** The body with each {{n}} replaced by the n-th value (an unfilled one stays as written, so the preview shows what is missing). */
export function fillTemplateBody(body: string, parameters: readonly string[]): string {
  return body.replace(VARIABLE, (whole, index: string) => parameters[Number(index) - 1] ?? whole);
}

/** What the customer sees, and the transcript keeps: header, filled body and footer, a blank line apart. */
export function renderTemplate(template: Pick<MessageTemplate, 'header' | 'body' | 'footer'>, parameters: readonly string[]): string {
  return [template.header, fillTemplateBody(template.body, parameters), template.footer].filter((part): part is string => Boolean(part?.trim())).join('\n\n');
}

/** Why a value cannot go into a variable (Meta refuses new lines, tabs and more than 4 spaces in a row: error 132018), or null. */
export function templateParameterProblem(value: string): 'empty' | 'too-long' | 'layout' | null {
  if (value.trim() === '') return 'empty';
  if (value.length > TEMPLATE_PARAMETER_MAX) return 'too-long';
  if (/[\n\r\t]| {5,}/.test(value)) return 'layout';
  return null;
}

export const TEMPLATE_PARAMETER_MAX = 1024;

/** "pt_BR", "pt-br" and "PT-BR" name the same language. */
function languageKey(code: string): string {
  return code.replace(/_/g, '-').toLowerCase();
}

/**
 * Of one template's languages, the one for a customer who speaks `customerLanguage`: the same tag,
 * else the same base language ("pt" for "pt-BR"), else the company's `fallback` the same way,
 * else the first. Null without languages.
 */
export function pickTemplateLanguage(languages: readonly string[], customerLanguage: string, fallback: string): string | null {
  for (const wanted of [customerLanguage, fallback]) {
    const key = languageKey(wanted);
    const base = key.split('-')[0];
    const exact = languages.find((language) => languageKey(language) === key);
    if (exact) return exact;
    const sameBase = languages.find((language) => languageKey(language).split('-')[0] === base);
    if (sameBase) return sameBase;
  }
  return languages[0] ?? null;
}

/** What is known about the customer, for a variable's starting value. */
export interface TemplateFacts {
  customerName: string;
}

/**
 * Starting values for a template's variables: WhatsApp variables are positional and carry no
 * meaning of their own, so only the first, by the convention of most greeting and follow-up
 * templates ("Hello {{1}}"), starts as the customer's first name; the agent edits every value.
 */
export function initialTemplateParameters(template: Pick<MessageTemplate, 'parameterCount'>, facts: TemplateFacts): string[] {
  const firstName = facts.customerName.trim().split(/\s+/)[0] ?? '';
  return Array.from({ length: template.parameterCount }, (_, index) => (index === 0 && !firstName.startsWith('+') ? firstName : ''));
}
