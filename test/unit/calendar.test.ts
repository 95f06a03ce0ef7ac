import { calendarDayMs, compressedCalendar, defaultCalendar, resolveCalendar } from '../../libs/domain/calendar';
import { startOfLocalDay, zoneOffsetMs } from '../../libs/domain/time-zone';

describe('calendar', () => {
  it('starts the default year at local midnight in Asia/Dili (UTC+9)', () => {
    const cal = defaultCalendar(2027);
    expect(cal.timeZone).toBe('Asia/Dili');
    expect(cal.start).toBe('2026-12-31T15:00:00.000Z');
    expect(cal.end).toBe('2027-12-31T15:00:00.000Z');
    expect(cal.quarters.map((q) => q.start)).toEqual([
      '2026-12-31T15:00:00.000Z',
      '2027-03-31T15:00:00.000Z',
      '2027-06-30T15:00:00.000Z',
      '2027-09-30T15:00:00.000Z',
    ]);
    expect(cal.periods).toHaveLength(6);
  });

  it('ends the first bi-monthly period on 29 February in a leap year and on the 28th otherwise', () => {
    // Period 2 starts on 1 March local time, the day after the last of February.
    expect(defaultCalendar(2028).periods[1].start).toBe('2028-02-29T15:00:00.000Z');
    expect(defaultCalendar(2027).periods[1].start).toBe('2027-02-28T15:00:00.000Z');
  });

  it('follows daylight saving in zones that have it', () => {
    const cal = defaultCalendar(2027, 'Europe/Lisbon');
    expect(cal.start).toBe('2027-01-01T00:00:00.000Z'); // WET, UTC+0
    expect(cal.quarters[1].start).toBe('2027-03-31T23:00:00.000Z'); // 1 April 00:00 WEST, UTC+1
  });

  it('computes zone offsets across the Dili date line', () => {
    expect(zoneOffsetMs(Date.parse('2027-06-01T00:00:00Z'), 'Asia/Dili')).toBe(9 * 3600_000);
    // 23:59 UTC on 31 December is already 1 January in Dili.
    expect(startOfLocalDay(2028, 1, 1, 'Asia/Dili').toISOString()).toBe('2027-12-31T15:00:00.000Z');
  });

  it('fills a compressed calendar with even quarters and periods', () => {
    const cal = compressedCalendar(2027, new Date('2030-01-01T00:00:00Z'), 60_000);
    expect(cal.end).toBe('2030-01-01T00:01:00.000Z');
    expect(cal.quarters[1]).toEqual({ start: '2030-01-01T00:00:15.000Z', end: '2030-01-01T00:00:30.000Z' });
    expect(cal.periods[5].end).toBe(cal.end);
  });

  describe('resolveCalendar', () => {
    it('gives the default calendar when none is passed', () => {
      expect(resolveCalendar(2027, undefined)).toEqual({ ok: true, calendar: defaultCalendar(2027) });
    });

    it('derives quarters and periods from a given start and end', () => {
      const result = resolveCalendar(2027, { start: '2030-01-01T00:00:00Z', end: '2030-01-01T00:01:00+00:00' });
      expect(result).toEqual({
        ok: true,
        calendar: compressedCalendar(2027, new Date('2030-01-01T00:00:00Z'), 60_000),
      });
    });

    it('uses the given time zone for the default dates', () => {
      const result = resolveCalendar(2027, { timeZone: 'Europe/Lisbon' });
      expect(result.ok && result.calendar.start).toBe('2027-01-01T00:00:00.000Z');
    });

    it('names every bad field', () => {
      const result = resolveCalendar(2027, {
        year: 2026,
        timeZone: 'Mars/Olympus',
        start: '2027-01-01', // no time, no offset
        quarters: [{ start: 'x', end: '2027-04-01T00:00:00Z' }],
        colour: 'blue',
      } as never);
      expect(result.ok).toBe(false);
      const fields = !result.ok ? result.errors.map((e) => e.field) : [];
      expect(fields).toEqual(
        expect.arrayContaining([
          'calendar.colour',
          'calendar.year',
          'calendar.timeZone',
          'calendar.start',
          'calendar.quarters',
        ]),
      );
    });

    it('rejects periods with gaps, and an end before the start', () => {
      const start = '2030-01-01T00:00:00.000Z';
      const gap = resolveCalendar(2027, {
        start,
        end: '2030-01-01T00:04:00.000Z',
        quarters: [
          { start, end: '2030-01-01T00:01:00.000Z' },
          { start: '2030-01-01T00:01:30.000Z', end: '2030-01-01T00:02:00.000Z' },
          { start: '2030-01-01T00:02:00.000Z', end: '2030-01-01T00:03:00.000Z' },
          { start: '2030-01-01T00:03:00.000Z', end: '2030-01-01T00:04:00.000Z' },
        ],
      });
      expect(gap).toEqual({
        ok: false,
        errors: [{ field: 'calendar.quarters[1].start', message: 'must equal quarters[0].end' }],
      });
      const backwards = resolveCalendar(2027, { start, end: '2029-01-01T00:00:00Z' });
      expect(backwards).toEqual({
        ok: false,
        errors: [{ field: 'calendar.end', message: 'must be after calendar.start' }],
      });
    });

    it('refuses dates that do not exist instead of rolling them over', () => {
      const fields = (start: string) => {
        const r = resolveCalendar(2030, { start, end: '2030-06-01T00:00:00Z' });
        return r.ok ? [] : r.errors.map((e) => `${e.field} ${e.message}`);
      };
      expect(fields('2030-02-30T00:00:00Z')).toEqual(['calendar.start is not a real date-time']);
      expect(fields('2030-01-01T24:00:00Z')).toEqual(['calendar.start is not a real date-time']);
      expect(fields('2028-02-29T00:00:00+09:00')).toEqual([]); // a leap day exists
    });

    it('refuses a calendar that is not an object', () => {
      expect(resolveCalendar(2027, 'next year' as never)).toEqual({
        ok: false,
        errors: [{ field: 'calendar', message: 'must be an object' }],
      });
    });
  });
});

describe('quarterly meeting dates', () => {
  it('must fall inside their quarters, four of them', () => {
    const bad = resolveCalendar(2030, {
      meetings: [
        '2030-02-01T00:00:00+09:00',
        '2030-02-02T00:00:00+09:00',
        '2030-08-01T00:00:00+09:00',
        '2030-11-01T00:00:00+09:00',
      ],
    });
    expect(bad).toEqual({
      ok: false,
      errors: [{ field: 'calendar.meetings[1]', message: 'must fall inside quarters[1]' }],
    });
    expect(resolveCalendar(2030, { meetings: ['2030-02-01T00:00:00+09:00'] })).toMatchObject({
      ok: false,
      errors: [{ field: 'calendar.meetings' }],
    });
  });

  it('measures a day of the calendar: a real one for a calendar year, its share of a compressed one', () => {
    expect(calendarDayMs(defaultCalendar(2030))).toBe(86_400_000);
    expect(calendarDayMs(defaultCalendar(2028))).toBe(86_400_000); // a leap year has 366 of them
    const compressed = compressedCalendar(2030, new Date('2030-01-01T00:00:00Z'), 365_000);
    expect(calendarDayMs(compressed)).toBe(1_000);
  });
});
