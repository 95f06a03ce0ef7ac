import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents: work a process could not do by itself (a projection PostgreSQL refused), for the coordinator and /health;
 * and the API's signature of each audit row's hash (null on rows written before signing began).
 */
export class IncidentsSignatures1795848000000 implements MigrationInterface {
  name = 'IncidentsSignatures1795848000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "incidents" (
      "network_code" text NOT NULL, "workflow_id" text NOT NULL, "kind" text NOT NULL,
      "first_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_at" TIMESTAMP WITH TIME ZONE NOT NULL, "occurrences" integer NOT NULL,
      "last_error" text NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_incidents" PRIMARY KEY ("network_code", "workflow_id", "kind"))`);
    await q.query(`ALTER TABLE "audit_log" ADD "signature" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "signature"`);
    await q.query(`DROP TABLE "incidents"`);
  }
}
