import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Networks as data: a network names its country; a platform administrator's key belongs to no network (it creates
 * and lists networks, and reads none of their content), every other key to exactly one.
 */
export class NetworksAsData1795854000000 implements MigrationInterface {
  name = 'NetworksAsData1795854000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "networks" ADD "country" text`);
    await q.query(`ALTER TABLE "api_keys" ALTER COLUMN "network_code" DROP NOT NULL`);
    await q.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "ck_api_keys_role"`);
    await q.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "ck_api_keys_agency"`);
    await q.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "ck_api_keys_role" CHECK ("role" IN ('coordinator', 'agency', 'auditor', 'administrator'))`,
    );
    await q.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "ck_api_keys_agency" CHECK ("role" IN ('auditor', 'administrator') OR "agency_code" IS NOT NULL)`,
    );
    await q.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "ck_api_keys_network" CHECK (("role" = 'administrator') = ("network_code" IS NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "api_keys" WHERE "role" = 'administrator'`);
    await q.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "ck_api_keys_network"`);
    await q.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "ck_api_keys_agency"`);
    await q.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "ck_api_keys_role"`);
    await q.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "ck_api_keys_role" CHECK ("role" IN ('coordinator', 'agency', 'auditor'))`,
    );
    await q.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "ck_api_keys_agency" CHECK ("role" = 'auditor' OR "agency_code" IS NOT NULL)`,
    );
    await q.query(`ALTER TABLE "api_keys" ALTER COLUMN "network_code" SET NOT NULL`);
    await q.query(`ALTER TABLE "networks" DROP COLUMN "country"`);
  }
}
