import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each person's say in what they are told (issue 14): per kind, at once, in a daily digest at an hour of the network's
 * day, or muted (news only, never their work). The outbox keeps a row for every fact either way: `held` until the
 * digest takes it (`digested`, naming the digest's row), `muted` never sent; and each row's link (what a digest lists)
 * and its unsubscribe token (the List-Unsubscribe URL of its mail, good for that person and kind only).
 */
export class NotificationPreferences1795890000000 implements MigrationInterface {
  name = 'NotificationPreferences1795890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "notification_preferences" (
      "person_id" uuid NOT NULL,
      "deliveries" jsonb NOT NULL DEFAULT '{}',
      "digest_hour" smallint NOT NULL DEFAULT 7,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_notification_preferences" PRIMARY KEY ("person_id"),
      CONSTRAINT "fk_notification_preferences_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_notification_preferences_digest_hour" CHECK ("digest_hour" BETWEEN 0 AND 23)
    )`);
    await q.query(`ALTER TABLE "outbox" DROP CONSTRAINT "ck_outbox_status"`);
    await q.query(`ALTER TABLE "outbox" ADD CONSTRAINT "ck_outbox_status"
      CHECK ("status" IN ('pending', 'sending', 'sent', 'bounced', 'failed', 'held', 'muted', 'digested'))`);
    await q.query(`ALTER TABLE "outbox" ADD "link" text`);
    await q.query(`ALTER TABLE "outbox" ADD "unsubscribe_token" text`);
    await q.query(`ALTER TABLE "outbox" ADD "digest_id" bigint`);
    await q.query(`ALTER TABLE "outbox" ADD CONSTRAINT "fk_outbox_digest"
      FOREIGN KEY ("digest_id") REFERENCES "outbox"("id") ON DELETE SET NULL`);
    await q.query(
      `CREATE UNIQUE INDEX "ux_outbox_unsubscribe_token" ON "outbox" ("unsubscribe_token") WHERE "unsubscribe_token" IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "ix_outbox_held" ON "outbox" ("next_attempt_at") WHERE "status" = 'held'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_outbox_held"`);
    await q.query(`DROP INDEX "ux_outbox_unsubscribe_token"`);
    await q.query(`ALTER TABLE "outbox" DROP CONSTRAINT "fk_outbox_digest"`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "digest_id"`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "unsubscribe_token"`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "link"`);
    await q.query(`UPDATE "outbox" SET "status" = 'sent' WHERE "status" IN ('held', 'muted', 'digested')`);
    await q.query(`ALTER TABLE "outbox" DROP CONSTRAINT "ck_outbox_status"`);
    await q.query(`ALTER TABLE "outbox" ADD CONSTRAINT "ck_outbox_status"
      CHECK ("status" IN ('pending', 'sending', 'sent', 'bounced', 'failed'))`);
    await q.query(`DROP TABLE "notification_preferences"`);
  }
}
