import { useTranslation } from 'react-i18next';
import { chooseLanguage } from '../i18n/language-choice.js';
import { isInterfaceLanguage, NATIVE_NAMES, SUPPORTED_LANGUAGES } from '../../src-shared/i18n/languages.js';

/** The interface language, each option named in its own language; the choice is kept on this desk. */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <select
      data-testid="language-picker"
      className="language-picker"
      aria-label={t('interfaceLanguage.label')}
      title={t('interfaceLanguage.label')}
      value={i18n.language}
      onChange={(event) => {
        const chosen = event.target.value;
        if (isInterfaceLanguage(chosen)) void chooseLanguage(i18n, chosen);
      }}
    >
      {SUPPORTED_LANGUAGES.map((language) => (
        <option key={language} value={language} lang={language}>
          {NATIVE_NAMES[language]}
        </option>
      ))}
    </select>
  );
}
