import type { DataSource } from 'typeorm';

import { MeetingNotice, renderMeetingMail } from '../../libs/notifications/meeting-mail';
import type { MeetingState } from '../../libs/processes/meeting/meeting';
import { listenersOf, networkOf, tellEach, toldBefore } from './process-notices';
import type { NoticeOptions } from './task-notices';

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
  const fact = state.cancelled
    ? { notice: 'cancelled' as const, event: 'cancelled', sequence: moved + 1 }
    : state.agendaPublishedAt && !state.heldAt
      ? { notice: 'invited' as const, event: `invitation:${state.scheduledAt}`, sequence: moved }
      : undefined;
  if (!fact) return 0;
  return dataSource.transaction(async (tx) => {
    const told = await toldBefore(tx, workflowId);
    if (told.includes(fact.event)) return 0;
    const invited = told.some((e) => e.startsWith('invitation:'));
    // Nobody was invited yet (the agenda was not out before the cancellation): nothing to cancel.
    if (fact.notice === 'cancelled' && !invited) return 0;
    const notice: MeetingNotice = fact.notice === 'invited' && invited ? 'rescheduled' : fact.notice;
    const network = await networkOf(tx, input.network);
    if (!network) return 0;
    return tellEach(
      tx,
      {
        network: input.network,
        workflowId,
        kind: `meeting-${notice}`,
        event: fact.event,
        link: `${options.linkBase}/networks/${input.network}/meetings/${encodeURIComponent(input.id)}`,
      },
      await listenersOf(tx, input.network, state.members),
      (p) =>
        renderMeetingMail({
          notice,
          meeting: {
            uid: `${workflowId}@mignet`,
            sequence: fact.sequence,
            title: input.title,
            scheduledAt: state.scheduledAt!,
            agenda: state.agendaPublishedAt ? state.agenda.map((i) => i.title) : null,
            reason: state.cancelled?.reason,
          },
          network,
          recipient: p,
          organizer: options.organizer,
        }),
    );
  });
}
