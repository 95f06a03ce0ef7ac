import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keys with a life: what they may do (`read-write`, or `read-only`: no command), when they stop working on their own,
 * when they were last used, and the key a rotation replaced.
 */
export class KeyLifecycle1795860000000 implements MigrationInterface {
  name = 'KeyLifecycle1795860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "api_keys" ADD "scope" text NOT NULL DEFAULT 'read-write'`);
    await q.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "ck_api_keys_scope" CHECK ("scope" IN ('read-write', 'read-only'))`,
    );
    await q.query(`ALTER TABLE "api_keys" ADD "expires_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "api_keys" ADD "last_used_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "api_keys" ADD "replaces" uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "api_keys" DROP COLUMN "replaces"`);
    await q.query(`ALTER TABLE "api_keys" DROP COLUMN "last_used_at"`);
    await q.query(`ALTER TABLE "api_keys" DROP COLUMN "expires_at"`);
    await q.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "ck_api_keys_scope"`);
    await q.query(`ALTER TABLE "api_keys" DROP COLUMN "scope"`);
  }
}
