import { MigrationInterface, QueryRunner } from 'typeorm';

/** Network meetings, their action items, and the statuses meetings give impediments; a cancelled round's reason. */
export class Meetings1795842000000 implements MigrationInterface {
  name = 'Meetings1795842000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "meetings" (
      "network_code" text NOT NULL, "id" text NOT NULL, "workflow_id" text NOT NULL, "kind" text NOT NULL,
      "year" integer NOT NULL, "quarter" integer, "title" text NOT NULL, "status" text NOT NULL,
      "scheduled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "agenda_call_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "agenda_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "agenda" jsonb NOT NULL, "agenda_published_at" TIMESTAMP WITH TIME ZONE,
      "attendance" jsonb NOT NULL, "minutes" jsonb NOT NULL, "decisions" jsonb NOT NULL, "reviews" jsonb NOT NULL,
      "reschedules" jsonb NOT NULL, "cancelled" jsonb, "held_at" TIMESTAMP WITH TIME ZONE, "adopted_at" TIMESTAMP WITH TIME ZONE,
      "revision" integer NOT NULL,
      CONSTRAINT "pk_meetings" PRIMARY KEY ("network_code", "id"))`);
    await q.query(`CREATE UNIQUE INDEX "ux_meetings_workflow_id" ON "meetings" ("workflow_id")`);
    await q.query(`CREATE TABLE "action_items" (
      "network_code" text NOT NULL, "id" text NOT NULL, "meeting" text NOT NULL, "title" text NOT NULL, "owner" text NOT NULL,
      "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "impediment_id" text, "status" text NOT NULL,
      "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, "closed_reason" text,
      "carried_to" text array NOT NULL DEFAULT '{}', "version" integer NOT NULL,
      CONSTRAINT "pk_action_items" PRIMARY KEY ("network_code", "id"))`);
    await q.query(`CREATE INDEX "ix_action_items_owner" ON "action_items" ("network_code", "owner", "status")`);
    await q.query(
      `ALTER TABLE "impediments" ADD "status_note" text, ADD "status_by" text, ADD "status_at" TIMESTAMP WITH TIME ZONE`,
    );
    await q.query(`ALTER TABLE "twg_rounds" ADD "cancelled_reason" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "twg_rounds" DROP COLUMN "cancelled_reason"`);
    await q.query(
      `ALTER TABLE "impediments" DROP COLUMN "status_at", DROP COLUMN "status_by", DROP COLUMN "status_note"`,
    );
    await q.query(`DROP TABLE "action_items"`);
    await q.query(`DROP TABLE "meetings"`);
  }
}
