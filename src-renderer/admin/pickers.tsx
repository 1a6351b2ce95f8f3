import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { languageName } from '../format/language.js';
import { MultiPicker, type MultiPickerProps } from './MultiPicker.js';
import { languageEntry, languageOptions, marketOptions, skillEntry, skillOptions, subdivisionEntry, subdivisionName } from './picker-options.js';

type PickerProps = Omit<MultiPickerProps, 'options' | 'freeEntry' | 'nameOf'>;

/** Languages by name in the interface language (or their own, or their code); a tag the list lacks may be typed. */
export function LanguagePicker(props: PickerProps) {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const options = useMemo(() => languageOptions(locale), [locale]);
  const freeEntry = useCallback((text: string) => languageEntry(text, locale), [locale]);
  const nameOf = useCallback((tag: string) => languageName(tag, locale), [locale]);
  return <MultiPicker {...props} options={options} freeEntry={freeEntry} nameOf={nameOf} />;
}

/** Countries and regions by name; with `subdivisions`, a part of one may be typed by its code ("US-CA"). */
export function MarketPicker({ subdivisions = false, ...props }: PickerProps & { subdivisions?: boolean }) {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const options = useMemo(() => marketOptions(locale), [locale]);
  const freeEntry = useCallback((text: string) => (subdivisions ? subdivisionEntry(text, locale) : null), [locale, subdivisions]);
  const nameOf = useCallback((code: string) => subdivisionName(code, locale), [locale]);
  return <MultiPicker {...props} options={options} freeEntry={freeEntry} nameOf={nameOf} />;
}

/** The intents the desk names and the skills agents already have; a new one may be typed. */
export function SkillPicker({ known, ...props }: PickerProps & { known: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const options = useMemo(() => {
    // The English catalogue holds every intent the desk knows (the catalogue test sees to that).
    const english: unknown = i18n.getResourceBundle('en', 'translation');
    const intents = typeof english === 'object' && english !== null && 'intentName' in english ? Object.keys(english.intentName as object) : [];
    const names = Object.fromEntries(intents.map((id) => [id, t(`intentName.${id}`)]));
    return skillOptions(names, known, i18n.language);
  }, [t, i18n, i18n.language, known]);
  return <MultiPicker {...props} options={options} freeEntry={skillEntry} />;
}

/** A fixed set of choices (priorities, channels), each named through the catalogue. */
export function ChoicePicker({ values, nameKey, ...props }: PickerProps & { values: readonly string[]; nameKey: (value: string) => string }) {
  const { t } = useTranslation();
  const options = useMemo(() => values.map((value) => ({ value, label: t(nameKey(value)), terms: [value] })), [values, nameKey, t]);
  return <MultiPicker {...props} options={options} />;
}
