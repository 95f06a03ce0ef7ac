import ical, { ICalAttendeeRole, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

import type { Language } from '../domain/people';
import { formatInstant, translate } from './messages';
import { escapeHtml, type RenderedMail } from './task-mail';

/** What happened to a meeting that its invitees are told of, each with an invitation to their calendar. */
export const MEETING_NOTICES = ['invited', 'rescheduled', 'cancelled'] as const;
export type MeetingNotice = (typeof MEETING_NOTICES)[number];

/** How long a meeting is in the invitation (the ToR's meetings have no set length; two hours is a Network meeting's usual). */
export const MEETING_HOURS = 2;

export interface MeetingMailInput {
  readonly notice: MeetingNotice;
  readonly meeting: {
    /** The invitation's UID: one per meeting, whatever happens to it. */
    readonly uid: string;
    /** Bumped on every change (a reschedule, the cancellation), so calendars replace the earlier invitation. */
    readonly sequence: number;
    readonly title: string;
    readonly scheduledAt: string;
    readonly agenda: readonly string[] | null;
    readonly reason?: string;
  };
  readonly network: { readonly name: string; readonly timeZone: string };
  readonly recipient: { readonly language: Language; readonly email: string; readonly name: string };
  readonly organizer: { readonly name: string; readonly email: string };
}

export interface MeetingMail extends RenderedMail {
  readonly calendar: string;
  readonly calendarMethod: 'REQUEST' | 'CANCEL';
}

/** A meeting's mail in the recipient's language, with its iCalendar invitation (REQUEST) or cancellation (CANCEL). */
export function renderMeetingMail(input: MeetingMailInput): MeetingMail {
  const { language } = input.recipient;
  const t = (key: string, values: Record<string, string> = {}) => translate(language, key, values);
  const when = formatInstant(input.meeting.scheduledAt, language, input.network.timeZone);
  const values = { title: input.meeting.title, network: input.network.name, when, reason: input.meeting.reason ?? '' };
  const agenda = input.meeting.agenda;
  const lines = [
    t(`meeting.${input.notice}.intro`, values),
    input.meeting.title,
    t('meeting.when', values),
    ...(input.notice === 'cancelled'
      ? []
      : agenda
        ? [t('meeting.agenda'), ...agenda.map((a) => `- ${a}`)]
        : [t('meeting.noAgenda')]),
  ];
  const method = input.notice === 'cancelled' ? 'CANCEL' : 'REQUEST';
  return {
    subject: t(`meeting.${input.notice}.subject`, values),
    text: [...lines, ''].join('\n'),
    html: [
      `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">`,
      ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
      '</body></html>',
    ].join('\n'),
    calendar: meetingCalendar(input, method),
    calendarMethod: method,
  };
}

function meetingCalendar(input: MeetingMailInput, method: 'REQUEST' | 'CANCEL'): string {
  const start = new Date(input.meeting.scheduledAt);
  const calendar = ical({
    name: input.network.name,
    prodId: { company: 'mignet', product: 'mignet', language: 'EN' },
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: input.meeting.uid,
    sequence: input.meeting.sequence,
    start,
    end: new Date(start.getTime() + MEETING_HOURS * 3_600_000),
    summary: input.meeting.title,
    description: input.meeting.agenda?.join('\n') ?? undefined,
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: input.organizer,
    attendees: [{ email: input.recipient.email, name: input.recipient.name, rsvp: true, role: ICalAttendeeRole.REQ }],
  });
  return calendar.toString();
}
