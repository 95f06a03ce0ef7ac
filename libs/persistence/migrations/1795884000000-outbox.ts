import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox (issue 14): every notification a process's facts call for, one row per recipient, written by the
 * projection activity under an idempotency key (so a retried activity or a replayed history writes nothing twice),
 * delivered by the worker's dispatcher with retries; and each delivery attempt with its outcome. And each person's
 * calendar-feed token (only its SHA-256), which a calendar program sends instead of a key.
 */
export class Outbox1795884000000 implements MigrationInterface {
  name = 'Outbox1795884000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "outbox" (
      "id" bigserial NOT NULL,
      "network_code" text NOT NULL,
      "idempotency_key" text NOT NULL,
      "kind" text NOT NULL,
      "event" text NOT NULL,
      "workflow_id" text NOT NULL,
      "task_id" text,
      "person_id" uuid,
      "channel" text NOT NULL DEFAULT 'email',
      "recipient" text NOT NULL,
      "language" text NOT NULL,
      "subject" text NOT NULL,
      "body_text" text NOT NULL,
      "body_html" text NOT NULL,
      "calendar" text,
      "calendar_method" text,
      "status" text NOT NULL DEFAULT 'pending',
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "locked_until" TIMESTAMP WITH TIME ZONE,
      "last_error" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "sent_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_outbox" PRIMARY KEY ("id"),
      CONSTRAINT "fk_outbox_network" FOREIGN KEY ("network_code") REFERENCES "networks"("code") ON DELETE CASCADE,
      CONSTRAINT "ck_outbox_status" CHECK ("status" IN ('pending', 'sending', 'sent', 'bounced', 'failed')),
      CONSTRAINT "ck_outbox_channel" CHECK ("channel" IN ('email')),
      CONSTRAINT "ck_outbox_calendar" CHECK (("calendar" IS NULL) = ("calendar_method" IS NULL) AND "calendar_method" IN ('REQUEST', 'CANCEL'))
    )`);
    await q.query(`CREATE UNIQUE INDEX "ux_outbox_idempotency_key" ON "outbox" ("idempotency_key")`);
    await q.query(
      `CREATE INDEX "ix_outbox_due" ON "outbox" ("next_attempt_at") WHERE "status" IN ('pending', 'sending')`,
    );
    await q.query(`CREATE INDEX "ix_outbox_network_status" ON "outbox" ("network_code", "status", "id")`);
    await q.query(`CREATE INDEX "ix_outbox_task" ON "outbox" ("task_id")`);
    await q.query(`CREATE INDEX "ix_outbox_workflow" ON "outbox" ("workflow_id")`);
    await q.query(`CREATE TABLE "notification_attempts" (
      "id" bigserial NOT NULL,
      "outbox_id" bigint NOT NULL,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "outcome" text NOT NULL,
      "detail" text,
      CONSTRAINT "pk_notification_attempts" PRIMARY KEY ("id"),
      CONSTRAINT "fk_notification_attempts_outbox" FOREIGN KEY ("outbox_id") REFERENCES "outbox"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_notification_attempts_outcome" CHECK ("outcome" IN ('sent', 'bounced', 'failed', 'retry'))
    )`);
    await q.query(`CREATE INDEX "ix_notification_attempts_outbox" ON "notification_attempts" ("outbox_id")`);
    await q.query(`CREATE TABLE "calendar_tokens" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "person_id" uuid NOT NULL,
      "token_hash" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      "last_used_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_calendar_tokens" PRIMARY KEY ("id"),
      CONSTRAINT "fk_calendar_tokens_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE UNIQUE INDEX "ux_calendar_tokens_token_hash" ON "calendar_tokens" ("token_hash")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "calendar_tokens"`);
    await q.query(`DROP TABLE "notification_attempts"`);
    await q.query(`DROP TABLE "outbox"`);
  }
}
