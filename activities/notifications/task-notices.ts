import type { DataSource, EntityManager } from 'typeorm';

import type { Language, PersonRole } from '../../libs/domain/people';
import type { Task } from '../../libs/domain/tasks';
import { About, renderTaskMail, TaskNotice } from '../../libs/notifications/task-mail';
import { insertOutboxRows, OutboxRow } from './outbox-row';
import { networkOf } from './process-notices';
import { tellWebhooks, Webhook, webhooksOf } from './webhook-rows';

export interface NoticeOptions {
  /** Where the mails' links point: the deployment's public address (PUBLIC_URL), or the API's own. */
  readonly linkBase: string;
  /** Who a meeting's invitation is from (MAIL_FROM). */
  readonly organizer: { readonly name: string; readonly email: string };
}

/** The TWG tasks, whose escalation also goes to the TWG's lead. */
const TWG_KINDS: readonly Task['kind'][] = ['submit-twg-update', 'consolidate-twg-report'];

interface Recipient {
  readonly id: string;
  readonly email: string;
  readonly language: Language;
  readonly role: PersonRole;
  readonly agency: string | null;
  readonly standsInFor?: { readonly person: string; readonly agency: string };
}

interface Fact {
  readonly task: Task;
  readonly notice: TaskNotice;
  /** The fact as the task's state shows it: one per task, whoever projects it and however often. */
  readonly event: string;
}

/**
 * The outbox rows an open task's state calls for: assigned to an agency (opened, or changed when it was assigned
 * before: reassigned, or its due time moved), reminded, escalated. Each fact is read off the task itself, so a
 * projection sent twice, retried, or sent after a worker was killed writes nothing new (the idempotency key is the
 * workflow, the task, the fact and the person). Called by the live projector activities only: a rebuild of the read
 * models from histories tells nobody anything again.
 */
export async function enqueueTaskNotices(
  dataSource: DataSource,
  tasks: readonly Task[],
  options: NoticeOptions,
): Promise<number> {
  const open = tasks.filter((t) => t.status === 'open');
  if (open.length === 0) return 0; // a completion's projection: nothing to tell, no query
  return dataSource.transaction(async (tx) => {
    const known = new Set(
      (
        (await tx.query(`SELECT DISTINCT task_id, event FROM outbox WHERE task_id = ANY($1)`, [
          open.map((t) => t.id),
        ])) as { task_id: string; event: string }[]
      ).map((r) => `${r.task_id}\n${r.event}`),
    );
    const wasAssigned = (t: Task) => [...known].some((k) => k.startsWith(`${t.id}\nassigned:`));
    const facts: Fact[] = open.flatMap((t) => {
      const all: Fact[] = [
        { task: t, notice: wasAssigned(t) ? 'changed' : 'opened', event: `assigned:${t.assignee}:${t.dueAt}` },
        ...(t.remindedAt ? [{ task: t, notice: 'reminded' as const, event: `reminded:${t.remindedAt}` }] : []),
        ...(t.escalatedAt ? [{ task: t, notice: 'escalated' as const, event: `escalated:${t.escalatedAt}` }] : []),
      ];
      return all.filter((f) => !known.has(`${t.id}\n${f.event}`));
    });
    if (facts.length === 0) return 0;
    // One projection is one process's, of one network: read it once, not per fact.
    const network = await networkOf(tx, open[0].network);
    if (!network) return 0;
    const hooks = await webhooksOf(tx, open[0].network);
    const rows: OutboxRow[] = [];
    let written = 0;
    const abouts = new Map<string, Promise<About | null>>(); // one process's tasks are all about one thing
    const about = (t: Task) => abouts.get(t.process) ?? abouts.set(t.process, aboutOf(tx, t)).get(t.process)!;
    for (const fact of facts)
      written += await tellFact(tx, fact, network, await about(fact.task), hooks, options, rows);
    return written + (await insertOutboxRows(tx, rows));
  });
}

/** Writes a fact's webhook rows, and adds the rows of the people it is told to to `rows` (written in one go). */
async function tellFact(
  tx: EntityManager,
  { task, notice, event }: Fact,
  network: { readonly name: string; readonly timeZone: string },
  about: About | null,
  hooks: readonly Webhook[],
  options: NoticeOptions,
  rows: OutboxRow[],
): Promise<number> {
  const recipients = await recipientsOf(tx, task, notice);
  // The task's page in the web application (a signed-out reader is asked to sign in first).
  const link = `${options.linkBase}/app/${task.network}/tasks/${encodeURIComponent(task.id)}`;
  const written = await tellWebhooks(
    tx,
    {
      network: task.network,
      key: `${task.process}|${task.id}|${event}`,
      kind: `task-${notice}`,
      event,
      workflowId: task.process,
      taskId: task.id,
      link,
      words: () =>
        renderTaskMail({
          notice,
          task,
          about,
          network,
          recipient: { language: 'en', role: 'focal-point', agency: task.assignee },
          link,
        }),
    },
    hooks,
  );
  rows.push(
    ...recipients.map((r) => ({
      network: task.network,
      key: `${task.process}|${task.id}|${event}|${r.id}`,
      kind: `task-${notice}`,
      event,
      workflowId: task.process,
      taskId: task.id,
      personId: r.id,
      recipient: r.email,
      language: r.language,
      link,
      mail: renderTaskMail({ notice, task, about, network, recipient: r, link }),
    })),
  );
  return written;
}

/** What a task is about, from its process: a decision's or a meeting's title (as projected just before), a cycle, a TWG round. */
async function aboutOf(tx: EntityManager, task: Task): Promise<About | null> {
  const [process, , ...rest] = task.process.split(':');
  const title = async (sql: string) =>
    ((await tx.query(sql, [task.process])) as { title: string | null }[])[0]?.title ?? null;
  switch (process) {
    case 'decision': {
      const t = await title(`SELECT proposal->>'title' AS title FROM decisions WHERE workflow_id = $1`);
      return t ? { title: t } : null;
    }
    case 'meeting': {
      const t = await title(`SELECT title FROM meetings WHERE workflow_id = $1`);
      return t ? { title: t } : null;
    }
    case 'annual-cycle':
      return { cycle: Number(rest[0]) };
    case 'twg-round': {
      const [twg, yearPeriod] = rest; // twg-round:{network}:{twg}:{year}-P{n}
      const m = /^(\d{4})-P(\d)$/.exec(yearPeriod ?? '');
      return m ? { twg, year: Number(m[1]), period: Number(m[2]) } : null;
    }
    default:
      return null;
  }
}

/**
 * Who is told: the active people of the assignee agency (or the coordinators, for a coordinator's task); for an
 * escalation, the coordinators and, for a TWG's task, its lead. Whoever stands in for one of them now (an absence's
 * substitute) is told too, as their substitute.
 */
async function recipientsOf(tx: EntityManager, task: Task, notice: TaskNotice): Promise<Recipient[]> {
  const twg = TWG_KINDS.includes(task.kind) ? task.process.split(':')[2] : null;
  const rows = (await tx.query(
    `SELECT id, email, language, role, agency_code AS agency FROM people
      WHERE network_code = $1 AND active AND (
        CASE WHEN $2 THEN role = 'coordinator' OR (role = 'twg-lead' AND twg_code = $3)
             WHEN $4 = 'coordinator' THEN role = 'coordinator'
             ELSE agency_code = $5 AND role IN ('focal-point', 'alternate', 'twg-lead') END)
      ORDER BY id`,
    [task.network, notice === 'escalated', twg, task.assigneeRole, task.assignee],
  )) as Recipient[];
  if (rows.length === 0) return [];
  const substitutes = (await tx.query(
    `SELECT s.id, s.email, s.language, s.role, s.agency_code AS agency, p.name AS absent, p.agency_code AS absent_agency
       FROM absences a JOIN people s ON s.id = a.substitute_id JOIN people p ON p.id = a.person_id
      WHERE a.person_id = ANY($1) AND a.ended_at IS NULL AND a.starts_at <= now() AND a.ends_at > now() AND s.active`,
    [rows.map((r) => r.id)],
  )) as (Recipient & { absent: string; absent_agency: string })[];
  const told = new Set(rows.map((r) => r.id));
  return [
    ...rows,
    ...substitutes
      .filter((s) => !told.has(s.id) && told.add(s.id))
      .map(({ absent, absent_agency, ...s }) => ({ ...s, standsInFor: { person: absent, agency: absent_agency } })),
  ];
}
