import type { DataSource } from 'typeorm';

import type { Language } from '../../libs/domain/people';
import { MeetingNotice, renderMeetingMail } from '../../libs/notifications/meeting-mail';
import type { MeetingState } from '../../libs/processes/meeting/meeting';
import type { NoticeOptions } from './task-notices';

interface Fact {
  readonly notice: MeetingNotice;
  readonly event: string;
  readonly sequence: number;
}

/**
 * The invitation a meeting's state calls for, to the people of its member agencies and the coordinators: once its
 * agenda is published, an iCalendar REQUEST (SEQUENCE: how often it was moved); moved, a new REQUEST with the next
 * SEQUENCE; cancelled, a CANCEL with one more. The UID is the meeting's, so a calendar replaces what it had. Each is read
 * off the state (`invitation:{scheduledAt}`, `cancelled`), so a projection sent twice writes it once per person.
 */
export async function enqueueMeetingNotices(
  dataSource: DataSource,
  workflowId: string,
  state: MeetingState,
  options: NoticeOptions,
): Promise<number> {
  const input = state.input;
  if (!input || !state.scheduledAt || state.members.length === 0) return 0;
  const moved = state.reschedules.length;
  const fact: Fact | undefined = state.cancelled
    ? { notice: 'cancelled', event: 'cancelled', sequence: moved + 1 }
    : state.agendaPublishedAt && !state.heldAt
      ? { notice: 'invited', event: `invitation:${state.scheduledAt}`, sequence: moved }
      : undefined;
  if (!fact) return 0;
  return dataSource.transaction(async (tx) => {
    const events = (
      (await tx.query(`SELECT DISTINCT event FROM outbox WHERE workflow_id = $1 AND task_id IS NULL`, [
        workflowId,
      ])) as { event: string }[]
    ).map((r) => r.event);
    if (events.includes(fact.event)) return 0;
    // Nobody was invited yet (the agenda was not published before the cancellation): nothing to cancel.
    if (fact.notice === 'cancelled' && !events.some((e) => e.startsWith('invitation:'))) return 0;
    const notice: MeetingNotice =
      fact.notice === 'invited' && events.some((e) => e.startsWith('invitation:')) ? 'rescheduled' : fact.notice;
    const [network] = (await tx.query(`SELECT name, time_zone FROM networks WHERE code = $1`, [input.network])) as {
      name: string;
      time_zone: string;
    }[];
    const people = (await tx.query(
      `SELECT id, name, email, language FROM people
        WHERE network_code = $1 AND active
          AND (role = 'coordinator' OR (agency_code = ANY($2) AND role IN ('focal-point', 'alternate', 'twg-lead')))
        ORDER BY id`,
      [input.network, state.members],
    )) as { id: string; name: string; email: string; language: Language }[];
    let written = 0;
    for (const p of people) {
      const mail = renderMeetingMail({
        notice,
        meeting: {
          uid: `${workflowId}@mignet`,
          sequence: fact.sequence,
          title: input.title,
          scheduledAt: state.scheduledAt!,
          agenda: state.agendaPublishedAt ? state.agenda.map((i) => i.title) : null,
          reason: state.cancelled?.reason,
        },
        network: { name: network.name, timeZone: network.time_zone },
        recipient: p,
        organizer: options.organizer,
      });
      const inserted = (await tx.query(
        `INSERT INTO outbox (network_code, idempotency_key, kind, event, workflow_id, person_id, recipient, language,
                             subject, body_text, body_html, calendar, calendar_method)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [
          input.network,
          `${workflowId}|meeting|${fact.event}|${p.id}`,
          `meeting-${notice}`,
          fact.event,
          workflowId,
          p.id,
          p.email,
          p.language,
          mail.subject,
          mail.text,
          mail.html,
          mail.calendar,
          mail.calendarMethod,
        ],
      )) as unknown[];
      written += inserted.length;
    }
    return written;
  });
}
