import { LOCALE, type Language } from './i18n';

/**
 * Dates and numbers as the reader reads them, in the network's time zone (a deadline in Dili is the same instant for
 * a focal point on mission in Geneva). Tetum's month names are its own.
 */
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

function parts(iso: string, timeZone: string) {
  const p = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const v = (t: string) => Number(p.find((x) => x.type === t)?.value);
  return {
    year: v('year'),
    month: v('month'),
    day: v('day'),
    hour: v('hour'),
    minute: v('minute'),
    second: v('second'),
  };
}

export function formatDateTime(iso: string | null | undefined, language: Language, timeZone: string): string {
  if (!iso) return '—';
  if (language === 'tet') {
    const d = parts(iso, timeZone);
    const hm = `${String(d.hour).padStart(2, '0')}:${String(d.minute).padStart(2, '0')}`;
    return `${d.day} ${TETUM_MONTHS[d.month - 1]} ${d.year}, ${hm}`;
  }
  return new Intl.DateTimeFormat(LOCALE[language], { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** The day alone (when a TWG was established, an agency joined): the hour would only be noise. */
export function formatDate(iso: string | null | undefined, language: Language, timeZone: string): string {
  if (!iso) return '—';
  if (language === 'tet') {
    const d = parts(iso, timeZone);
    return `${d.day} ${TETUM_MONTHS[d.month - 1]} ${d.year}`;
  }
  return new Intl.DateTimeFormat(LOCALE[language], { timeZone, dateStyle: 'medium' }).format(new Date(iso));
}

export function formatNumber(n: number, language: Language): string {
  return new Intl.NumberFormat(LOCALE[language]).format(n);
}

/** A `datetime-local` value (wall time in the network's zone) as an instant with its offset, and back. */
export function localToIso(local: string, timeZone: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  const wall = Date.parse(`${withSeconds}Z`); // the wall time read as if it were UTC
  const offsetAt = (instant: number) => {
    const d = parts(new Date(instant).toISOString(), timeZone);
    return Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second) - instant;
  };
  // The zone's offset at the guess, then at the first answer: across a daylight-saving change the two differ.
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first)).toISOString();
}

/** A form's wall time as an instant, or undefined when the field was left empty (the API then names it). */
export function zonedOrNothing(local: string | readonly string[] | undefined, timeZone: string): string | undefined {
  return typeof local === 'string' && local !== '' ? localToIso(local, timeZone) : undefined;
}

export function isoToLocal(iso: string, timeZone: string): string {
  const d = parts(iso, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.year}-${two(d.month)}-${two(d.day)}T${two(d.hour)}:${two(d.minute)}`;
}
