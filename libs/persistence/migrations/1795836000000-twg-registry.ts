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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "decisions"`);
    await q.query(`DROP TABLE "twgs"`);
  }
}
