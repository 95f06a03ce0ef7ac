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

/**
 * What a task event says, as fields rather than a sentence: the web page words it in the reader's language (the
 * English line above stays for exports and the command line). Null for events it has no words for; the page then
 * shows the English line.
 */
export interface EventFacts {
  readonly key: string;
  readonly values: Readonly<Record<string, string>>;
}

export type TaskOf = (taskId: string) => { kind: string; assignee: string; subject: string | null } | undefined;

export function eventFacts(e: Record<string, unknown>, taskOf: TaskOf): EventFacts | null {
  const opened = e.task as { id: string; kind: string; assignee: string; subject: string | null; dueAt: string };
  const taskId = e.type === 'TaskOpened' ? opened?.id : typeof e.taskId === 'string' ? e.taskId : undefined;
  const task = e.type === 'TaskOpened' ? opened : taskId !== undefined ? taskOf(taskId) : undefined;
  const strings = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<
      string,
      string
    >;
  const about = task ? { kind: task.kind, assignee: task.assignee, subject: task.subject ?? '' } : {};
  switch (e.type) {
    case 'TaskOpened':
      return { key: e.type, values: strings({ ...about, dueAt: opened.dueAt }) };
    case 'TaskCompleted': {
      const p = (typeof e.payload === 'object' && e.payload !== null ? e.payload : {}) as Record<string, unknown>;
      const answer = [p.answer, p.decision, p.status].find((v) => typeof v === 'string');
      const why = [p.reason, p.comment, p.note].find((v) => typeof v === 'string');
      return { key: e.type, values: strings({ ...about, answer, why }) };
    }
    case 'TaskReminded':
    case 'TaskEscalated':
    case 'TaskExpired':
    case 'TaskCancelled':
    case 'TaskExtended':
    case 'TaskReassigned':
      return task
        ? { key: e.type, values: strings({ ...about, reason: e.reason, dueAt: e.dueAt, from: e.from }) }
        : null;
    case 'PhaseEntered':
      return { key: e.type, values: strings({ phase: e.phase }) };
    default:
      return null;
  }
}
