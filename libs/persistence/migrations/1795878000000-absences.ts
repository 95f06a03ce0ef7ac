import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Absences (issue 13): a person away, from when until when, and who stands in for them. While it runs the substitute
 * acts on the absent person's agency's tasks, and what they do names both (the audit log, the task, the timeline).
 */
export class Absences1795878000000 implements MigrationInterface {
  name = 'Absences1795878000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "absences" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "network_code" text NOT NULL,
      "person_id" uuid NOT NULL,
      "substitute_id" uuid NOT NULL,
      "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "note" text,
      "set_by" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "ended_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_absences" PRIMARY KEY ("id"),
      CONSTRAINT "fk_absences_network" FOREIGN KEY ("network_code") REFERENCES "networks"("code") ON DELETE CASCADE,
      CONSTRAINT "fk_absences_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_absences_substitute" FOREIGN KEY ("substitute_id") REFERENCES "people"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_absences_period" CHECK ("ends_at" > "starts_at"),
      CONSTRAINT "ck_absences_substitute" CHECK ("substitute_id" <> "person_id")
    )`);
    await q.query(`CREATE INDEX "ix_absences_substitute" ON "absences" ("substitute_id", "ends_at")`);
    await q.query(`CREATE INDEX "ix_absences_person" ON "absences" ("person_id", "ends_at")`);
    await q.query(`ALTER TABLE "audit_log" ADD "on_behalf_of_id" uuid`);
    await q.query(`ALTER TABLE "audit_log" ADD "on_behalf_of" text`);
    await q.query(`ALTER TABLE "tasks" ADD "completed_on_behalf_of" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tasks" DROP COLUMN "completed_on_behalf_of"`);
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "on_behalf_of"`);
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "on_behalf_of_id"`);
    await q.query(`DROP TABLE "absences"`);
  }
}
