import { MigrationInterface, QueryRunner } from 'typeorm';

/** The TWG registry (each TWG with when and how it was established and abolished) and decisions by silence procedure. */
export class TwgRegistry1795836000000 implements MigrationInterface {
  name = 'TwgRegistry1795836000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "twgs" (
      "network_code" text NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "thematic_area" text NOT NULL,
      "lead_agency" text NOT NULL, "member_agencies" text array NOT NULL,
      "established_on" TIMESTAMP WITH TIME ZONE NOT NULL, "established_by" text,
      "abolished_on" TIMESTAMP WITH TIME ZONE, "abolished_by" text,
      CONSTRAINT "pk_twgs" PRIMARY KEY ("network_code", "code"),
      CONSTRAINT "fk_twgs_network" FOREIGN KEY ("network_code") REFERENCES "networks"("code") ON DELETE CASCADE)`);
    await q.query(`CREATE TABLE "decisions" (
      "network_code" text NOT NULL, "id" text NOT NULL, "workflow_id" text NOT NULL, "kind" text NOT NULL,
      "status" text NOT NULL, "round" integer NOT NULL, "proposal" jsonb, "objections" jsonb NOT NULL,
      "circulated_at" TIMESTAMP WITH TIME ZONE, "adopted_at" TIMESTAMP WITH TIME ZONE, "withdrawn" jsonb,
      "effect_applied_at" TIMESTAMP WITH TIME ZONE, "effect_outcome" text, "revision" integer NOT NULL,
      CONSTRAINT "pk_decisions" PRIMARY KEY ("network_code", "id"))`);
    await q.query(`CREATE UNIQUE INDEX "ux_decisions_workflow_id" ON "decisions" ("workflow_id")`);
    await q.query(`CREATE TABLE "twg_rounds" (
      "network_code" text NOT NULL, "id" text NOT NULL, "twg" text NOT NULL, "year" integer NOT NULL, "period" integer NOT NULL,
      "status" text NOT NULL, "period_start" TIMESTAMP WITH TIME ZONE NOT NULL, "period_end" TIMESTAMP WITH TIME ZONE NOT NULL,
      "updates" jsonb NOT NULL, "report" jsonb, "closed_at" TIMESTAMP WITH TIME ZONE, "revision" integer NOT NULL,
      CONSTRAINT "pk_twg_rounds" PRIMARY KEY ("network_code", "id"))`);
    await q.query(`CREATE INDEX "ix_twg_rounds_twg" ON "twg_rounds" ("network_code", "twg")`);
    await q.query(`CREATE TABLE "impediments" (
      "network_code" text NOT NULL, "id" text NOT NULL, "twg" text NOT NULL, "round_id" text NOT NULL,
      "description" text NOT NULL, "severity" text NOT NULL, "gcm_objectives" integer array NOT NULL, "target" text NOT NULL,
      "status" text NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "pk_impediments" PRIMARY KEY ("network_code", "id"))`);
    await q.query(`CREATE INDEX "ix_impediments_status" ON "impediments" ("network_code", "status", "target")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "impediments"`);
    await q.query(`DROP TABLE "twg_rounds"`);
    await q.query(`DROP TABLE "decisions"`);
    await q.query(`DROP TABLE "twgs"`);
  }
}
