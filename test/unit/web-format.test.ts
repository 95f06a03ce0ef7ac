/**
 * The pages' wall-time conversions (apps/web/src/format.ts): a `datetime-local` value in the network's zone to an
 * instant and back, across daylight-saving changes, and in Dili (no DST).
 */
// The module reads the stored language at import; this test has no browser storage.
(globalThis as unknown as { localStorage: Pick<Storage, 'getItem'> }).localStorage = { getItem: () => null };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isoToLocal, localToIso } = require('../../apps/web/src/format') as {
  isoToLocal(iso: string, timeZone: string): string;
  localToIso(local: string, timeZone: string): string;
}; // typed here: the module is the browser's (DOM types), outside this tsconfig

describe('wall times in the network zone', () => {
  it.each([
    ['2027-01-15T09:00', 'Asia/Dili', '2027-01-15T00:00:00.000Z'],
    ['2027-01-15T09:00:30', 'Asia/Dili', '2027-01-15T00:00:30.000Z'],
    ['2025-07-01T12:00', 'Europe/Berlin', '2025-07-01T10:00:00.000Z'],
    ['2025-03-30T03:30', 'Europe/Berlin', '2025-03-30T01:30:00.000Z'], // just after the spring change
    ['2025-03-29T23:30', 'Europe/Berlin', '2025-03-29T22:30:00.000Z'], // the evening before it
    ['2025-10-26T01:30', 'Europe/Berlin', '2025-10-25T23:30:00.000Z'], // summer time still, an hour before the change
    ['2025-10-26T03:30', 'Europe/Berlin', '2025-10-26T02:30:00.000Z'], // just after the autumn change
    ['2025-11-02T12:00', 'America/New_York', '2025-11-02T17:00:00.000Z'],
  ])('%s in %s is %s, and reads back the same', (local, zone, instant) => {
    expect(localToIso(local, zone)).toBe(instant);
    expect(isoToLocal(instant, zone)).toBe(local.slice(0, 16));
  });
});
