import { MigrationInterface, QueryRunner } from 'typeorm';

/** Networks, agencies, reference objectives, API keys and the cycle read model. */
export class InitialSchema1795824000000 implements MigrationInterface {
  name = 'InitialSchema1795824000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "networks" (
      "code" text NOT NULL, "name" text NOT NULL, "time_zone" text NOT NULL, "coordinator_agency" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_networks" PRIMARY KEY ("code"))`);
    await q.query(`CREATE TABLE "agencies" (
      "network_code" text NOT NULL, "code" text NOT NULL, "name" text NOT NULL,
      "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL, "left_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_agencies" PRIMARY KEY ("network_code", "code"),
      CONSTRAINT "fk_agencies_network" FOREIGN KEY ("network_code") REFERENCES "networks"("code") ON DELETE CASCADE)`);
    await q.query(`CREATE TABLE "gcm_objectives" (
      "number" integer NOT NULL, "title" text NOT NULL,
      CONSTRAINT "pk_gcm_objectives" PRIMARY KEY ("number"))`);
    await q.query(`CREATE TABLE "network_objectives" (
      "network_code" text NOT NULL, "scope" text NOT NULL, "number" integer NOT NULL, "text" text NOT NULL,
      CONSTRAINT "ck_network_objectives_scope" CHECK ("scope" IN ('network', 'twg')),
      CONSTRAINT "pk_network_objectives" PRIMARY KEY ("network_code", "scope", "number"),
      CONSTRAINT "fk_network_objectives_network" FOREIGN KEY ("network_code") REFERENCES "networks"("code") ON DELETE CASCADE)`);
    await q.query(`CREATE TABLE "api_keys" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "network_code" text NOT NULL, "role" text NOT NULL,
      "agency_code" text, "key_hash" text NOT NULL, "label" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "ck_api_keys_agency" CHECK ("role" = 'auditor' OR "agency_code" IS NOT NULL),
      CONSTRAINT "ck_api_keys_role" CHECK ("role" IN ('coordinator', 'agency', 'auditor')),
      CONSTRAINT "pk_api_keys" PRIMARY KEY ("id"),
      CONSTRAINT "fk_api_keys_network" FOREIGN KEY ("network_code") REFERENCES "networks"("code") ON DELETE CASCADE)`);
    await q.query(`CREATE UNIQUE INDEX "ux_api_keys_key_hash" ON "api_keys" ("key_hash")`);
    await q.query(`CREATE INDEX "ix_api_keys_network" ON "api_keys" ("network_code")`);
    await q.query(`CREATE TABLE "cycles" (
      "network_code" text NOT NULL, "year" integer NOT NULL, "workflow_id" text NOT NULL, "phase" text NOT NULL,
      "calendar" jsonb NOT NULL, "started_by" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "closed_at" TIMESTAMP WITH TIME ZONE, "revision" integer NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_cycles" PRIMARY KEY ("network_code", "year"),
      CONSTRAINT "fk_cycles_network" FOREIGN KEY ("network_code") REFERENCES "networks"("code") ON DELETE RESTRICT)`);
    await q.query(`CREATE UNIQUE INDEX "ux_cycles_workflow_id" ON "cycles" ("workflow_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['cycles', 'api_keys', 'network_objectives', 'gcm_objectives', 'agencies', 'networks']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
