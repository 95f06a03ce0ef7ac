import { DECISION_NOTICES } from './decision-mail';
import { MEETING_NOTICES } from './meeting-mail';
import { TASK_NOTICES } from './task-mail';

/** How a person receives a kind of notification: at once, in the day's digest, or not at all. */
export const DELIVERIES = ['immediate', 'digest', 'muted'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** Every kind of notification the outbox writes (its `kind` column), each person's preference is per kind of. */
export const NOTIFICATION_KINDS = [
  ...TASK_NOTICES.map((n) => `task-${n}` as const),
  ...MEETING_NOTICES.map((n) => `meeting-${n}` as const),
  ...DECISION_NOTICES.map((n) => `decision-${n}` as const),
  'report-finalised',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Whether a kind tells its reader of work that is theirs to do (a task of their agency, its reminder, its
 * escalation): that may wait for the digest but cannot be muted. The rest (a meeting's invitation, which the calendar
 * feed carries too; a decision's outcome; the annual report) is news, which a person may mute.
 */
export function isWork(kind: string): boolean {
  return kind.startsWith('task-');
}

/**
 * The deliveries a person may choose for a kind: their work may wait for the digest, never be muted; a meeting's
 * notice carries the invitation that keeps their calendar right (a held or muted CANCEL would leave a cancelled
 * meeting in it), so it goes at once; the rest is news, any of the three.
 */
export function choicesOf(kind: string): readonly Delivery[] {
  if (kind.startsWith('meeting-')) return ['immediate'];
  if (isWork(kind)) return ['immediate', 'digest'];
  return DELIVERIES;
}

/** The digest a person gets by default, at this hour of the network's day. */
export const DEFAULT_DIGEST_HOUR = 7;
