import { findPersonalData, type FindOptions, type PersonalDataSpan } from './find-personal-data.js';
import type { PersonalDataKind } from './personal-data-kinds.js';

/**
 * How a masked value shows: numbers keep their last four characters ("•••• 4242"), enough to
 * tell a customer which card or account is meant; an email keeps its domain. Nothing else of
 * the value is left.
 */
export function maskedForm(span: Pick<PersonalDataSpan, 'kind' | 'value'>): string {
  if (span.kind === 'email') return `•••@${span.value.slice(span.value.lastIndexOf('@') + 1)}`;
  const characters = span.value.replace(/[^0-9A-Za-z\p{Nd}]/gu, '');
  return `•••• ${characters.slice(-4)}`;
}

/** The text with each value of the given kinds replaced by its masked form, and the spans that were masked. */
export function maskPersonalData(text: string, kinds: ReadonlySet<PersonalDataKind>, options: FindOptions = {}): { text: string; masked: PersonalDataSpan[] } {
  const masked = findPersonalData(text, options).filter((span) => kinds.has(span.kind));
  let result = '';
  let at = 0;
  for (const span of masked) {
    result += text.slice(at, span.start) + maskedForm(span);
    at = span.end;
  }
  return { text: result + text.slice(at), masked };
}
