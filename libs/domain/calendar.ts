import type { FieldError } from './field-error';
import { isValidTimeZone, startOfLocalDay } from './time-zone';

/**
 * A cycle's calendar: every date a process waits on comes from here, never from a hard-coded duration, so a test
 * runs a whole year in seconds by passing a compressed calendar (DESIGN, "Dates come from a calendar").
 */
export interface Period {
  /** ISO-8601 instant, inclusive. */
  readonly start: string;
  /** ISO-8601 instant, exclusive. */
  readonly end: string;
}

/** The annual cycle's deadlines, in order: planning < consolidation < endorsement < end of year < review. */
export interface CycleDeadlines {
  /** Contributions close; agencies may resubmit until then. */
  readonly planningDue: string;
  /** The coordinator's first draft of the work plan is due. */
  readonly consolidationDue: string;
  /** The first endorsement round closes; silence by then is consent. */
  readonly endorsementDue: string;
  /** The coordinator finalises the annual report by then (after the year's end). */
  readonly reviewDue: string;
}

/** Durations that every task and round derives its timers from, in milliseconds. */
export interface CalendarOffsets {
  /** A reminder goes this long before a task is due. */
  readonly reminderBeforeMs: number;
  /** A task still open this long after its due time is escalated to the coordinator. */
  readonly escalationAfterMs: number;
  /** The coordinator's time to revise the plan after an objection. */
  readonly revisionMs: number;
  /** The length of an endorsement round after a revision. */
  readonly endorsementRoundMs: number;
}

export interface Calendar extends Period {
  readonly year: number;
  readonly timeZone: string;
  /** The four quarters, in order, covering the year without gaps. */
  readonly quarters: readonly Period[];
  /** The six bi-monthly TWG reporting periods, in order, covering the year without gaps. */
  readonly periods: readonly Period[];
  readonly deadlines: CycleDeadlines;
  readonly offsets: CalendarOffsets;
  /** The quarterly Network meetings, one instant inside each quarter; absent, three quarters into each (see `quarterlyMeetings`). */
  readonly meetings?: readonly string[];
}

/** What a caller may give: everything is optional and derived from the year and time zone when absent. */
export interface CalendarInput {
  readonly year?: unknown;
  readonly timeZone?: unknown;
  readonly start?: unknown;
  readonly end?: unknown;
  readonly quarters?: unknown;
  readonly periods?: unknown;
  readonly deadlines?: unknown;
  readonly offsets?: unknown;
  readonly meetings?: unknown;
}

export const DEFAULT_TIME_ZONE = 'Asia/Dili';
export const MIN_YEAR = 2019; // the Network's first meeting was on 7 November 2019
export const MAX_YEAR = 2100;

export type CalendarResult = { ok: true; calendar: Calendar } | { ok: false; errors: FieldError[] };

const QUARTERS = 4;
const PERIODS = 6;
const DAY = 86_400_000;

/** Offsets of a real year. */
export const DEFAULT_OFFSETS: CalendarOffsets = {
  reminderBeforeMs: 3 * DAY,
  escalationAfterMs: 2 * DAY,
  revisionMs: 7 * DAY,
  endorsementRoundMs: 7 * DAY,
};

/** Where the deadlines fall in a compressed year, as fractions of its length (review: after the end). */
const COMPRESSED = { planningDue: 0.15, consolidationDue: 0.25, endorsementDue: 0.35, reviewDue: 1.2 } as const;

export function isValidYear(year: unknown): year is number {
  return typeof year === 'number' && Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/**
 * The calendar year in `timeZone`: quarters of three months, periods of two, each from local midnight; contributions
 * by 1 February, the draft by 15 February, endorsement by 1 March, the annual report by 31 January of the next year.
 */
export function defaultCalendar(year: number, timeZone: string = DEFAULT_TIME_ZONE): Calendar {
  const local = (m: number, d = 1) => startOfLocalDay(year, m, d, timeZone).toISOString();
  const slices = (months: number) =>
    Array.from({ length: 12 / months }, (_, i) => ({ start: local(1 + i * months), end: local(1 + (i + 1) * months) }));
  return {
    year,
    timeZone,
    start: local(1),
    end: local(13),
    quarters: slices(3),
    periods: slices(2),
    deadlines: {
      planningDue: local(2),
      consolidationDue: local(2, 15),
      endorsementDue: local(3),
      reviewDue: local(14),
    },
    offsets: DEFAULT_OFFSETS,
  };
}

/**
 * How long one day of the calendar's year lasts in real time: a day for a calendar year, a few seconds for a year
 * compressed into minutes, so that an age reads in the days of the year being played (a demo's is not always 0).
 */
export function calendarDayMs(calendar: {
  readonly year: number;
  readonly start: string;
  readonly end: string;
}): number {
  const y = calendar.year;
  const days = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 366 : 365;
  return (Date.parse(calendar.end) - Date.parse(calendar.start)) / days;
}

/** Splits [start, end) into `count` equal periods: the compressed calendars of tests and demos. */
export function evenPeriods(start: Date, end: Date, count: number): Period[] {
  const span = end.getTime() - start.getTime();
  return Array.from({ length: count }, (_, i) => ({
    start: new Date(start.getTime() + Math.round((span * i) / count)).toISOString(),
    end: new Date(start.getTime() + Math.round((span * (i + 1)) / count)).toISOString(),
  }));
}

function compressedDeadlines(start: Date, durationMs: number): CycleDeadlines {
  const at = (fraction: number) => new Date(start.getTime() + Math.round(durationMs * fraction)).toISOString();
  return {
    planningDue: at(COMPRESSED.planningDue),
    consolidationDue: at(COMPRESSED.consolidationDue),
    endorsementDue: at(COMPRESSED.endorsementDue),
    reviewDue: at(COMPRESSED.reviewDue),
  };
}

function compressedOffsets(durationMs: number): CalendarOffsets {
  const part = (fraction: number) => Math.max(1, Math.round(durationMs * fraction));
  return {
    reminderBeforeMs: part(0.02),
    escalationAfterMs: part(0.02),
    revisionMs: part(0.05),
    endorsementRoundMs: part(0.05),
  };
}

/** A whole year squeezed into `durationMs` from `start`: quarters, periods and deadlines in proportion. */
export function compressedCalendar(
  year: number,
  start: Date,
  durationMs: number,
  overrides: {
    deadlines?: Partial<CycleDeadlines>;
    offsets?: Partial<CalendarOffsets>;
    timeZone?: string;
    meetings?: readonly string[];
  } = {},
): Calendar {
  const end = new Date(start.getTime() + durationMs);
  return {
    year,
    timeZone: overrides.timeZone ?? DEFAULT_TIME_ZONE,
    start: start.toISOString(),
    end: end.toISOString(),
    quarters: evenPeriods(start, end, QUARTERS),
    periods: evenPeriods(start, end, PERIODS),
    deadlines: { ...compressedDeadlines(start, durationMs), ...overrides.deadlines },
    offsets: { ...compressedOffsets(durationMs), ...overrides.offsets },
    ...(overrides.meetings ? { meetings: overrides.meetings } : {}),
  };
}

/**
 * Validates a caller's calendar for `year` and fills in what it leaves out. Each error names the field
 * (`calendar.quarters[2].end`), so the API can answer 400 with a reason a person can act on.
 */
export function resolveCalendar(
  year: number,
  input: CalendarInput | undefined | null,
  field = 'calendar',
): CalendarResult {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.push({ field: `${field}${path}`, message });
  if (input === undefined || input === null) return { ok: true, calendar: defaultCalendar(year) };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ field, message: 'must be an object' }] };
  }
  const known = new Set([
    'year',
    'timeZone',
    'start',
    'end',
    'quarters',
    'periods',
    'deadlines',
    'offsets',
    'meetings',
  ]);
  for (const key of Object.keys(input)) if (!known.has(key)) fail(`.${key}`, 'is not a calendar field');

  if (input.year !== undefined && input.year !== year) fail('.year', `must equal the cycle's year ${year}`);
  let timeZone = DEFAULT_TIME_ZONE;
  if (input.timeZone !== undefined) {
    if (typeof input.timeZone !== 'string' || !isValidTimeZone(input.timeZone)) {
      fail('.timeZone', 'must be an IANA time zone such as Asia/Dili');
    } else {
      timeZone = input.timeZone;
    }
  }
  const base = defaultCalendar(year, timeZone);
  const start = instant(input.start, '.start', fail) ?? base.start;
  const end = instant(input.end, '.end', fail) ?? base.end;
  if (errors.length === 0 && Date.parse(start) >= Date.parse(end)) fail('.end', 'must be after calendar.start');
  const custom = input.start !== undefined || input.end !== undefined;
  const span = Date.parse(end) - Date.parse(start);
  const derive = (count: number) =>
    custom ? evenPeriods(new Date(start), new Date(end), count) : count === QUARTERS ? base.quarters : base.periods;
  const quarters =
    input.quarters === undefined ? derive(QUARTERS) : periodList(input.quarters, '.quarters', QUARTERS, fail);
  const periods = input.periods === undefined ? derive(PERIODS) : periodList(input.periods, '.periods', PERIODS, fail);
  const deadlines = deadlinesOf(
    input.deadlines,
    custom ? compressedDeadlines(new Date(start), span) : base.deadlines,
    fail,
  );
  const offsets = offsetsOf(input.offsets, custom ? compressedOffsets(span) : base.offsets, fail);
  const meetings = input.meetings === undefined ? undefined : meetingList(input.meetings, fail);
  if (errors.length === 0) {
    checkCoverage(quarters, '.quarters', start, end, fail);
    checkCoverage(periods, '.periods', start, end, fail);
    checkDeadlines(deadlines, start, end, fail);
    meetings?.forEach((m, i) => {
      if (Date.parse(m) < Date.parse(quarters[i].start) || Date.parse(m) >= Date.parse(quarters[i].end))
        fail(`.meetings[${i}]`, `must fall inside quarters[${i}]`);
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    calendar: { year, timeZone, start, end, quarters, periods, deadlines, offsets, ...(meetings ? { meetings } : {}) },
  };
}

type Fail = (path: string, message: string) => void;

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Whether the parts of an ISO date-time name a real moment: no 30 February, no hour 24 (Date.parse rolls those over). */
function realParts(m: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second = 0, offH = 0, offM = 0] = m
    .slice(1)
    .map((v) => (v === undefined ? undefined : Number(v))) as number[];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offH <= 14 &&
    offM <= 59
  );
}

function instant(value: unknown, path: string, fail: Fail): string | undefined {
  if (value === undefined) return undefined;
  // An explicit offset is required: a bare local date-time would mean a different instant on every server.
  const m = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  if (!m) {
    fail(path, 'must be an ISO-8601 date-time with an offset, e.g. 2027-01-01T00:00:00+09:00');
    return undefined;
  }
  if (!realParts(m)) {
    fail(path, 'is not a real date-time');
    return undefined;
  }
  return new Date(Date.parse(value as string)).toISOString();
}

function periodList(value: unknown, path: string, count: number, fail: Fail): Period[] {
  if (!Array.isArray(value) || value.length !== count) {
    fail(path, `must be a list of ${count} periods, each {start, end}`);
    return [];
  }
  return value.map((p: unknown, i) => {
    const item = (p ?? {}) as { start?: unknown; end?: unknown };
    const start = instant(item.start, `${path}[${i}].start`, fail);
    const end = instant(item.end, `${path}[${i}].end`, fail);
    if (start === undefined && item.start === undefined) fail(`${path}[${i}].start`, 'is required');
    if (end === undefined && item.end === undefined) fail(`${path}[${i}].end`, 'is required');
    return { start: start ?? '', end: end ?? '' };
  });
}

function meetingList(value: unknown, fail: Fail): string[] {
  if (!Array.isArray(value) || value.length !== QUARTERS) {
    fail('.meetings', `must be a list of ${QUARTERS} date-times, one in each quarter`);
    return [];
  }
  return value.map((v: unknown, i) => instant(v, `.meetings[${i}]`, fail) ?? '');
}

/** One quarterly meeting: when it sits, and when its agenda call opens and closes. */
export interface MeetingSlot {
  readonly quarter: number;
  readonly scheduledAt: string;
  readonly agendaCallAt: string;
  readonly agendaDueAt: string;
}

/**
 * The year's quarterly meetings from the calendar: at the given dates, or three quarters into each quarter (mid-March
 * in a real year, after the plan's endorsement). The agenda call opens a quarter of a quarter before the meeting
 * (about three weeks) and closes a twelfth of a quarter before it (about a week), when the agenda is published.
 */
export function quarterlyMeetings(calendar: Calendar): MeetingSlot[] {
  return calendar.quarters.map((q, i) => {
    const length = Date.parse(q.end) - Date.parse(q.start);
    const at = calendar.meetings?.[i]
      ? Date.parse(calendar.meetings[i])
      : Date.parse(q.start) + Math.round(length * 0.75);
    const iso = (t: number) => new Date(t).toISOString();
    return {
      quarter: i + 1,
      scheduledAt: iso(at),
      agendaCallAt: iso(at - Math.round(length / 4)),
      agendaDueAt: iso(at - Math.round(length / 12)),
    };
  });
}

/** The calendar as an answer shows it: with its meeting dates, the given ones or the defaults the cycle will use. */
export function calendarWithMeetings(calendar: Calendar): Calendar & { readonly meetings: readonly string[] } {
  // A row whose calendar is not whole (written by hand) keeps the meetings it has.
  const meetings = Array.isArray(calendar.quarters) ? quarterlyMeetings(calendar).map((m) => m.scheduledAt) : [];
  return { ...calendar, meetings: calendar.meetings ?? meetings };
}

function plainObject(value: unknown, path: string, fail: Fail): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, 'must be an object');
    return {};
  }
  return value as Record<string, unknown>;
}

function deadlinesOf(value: unknown, fallback: CycleDeadlines, fail: Fail): CycleDeadlines {
  const given = plainObject(value, '.deadlines', fail);
  const keys = Object.keys(fallback) as (keyof CycleDeadlines)[];
  for (const key of Object.keys(given))
    if (!keys.includes(key as keyof CycleDeadlines)) fail(`.deadlines.${key}`, 'is not a deadline');
  const result = { ...fallback };
  for (const key of keys) result[key] = instant(given[key], `.deadlines.${key}`, fail) ?? fallback[key];
  return result;
}

function offsetsOf(value: unknown, fallback: CalendarOffsets, fail: Fail): CalendarOffsets {
  const given = plainObject(value, '.offsets', fail);
  const keys = Object.keys(fallback) as (keyof CalendarOffsets)[];
  for (const key of Object.keys(given))
    if (!keys.includes(key as keyof CalendarOffsets)) fail(`.offsets.${key}`, 'is not an offset');
  const result = { ...fallback };
  for (const key of keys) {
    const v = given[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
      fail(`.offsets.${key}`, 'must be a whole number of milliseconds, 1 or more');
    else result[key] = v;
  }
  return result;
}

/** Periods must run in order, without gaps or overlaps, from the calendar's start to its end. */
function checkCoverage(list: readonly Period[], path: string, start: string, end: string, fail: Fail): void {
  list.forEach((p, i) => {
    const expectedStart = i === 0 ? start : list[i - 1].end;
    if (p.start !== expectedStart) {
      fail(`${path}[${i}].start`, i === 0 ? 'must equal calendar.start' : `must equal ${path.slice(1)}[${i - 1}].end`);
    }
    if (Date.parse(p.end) <= Date.parse(p.start)) fail(`${path}[${i}].end`, 'must be after its start');
  });
  if (list.length > 0 && list[list.length - 1].end !== end)
    fail(`${path}[${list.length - 1}].end`, 'must equal calendar.end');
}

function checkDeadlines(d: CycleDeadlines, start: string, end: string, fail: Fail): void {
  const order: [keyof CycleDeadlines, string][] = [
    ['planningDue', 'calendar.start'],
    ['consolidationDue', 'deadlines.planningDue'],
    ['endorsementDue', 'deadlines.consolidationDue'],
  ];
  const value = (name: string) =>
    name === 'calendar.start' ? start : d[name.replace('deadlines.', '') as keyof CycleDeadlines];
  for (const [key, after] of order) {
    if (Date.parse(d[key]) <= Date.parse(value(after))) fail(`.deadlines.${key}`, `must be after ${after}`);
  }
  if (Date.parse(d.endorsementDue) >= Date.parse(end)) fail('.deadlines.endorsementDue', 'must be before calendar.end');
  if (Date.parse(d.reviewDue) <= Date.parse(end)) fail('.deadlines.reviewDue', 'must be after calendar.end');
}
