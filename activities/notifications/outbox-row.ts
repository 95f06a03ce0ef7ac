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
  readonly mail: {
    readonly subject: string;
    readonly text: string;
    readonly html: string;
    readonly calendar?: string;
    readonly calendarMethod?: 'REQUEST' | 'CANCEL';
  };
}

/** Writes the row unless its key is there already; 1 when written, 0 when it was. */
export async function insertOutboxRow(tx: EntityManager, row: OutboxRow): Promise<number> {
  const inserted = (await tx.query(
    `INSERT INTO outbox (network_code, idempotency_key, kind, event, workflow_id, task_id, person_id, recipient, language,
                         subject, body_text, body_html, calendar, calendar_method)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
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
    ],
  )) as unknown[];
  return inserted.length;
}
