import { MigrationInterface, QueryRunner } from 'typeorm';

/** The annual cycle's read models (tasks, plan revisions and activities, the report) and the append-only audit log. */
export class TasksPlansAudit1795830000000 implements MigrationInterface {
  name = 'TasksPlansAudit1795830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cycles" ADD "phase_entered_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cycles" ADD "plan_revision" integer`);
    await q.query(`ALTER TABLE "cycles" ADD "report" jsonb`);
    await q.query(`CREATE TABLE "tasks" (
      "id" text NOT NULL, "network_code" text NOT NULL, "process" text NOT NULL, "kind" text NOT NULL,
      "assignee" text NOT NULL, "assignee_role" text NOT NULL, "subject" text, "status" text NOT NULL,
      "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "remind_at" TIMESTAMP WITH TIME ZONE NOT NULL, "escalate_at" TIMESTAMP WITH TIME ZONE,
      "expires_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "completed_by" text,
      "submissions" integer NOT NULL, "result" jsonb, "reminded_at" TIMESTAMP WITH TIME ZONE,
      "escalated_at" TIMESTAMP WITH TIME ZONE, "closed_reason" text, "version" integer NOT NULL,
      CONSTRAINT "pk_tasks" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_tasks_process" ON "tasks" ("network_code", "process")`);
    await q.query(`CREATE INDEX "ix_tasks_assignee" ON "tasks" ("network_code", "assignee", "status")`);
    await q.query(`CREATE TABLE "plan_revisions" (
      "network_code" text NOT NULL, "year" integer NOT NULL, "revision" integer NOT NULL,
      "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "submitted_by" text NOT NULL, "note" text,
      "activities" jsonb NOT NULL, "objections" jsonb NOT NULL, "endorsed_at" TIMESTAMP WITH TIME ZONE,
      "cycle_revision" integer NOT NULL,
      CONSTRAINT "pk_plan_revisions" PRIMARY KEY ("network_code", "year", "revision"))`);
    await q.query(`CREATE TABLE "plan_activities" (
      "network_code" text NOT NULL, "year" integer NOT NULL, "id" text NOT NULL, "revision" integer NOT NULL,
      "title" text NOT NULL, "description" text NOT NULL, "lead_agency" text NOT NULL,
      "partner_agencies" text array NOT NULL, "gcm_objectives" integer array NOT NULL,
      "network_objective" integer NOT NULL, "twg" text, "milestones" jsonb NOT NULL, "indicators" jsonb NOT NULL,
      "status" text, "progress" jsonb NOT NULL, "cycle_revision" integer NOT NULL,
      CONSTRAINT "pk_plan_activities" PRIMARY KEY ("network_code", "year", "id"))`);
    await q.query(`CREATE TABLE "audit_log" (
      "network_code" text NOT NULL, "seq" bigint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "request_id" text NOT NULL, "actor_role" text, "actor_agency" text, "key_id" uuid, "command" text NOT NULL,
      "target" text, "payload" jsonb, "outcome" text NOT NULL, "status" integer NOT NULL, "error_code" text,
      "prev_hash" text NOT NULL, "hash" text NOT NULL,
      CONSTRAINT "pk_audit_log" PRIMARY KEY ("network_code", "seq"))`);
    // Append-only: the chain shows tampering, and the trigger stops the casual kind.
    await q.query(`CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await q.query(`CREATE TRIGGER "tr_audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"()`);
    await q.query(`CREATE TRIGGER "tr_audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP FUNCTION "audit_log_append_only"()`);
    for (const table of ['plan_activities', 'plan_revisions', 'tasks']) await q.query(`DROP TABLE "${table}"`);
    for (const column of ['report', 'plan_revision', 'phase_entered_at'])
      await q.query(`ALTER TABLE "cycles" DROP COLUMN "${column}"`);
  }
}
