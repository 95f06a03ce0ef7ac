import { createInstance, type i18n } from 'i18next';

import type { Language } from '../domain/people';
import { en, type Messages } from './locales/en';
import { pt } from './locales/pt';
import { tet } from './locales/tet';

/** Every language's texts; a key a language lacks falls back to English. */
export const TRANSLATIONS = { en, tet, pt } as const;

/** One i18next instance for every mail, initialised synchronously (the texts are in memory). */
const i18: i18n = createInstance();
void i18.init({
  resources: Object.fromEntries(Object.entries(TRANSLATIONS).map(([lng, t]) => [lng, { translation: t }])),
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // plain text; the HTML part escapes what it puts in
  initAsync: false,
  returnNull: false,
});

/** A text in a language: `key` is a dotted path of en.ts (`mail.opened.subject`). */
export function translate(language: Language, key: string, values: Record<string, string> = {}): string {
  return i18.t(key, { ...values, lng: language });
}

/** The dotted keys of every text English has (what each language is checked against). */
export function messageKeys(messages: object = en, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : messageKeys(v as object, `${prefix}${k}.`),
  );
}

/** The value of a dotted key in a translation, if it has one. */
export function messageAt(messages: object, key: string): string | undefined {
  const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);
  return typeof value === 'string' ? value : undefined;
}

const TETUM_MONTHS = [
  'Janeiru',
  'Fevereiru',
  'Marsu',
  'Abríl',
  'Maiu',
  'Juñu',
  'Jullu',
  'Agostu',
  'Setembru',
  'Outubru',
  'Novembru',
  'Dezembru',
];

/**
 * An instant as the reader reads dates, in the network's time zone: English and Portuguese from the runtime's locale
 * data (pt-TL), Tetum (which it has none for) from its own month names, in the Tetum order "15 Marsu 2030, 10:00".
 */
export function formatInstant(iso: string, language: Language, timeZone: string): string {
  const date = new Date(iso);
  if (language !== 'tet') {
    const locale = language === 'pt' ? 'pt-TL' : 'en-GB';
    return `${new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(date)} (${timeZone})`;
  }
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${Number(parts.day)} ${TETUM_MONTHS[Number(parts.month) - 1]} ${parts.year}, ${parts.hour}:${parts.minute} (${timeZone})`;
}

/** A day as the reader reads dates, in the network's time zone: "15 March 2030", "15 Marsu 2030", "15 de março de 2030". */
export function formatDate(iso: string, language: Language, timeZone: string): string {
  const date = new Date(iso);
  if (language !== 'tet')
    return new Intl.DateTimeFormat(language === 'pt' ? 'pt-TL' : 'en-GB', { timeZone, dateStyle: 'long' }).format(date);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${Number(parts.day)} ${TETUM_MONTHS[Number(parts.month) - 1]} ${parts.year}`;
}

export type { Messages };
