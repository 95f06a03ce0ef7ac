import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register of external partners and the engagement log (ToR objective 8, issue 16): who the Network engages, by
 * the ToR's categories, and each consultation, event or submission with its partners, the work-plan activities and
 * GCM objectives it served and the GCM processes it fed.
 */
export class Partners1795908000000 implements MigrationInterface {
  name = 'Partners1795908000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "partners" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "network_code" text NOT NULL,
      "name" text NOT NULL,
      "category" text NOT NULL,
      "contact" text,
      "created_by" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_partners" PRIMARY KEY ("id"),
      CONSTRAINT "fk_partners_network" FOREIGN KEY ("network_code") REFERENCES "networks"("code") ON DELETE CASCADE
    )`);
    await q.query(`CREATE UNIQUE INDEX "ux_partners_name" ON "partners" ("network_code", "name")`);
    await q.query(`CREATE TABLE "engagements" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "network_code" text NOT NULL,
      "year" integer NOT NULL,
      "happened_on" date NOT NULL,
      "kind" text NOT NULL,
      "title" text NOT NULL,
      "note" text,
      "partner_ids" uuid array NOT NULL,
      "activity_ids" text array NOT NULL DEFAULT '{}',
      "gcm_objectives" integer array NOT NULL DEFAULT '{}',
      "feeds" text array NOT NULL DEFAULT '{}',
      "recorded_by" text NOT NULL,
      "agency_code" text NOT NULL,
      "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_engagements" PRIMARY KEY ("id"),
      CONSTRAINT "fk_engagements_network" FOREIGN KEY ("network_code") REFERENCES "networks"("code") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "ix_engagements_year" ON "engagements" ("network_code", "year")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "engagements"`);
    await q.query(`DROP TABLE "partners"`);
  }
}
