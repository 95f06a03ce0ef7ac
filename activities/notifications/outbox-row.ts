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

/**
 * Writes the row unless its key is there already; 1 when written, 0 when it was. The person's preference for its kind
 * decides its state in the same statement: `pending` (immediate), `held` until their next digest hour in the network's
 * time zone, or `muted`. A fresh random token makes the mail's List-Unsubscribe URL.
 */
export async function insertOutboxRow(tx: EntityManager, row: OutboxRow): Promise<number> {
  const inserted = (await tx.query(
    `INSERT INTO outbox (network_code, idempotency_key, kind, event, workflow_id, task_id, person_id, recipient, language,
                         subject, body_text, body_html, calendar, calendar_method, link, unsubscribe_token,
                         status, next_attempt_at)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
            replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
            CASE d.delivery WHEN 'digest' THEN 'held' WHEN 'muted' THEN 'muted' ELSE 'pending' END,
            CASE WHEN d.delivery = 'digest' THEN next_digest ELSE now() END
       FROM (SELECT COALESCE(p.deliveries ->> $3, 'immediate') AS delivery,
                    -- The digest hour's next instant in the network's day (today's, or tomorrow's once it passed).
                    (SELECT CASE WHEN h > now() THEN h ELSE h + interval '1 day' END
                       FROM (SELECT (date_trunc('day', now() AT TIME ZONE n.time_zone)
                                     + make_interval(hours => COALESCE(p.digest_hour, 7))) AT TIME ZONE n.time_zone AS h) t
                    ) AS next_digest
               FROM networks n LEFT JOIN notification_preferences p ON p.person_id = $7
              WHERE n.code = $1) d
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [
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
    ],
  )) as unknown[];
  return inserted.length;
}
