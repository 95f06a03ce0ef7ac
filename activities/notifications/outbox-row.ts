import type { EntityManager } from 'typeorm';

/** One mail to one person, as a notice writes it to the outbox. */
export interface OutboxRow {
  readonly network: string;
  /** Unique: the row is written once however often the fact is projected. */
  readonly key: string;
  readonly kind: string;
  readonly event: string;
  readonly workflowId: string;
  readonly taskId?: string;
  readonly personId: string;
  readonly recipient: string;
  readonly language: string;
  /** Where the reader acts on it (a task's page), which the person's digest lists. */
  readonly link?: string;
  readonly mail: {
    readonly subject: string;
    readonly text: string;
    readonly html: string;
    readonly calendar?: string;
    readonly calendarMethod?: 'REQUEST' | 'CANCEL';
  };
}

/** The columns a notice writes, in the order of the unnest below. */
const COLUMNS = [
  'network_code',
  'idempotency_key',
  'kind',
  'event',
  'workflow_id',
  'task_id',
  'person_id',
  'recipient',
  'language',
  'subject',
  'body_text',
  'body_html',
  'calendar',
  'calendar_method',
  'link',
] as const;

/**
 * Writes the rows whose keys are not there already, in one statement; how many were written. Each person's
 * preference for the row's kind decides its state in the same statement: `pending` (immediate), `held` until their
 * next digest hour in the network's time zone, or `muted`. A fresh random token makes each mail's List-Unsubscribe URL.
 */
export async function insertOutboxRows(tx: EntityManager, rows: readonly OutboxRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map((row) => [
    row.network,
    row.key,
    row.kind,
    row.event,
    row.workflowId,
    row.taskId ?? null,
    row.personId,
    row.recipient,
    row.language,
    row.mail.subject,
    row.mail.text,
    row.mail.html,
    row.mail.calendar ?? null,
    row.mail.calendarMethod ?? null,
    row.link ?? null,
  ]);
  const inserted = (await tx.query(
    `INSERT INTO outbox (${COLUMNS.join(', ')}, unsubscribe_token, status, next_attempt_at)
     SELECT ${COLUMNS.map((c) => (c === 'person_id' ? 'r.person_id::uuid' : `r.${c}`)).join(', ')},
            replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
            CASE d.delivery WHEN 'digest' THEN 'held' WHEN 'muted' THEN 'muted' ELSE 'pending' END,
            CASE WHEN d.delivery = 'digest' THEN d.next_digest ELSE now() END
       FROM unnest(${COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS r(${COLUMNS.join(', ')})
       JOIN networks n ON n.code = r.network_code
       LEFT JOIN notification_preferences p ON p.person_id = r.person_id::uuid
       CROSS JOIN LATERAL (
         SELECT COALESCE(p.deliveries ->> r.kind, 'immediate') AS delivery,
                -- The digest hour's next instant in the network's day (today's, or tomorrow's once it passed), the
                -- day added to the network's wall clock, so the hour stays the same across a daylight-saving change.
                (CASE WHEN h AT TIME ZONE n.time_zone > now() THEN h ELSE h + interval '1 day' END)
                  AT TIME ZONE n.time_zone AS next_digest
           FROM (SELECT date_trunc('day', now() AT TIME ZONE n.time_zone)
                        + make_interval(hours => COALESCE(p.digest_hour, 7)) AS h) t
       ) d
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    COLUMNS.map((_, i) => values.map((v) => v[i])),
  )) as unknown[];
  return inserted.length;
}
