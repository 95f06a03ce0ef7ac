import { createInstance } from 'i18next';
import { initReactI18next } from 'react-i18next';

import { en } from './locales/en';
import { pt } from './locales/pt';
import { tet } from './locales/tet';

/** The pages' languages: English, Tetum and Portuguese; a key a language lacks falls back to English. */
export const LANGUAGES = ['en', 'tet', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Each language by its own name, whatever the page's language. */
export const ENDONYM: Record<Language, string> = { en: 'English', tet: 'Tetun', pt: 'Português' };
export const WEB_TRANSLATIONS = { en, tet, pt } as const;

/** BCP 47 tags for dates and numbers: Tetum has no locale data in browsers, so it reads Portuguese (Timor-Leste)'s. */
export const LOCALE: Record<Language, string> = { en: 'en-GB', tet: 'pt-TL', pt: 'pt-TL' };

const STORED = 'mignet.language';

export function storedLanguage(): Language | undefined {
  const l = localStorage.getItem(STORED);
  return (LANGUAGES as readonly string[]).includes(l ?? '') ? (l as Language) : undefined;
}

export const i18n = createInstance();
void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(WEB_TRANSLATIONS).map(([l, t]) => [l, { translation: t }])),
  lng: storedLanguage() ?? 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
  returnNull: false,
});

export function setLanguage(l: Language): void {
  localStorage.setItem(STORED, l);
  void i18n.changeLanguage(l);
  document.documentElement.lang = l;
}
