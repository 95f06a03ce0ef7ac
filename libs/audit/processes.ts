import type { Actor } from '../domain/roles';

/** How the audit side reads any process's domain events (each process's reducer is in its definition, libs/processes). */

/** Who acted, if the event says: completions, withdrawals, reschedules, the start of a cycle. */
export function actorOfEvent(event: Record<string, unknown>): Actor | null {
  const by = event.by as Actor | undefined;
  return by && typeof by === 'object' ? by : null;
}

/** One line a person reads, from the event's own fields. */
export function describeEvent(e: Record<string, unknown>): string {
  const task = e.task as { id: string; assignee: string; dueAt: string } | undefined;
  switch (e.type) {
    case 'TaskOpened':
      return `task ${task!.id} opened for ${task!.assignee}, due ${task!.dueAt}`;
    case 'TaskCompleted':
      return `task ${String(e.taskId)} completed${answerOf(e.payload)}`;
    case 'TaskReminded':
    case 'TaskEscalated':
    case 'TaskExpired':
      return `task ${String(e.taskId)} ${String(e.type).slice(4).toLowerCase()}`;
    case 'TaskCancelled':
      return `task ${String(e.taskId)} cancelled: ${String(e.reason)}`;
    case 'TaskExtended':
      return `task ${String(e.taskId)} extended to ${String(e.dueAt)}: ${String(e.reason)}`;
    case 'TaskReassigned':
      return `task ${String(e.taskId)} reassigned from ${String(e.from)} to ${String(e.assignee)}${e.dueAt ? `, due ${String(e.dueAt)}` : ''}: ${String(e.reason)}`;
    case 'PhaseEntered':
      return `phase ${String(e.phase)}`;
    case 'DeadlineExtended':
      return `${String(e.deadline)} extended to ${String(e.until)}: ${String(e.reason)}`;
    default: {
      const details = Object.entries(e)
        .filter(
          ([k, v]) =>
            ![
              'type',
              'at',
              'by',
              'input',
              'calendar',
              'network',
              'report',
              'summary',
              'items',
              'invitees',
              'proposal',
            ].includes(k) &&
            (typeof v !== 'object' || v === null),
        )
        .map(([k, v]) => `${k}=${String(v)}`);
      return [String(e.type), ...details].join(' ');
    }
  }
}

/** What an answer said, where it says it in words: a concurrence or an objection and its reason, an endorsement. */
function answerOf(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return '';
  const p = payload as Record<string, unknown>;
  const answer = [p.answer, p.decision, p.status].find((v) => typeof v === 'string') as string | undefined;
  const why = [p.reason, p.comment, p.note].find((v) => typeof v === 'string') as string | undefined;
  if (!answer && !why) return '';
  return `: ${[answer, why && `"${why}"`].filter(Boolean).join(' ')}`;
}
