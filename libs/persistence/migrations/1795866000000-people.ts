import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People (issue 13): each network's named people, with their agency, part and language. A key may be a person's (it
 * then acts as the person does now); the audit log and the task read model name the person who acted. Observers:
 * a network role that reads and sends nothing.
 */
export class People1795866000000 implements MigrationInterface {
  name = 'People1795866000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "people" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "network_code" text NOT NULL,
      "name" text NOT NULL,
      "email" text NOT NULL,
      "agency_code" text,
      "role" text NOT NULL,
      "twg_code" text,
      "language" text NOT NULL DEFAULT 'en',
      "active" boolean NOT NULL DEFAULT true,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_people" PRIMARY KEY ("id"),
      CONSTRAINT "fk_people_network" FOREIGN KEY ("network_code") REFERENCES "networks"("code") ON DELETE CASCADE,
      CONSTRAINT "ck_people_role" CHECK ("role" IN ('coordinator', 'focal-point', 'alternate', 'twg-lead', 'auditor', 'observer')),
      CONSTRAINT "ck_people_language" CHECK ("language" IN ('en', 'tet', 'pt')),
      CONSTRAINT "ck_people_agency" CHECK ("role" IN ('auditor', 'observer') OR "agency_code" IS NOT NULL),
      CONSTRAINT "ck_people_twg" CHECK (("role" = 'twg-lead') = ("twg_code" IS NOT NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX "ux_people_email" ON "people" ("network_code", "email")`);

    await q.query(`ALTER TABLE "api_keys" ADD "person_id" uuid`);
    await q.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "fk_api_keys_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE`,
    );
    await q.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "ck_api_keys_role"`);
    await q.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "ck_api_keys_role" CHECK ("role" IN ('coordinator', 'agency', 'auditor', 'observer', 'administrator'))`,
    );
    await q.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "ck_api_keys_agency"`);
    await q.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "ck_api_keys_agency" CHECK ("role" IN ('auditor', 'observer', 'administrator') OR "agency_code" IS NOT NULL)`,
    );

    await q.query(`ALTER TABLE "audit_log" ADD "person_id" uuid`);
    await q.query(`ALTER TABLE "audit_log" ADD "actor_person" text`);
    await q.query(`ALTER TABLE "tasks" ADD "completed_by_person" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tasks" DROP COLUMN "completed_by_person"`);
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "actor_person"`);
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "person_id"`);
    await q.query(`DELETE FROM "api_keys" WHERE "role" = 'observer'`);
    await q.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "ck_api_keys_agency"`);
    await q.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "ck_api_keys_agency" CHECK ("role" IN ('auditor', 'administrator') OR "agency_code" IS NOT NULL)`,
    );
    await q.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "ck_api_keys_role"`);
    await q.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "ck_api_keys_role" CHECK ("role" IN ('coordinator', 'agency', 'auditor', 'administrator'))`,
    );
    await q.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "fk_api_keys_person"`);
    await q.query(`ALTER TABLE "api_keys" DROP COLUMN "person_id"`);
    await q.query(`DROP TABLE "people"`);
  }
}
