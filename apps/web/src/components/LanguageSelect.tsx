import { useTranslation } from 'react-i18next';

import { ENDONYM, LANGUAGES, setLanguage, type Language } from '../i18n';

/** The language switch, each language by its own name; `hideLabel` keeps the label for screen readers only. */
export function LanguageSelect({ language, hideLabel = false }: { language: Language; hideLabel?: boolean }) {
  const { t } = useTranslation();
  return (
    <label className="switch">
      <span className={hideLabel ? 'visually-hidden' : undefined}>{t('nav.language')}</span>{' '}
      <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {ENDONYM[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
