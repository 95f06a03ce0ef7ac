import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks (issue 14): a network's chat channels and other receivers, each told the kinds it asks for with an
 * HMAC-SHA256-signed JSON body. Its deliveries are outbox rows of the `webhook` channel, with their attempts, like mail.
 */
export class Webhooks1795896000000 implements MigrationInterface {
  name = 'Webhooks1795896000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "webhooks" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "network_code" text NOT NULL,
      "url" text NOT NULL,
      "secret" text NOT NULL,
      "kinds" text array,
      "description" text,
      "created_by" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_webhooks" PRIMARY KEY ("id"),
      CONSTRAINT "fk_webhooks_network" FOREIGN KEY ("network_code") REFERENCES "networks"("code") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "ix_webhooks_network" ON "webhooks" ("network_code")`);
    await q.query(`ALTER TABLE "outbox" DROP CONSTRAINT "ck_outbox_channel"`);
    await q.query(`ALTER TABLE "outbox" ADD CONSTRAINT "ck_outbox_channel" CHECK ("channel" IN ('email', 'webhook'))`);
    await q.query(`ALTER TABLE "outbox" ADD "webhook_id" uuid`);
    await q.query(`ALTER TABLE "outbox" ADD CONSTRAINT "fk_outbox_webhook"
      FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE`);
    await q.query(`CREATE INDEX "ix_outbox_webhook" ON "outbox" ("webhook_id")`);
    await q.query(
      `ALTER TABLE "outbox" ADD CONSTRAINT "ck_outbox_webhook" CHECK (("channel" = 'webhook') = ("webhook_id" IS NOT NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "outbox" WHERE "channel" = 'webhook'`);
    await q.query(`ALTER TABLE "outbox" DROP CONSTRAINT "ck_outbox_webhook"`);
    await q.query(`DROP INDEX "ix_outbox_webhook"`);
    await q.query(`ALTER TABLE "outbox" DROP CONSTRAINT "fk_outbox_webhook"`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "webhook_id"`);
    await q.query(`ALTER TABLE "outbox" DROP CONSTRAINT "ck_outbox_channel"`);
    await q.query(`ALTER TABLE "outbox" ADD CONSTRAINT "ck_outbox_channel" CHECK ("channel" IN ('email'))`);
    await q.query(`DROP TABLE "webhooks"`);
  }
}
