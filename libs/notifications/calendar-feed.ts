import ical, { ICalCalendarMethod } from 'ical-generator';

import type { CycleDeadlines } from '../domain/calendar';
import type { Language } from '../domain/people';
import type { TaskKind } from '../domain/tasks';
import { MEETING_HOURS } from './meeting-mail';
import { translate } from './messages';

export interface CalendarFeedInput {
  readonly language: Language;
  readonly network: { readonly name: string; readonly timeZone: string };
  readonly meetings: readonly {
    readonly workflowId: string;
    readonly title: string;
    readonly scheduledAt: Date;
    readonly agendaCallAt: Date;
    readonly agendaDueAt: Date;
  }[];
  readonly tasks: readonly {
    readonly id: string;
    readonly kind: TaskKind;
    readonly assignee: string;
    readonly dueAt: Date;
  }[];
  readonly cycles: readonly {
    readonly workflowId: string;
    readonly year: number;
    readonly deadlines: CycleDeadlines;
  }[];
}

/**
 * A person's calendar (METHOD:PUBLISH): the network's meetings (the same UID as their invitations, so a calendar that
 * has both keeps one), their agenda-call windows, the due dates of the tasks of the person's agency, and the running
 * cycles' phase deadlines, in the person's language.
 */
export function calendarFeed(input: CalendarFeedInput): string {
  const t = (key: string, values: Record<string, string> = {}) => translate(input.language, key, values);
  const calendar = ical({
    name: t('calendar.name', { network: input.network.name }),
    prodId: { company: 'mignet', product: 'mignet', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: input.network.timeZone,
    ttl: 3_600,
  });
  for (const m of input.meetings) {
    calendar.createEvent({
      id: `${m.workflowId}@mignet`,
      start: m.scheduledAt,
      end: new Date(m.scheduledAt.getTime() + MEETING_HOURS * 3_600_000),
      summary: m.title,
    });
    calendar.createEvent({
      id: `${m.workflowId}:agenda-call@mignet`,
      start: m.agendaCallAt,
      end: m.agendaDueAt,
      summary: t('calendar.agendaCall', { title: m.title }),
    });
  }
  for (const task of input.tasks)
    calendar.createEvent({
      id: `${task.id}@mignet`,
      start: task.dueAt,
      end: task.dueAt,
      summary: t('calendar.due', { agency: task.assignee, what: t(`kind.${task.kind}`) }),
    });
  for (const c of input.cycles)
    for (const [name, at] of Object.entries(c.deadlines) as [keyof CycleDeadlines, string][])
      calendar.createEvent({
        id: `${c.workflowId}:${name}@mignet`,
        start: new Date(at),
        end: new Date(at),
        summary: t(`calendar.deadline.${name}`, { year: String(c.year) }),
      });
  return calendar.toString();
}
