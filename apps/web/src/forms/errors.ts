import type { TFunction } from 'i18next';

import type { FieldError } from '../api';

/**
 * The API's field errors, worded in the reader's language where the wording is one of the validator's own (the
 * field's path is kept as it is: it is what places the message on its field).
 */
const PATTERNS: readonly [RegExp, string][] = [
  [/^must be a non-empty string$/, 'error.required'],
  [/^is required$/, 'error.required'],
  [/^must not be empty$/, 'error.required'],
  [/^is not a known field$/, 'error.unknown'],
  [/^must be (-?\d+) or less$/, 'error.max'],
  [/^must be (-?\d+) or more$/, 'error.min'],
  [/^must be at most (\d+) characters$/, 'error.maxLength'],
  [/^must be one of (.+)$/, 'error.oneOf'],
  [/^must be a member agency[^(]*(\((.+)\))?/, 'error.member'],
  [/^must be an agency code$/, 'error.member'],
  [/^must be later than the task's due time/, 'error.laterThanDue'],
  [/^must not be after scheduledAt$/, 'error.notAfterMeeting'],
  [/^must be a short lower-case code/, 'error.code'],
  [/^a TWG (.+) exists or existed$/, 'error.twgExists'],
  [/^must list member agencies, the lead among them/, 'error.twgMembers'],
  [/^must be the code of an active TWG/, 'error.activeTwg'],
  [/^must be a Network objective from 1 to (\d+)$/, 'error.networkObjective'],
  [/^must list at least one GCM objective/, 'error.gcmAtLeastOne'],
  [/^must be in the future$/, 'error.future'],
  [/^must say why/, 'error.reason'],
  [/^repeats the id (.+)$/, 'error.repeatsId'],
  [/^must be four strings, one per quarter/, 'error.milestones'],
  [/^must be an ISO-8601 date-time/, 'error.dateTime'],
  [/^must be a list of 1 to (\d+) activities$/, 'error.activities'],
  [/^must hold at least (\d+)$/, 'error.minItems'],
  [/^must be a marker from 0 to 3$/, 'error.marker'],
  [/^must be an amount in US dollars/, 'error.usd'],
  [/^must be an SDG target such as/, 'error.sdgTarget'],
  [/^must be an indicator of ([^:]+): (.+)$/, 'error.indicatorOf'],
  [/^(\S+) has no indicators in the work plan$/, 'error.noIndicators'],
  [/^repeats the name (.+)$/, 'error.repeatsName'],
];

export function worded(message: string, t: TFunction): string {
  for (const [pattern, key] of PATTERNS) {
    const m = pattern.exec(message);
    if (m) return t(key, { n: m[1] ?? '', list: m[2] ?? m[1] ?? '' });
  }
  return message;
}

/** The errors a field shows: its own, and (for a widget that edits a list as one) those of its items. */
export function errorsAt(errors: readonly FieldError[], path: string, withItems: boolean): FieldError[] {
  return errors.filter((e) => e.field === path || (withItems && e.field.startsWith(`${path}[`)));
}

/** A field's path in the reader's words, as the error summary names it: `activities[0].title` → "Activity 1 › Title". */
export function pathWords(path: string, t: TFunction): string {
  const words: string[] = [];
  let parent = '';
  for (const segment of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (segment.startsWith('[')) {
      const list = words.pop() ?? '';
      const item = t(`item.${parent}`, { defaultValue: list });
      words.push(`${item.charAt(0).toUpperCase()}${item.slice(1)} ${Number(segment.slice(1, -1)) + 1}`);
    } else {
      words.push(t(`fieldIn.${parent}.${segment}`, { defaultValue: t(`field.${segment}`, { defaultValue: segment }) }));
      parent = segment;
    }
  }
  return words.join(' › ');
}
