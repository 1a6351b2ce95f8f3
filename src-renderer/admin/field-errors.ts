import type { TFunction } from 'i18next';
import type { z } from 'zod';

/** A form's problems, one sentence per field, keyed as `fieldKey` names the field. */
export type FieldErrors = Readonly<Record<string, string>>;

type Issue = z.core.$ZodIssue;

/**
 * The field an issue belongs to: its path up to the first list index, so a bad item of a list
 * ("languages.2") marks the whole picker ("languages"), and a row's field keeps its own name.
 */
export function fieldKey(path: readonly PropertyKey[]): string {
  const end = path.findIndex((part) => typeof part === 'number');
  return (end === -1 ? path : path.slice(0, end)).map(String).join('.');
}

/** What a field holds, read from its name, for a format problem worth naming ("a time such as 09:00"). */
const FORMAT_BY_FIELD: Readonly<Record<string, string>> = {
  skills: 'skill',
  languages: 'language',
  language: 'language',
  markets: 'market',
  holidayMarkets: 'market',
  market: 'market',
  timeZone: 'timeZone',
  email: 'email',
  start: 'time',
  end: 'time',
};

/**
 * A form's own words for a field's format, by field name to a catalogue key, where the admin's
 * (FORMAT_BY_FIELD) do not fit: a typed list of codes rather than a picker.
 */
export type FormatKeys = Readonly<Record<string, string>>;

/** One issue in plain words in the interface language; never zod's own text, which is English and speaks of types. */
export function issueMessage(issue: Issue, t: TFunction, formats: FormatKeys = {}): string {
  const field = issue.path.filter((part): part is string => typeof part === 'string').at(-1) ?? '';
  switch (issue.code) {
    case 'too_small':
      return field === 'name' && issue.origin === 'string' && Number(issue.minimum) <= 1 ? t('admin.fieldError.nameRequired') : tooSmall(issue, t);
    case 'too_big':
      return tooBig(issue, t);
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') return t(issue.expected === 'int' ? 'admin.fieldError.wholeNumber' : 'admin.fieldError.number');
      return t('admin.fieldError.required');
    case 'not_multiple_of':
      return t('admin.fieldError.wholeNumber');
    case 'invalid_value':
      return t('admin.fieldError.choose');
    case 'invalid_format':
      if (issue.format === 'email') return t('admin.fieldError.format.email');
      if (issue.format === 'safeint') return t('admin.fieldError.wholeNumber');
      return formatMessage(field, t, formats);
    default:
      // Refinements (a time zone that does not exist) and the rest: say what the field takes.
      return formatMessage(field, t, formats);
  }
}

function formatMessage(field: string, t: TFunction, formats: FormatKeys): string {
  const own = formats[field];
  if (own) return t(own);
  const kind = FORMAT_BY_FIELD[field];
  return kind ? t(`admin.fieldError.format.${kind}`) : t('admin.fieldError.check');
}

function tooSmall(issue: z.core.$ZodIssueTooSmall, t: TFunction): string {
  const min = Number(issue.minimum);
  if (issue.origin === 'array' || issue.origin === 'set') return min <= 1 ? t('admin.fieldError.chooseOne') : t('admin.fieldError.chooseAtLeast', { min });
  if (issue.origin === 'string') return min <= 1 ? t('admin.fieldError.required') : t('admin.fieldError.shortest', { min });
  if (min === 0 && !issue.inclusive) return t('admin.fieldError.aboveZero');
  return t('admin.fieldError.atLeast', { min: issue.inclusive ? min : min + 1 });
}

function tooBig(issue: z.core.$ZodIssueTooBig, t: TFunction): string {
  const max = Number(issue.maximum);
  if (issue.origin === 'array' || issue.origin === 'set') return t('admin.fieldError.chooseAtMost', { max });
  if (issue.origin === 'string') return t('admin.fieldError.longest', { max });
  return t('admin.fieldError.atMost', { max: issue.inclusive ? max : max - 1 });
}

/** The first problem of each field, in plain words. */
export function fieldErrors(error: z.ZodError, t: TFunction, formats: FormatKeys = {}): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = fieldKey(issue.path);
    errors[key] ??= issueMessage(issue, t, formats);
  }
  return errors;
}

/** The input as the schema reads it, or each field's problem: what a form checks before it sends. */
export function checkFields<S extends z.ZodType>(schema: S, input: unknown, t: TFunction, formats: FormatKeys = {}): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrors(parsed.error, t, formats) };
}
