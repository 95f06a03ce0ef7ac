import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in for people (issue 13): a session is held by a browser as an http-only cookie whose SHA-256 is stored here.
 * An OpenID session is an address the provider vouched for (the person of that address in each network they belong
 * to); a sign-in link's is bound to the one person it was issued for (an address is unique only within a network, so
 * a link issued in one network must not act as that address elsewhere).
 */
export class Sessions1795872000000 implements MigrationInterface {
  name = 'Sessions1795872000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "sessions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "token_hash" text NOT NULL,
      "email" text NOT NULL,
      "method" text NOT NULL,
      "person_id" uuid,
      "issuer" text,
      "subject" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "ended_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_sessions" PRIMARY KEY ("id"),
      CONSTRAINT "fk_sessions_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_sessions_method" CHECK ("method" IN ('oidc', 'link')),
      CONSTRAINT "ck_sessions_link_person" CHECK (("method" = 'link') = ("person_id" IS NOT NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX "ux_sessions_token_hash" ON "sessions" ("token_hash")`);
    await q.query(`CREATE TABLE "sign_in_links" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "token_hash" text NOT NULL,
      "person_id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "used_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_sign_in_links" PRIMARY KEY ("id"),
      CONSTRAINT "fk_sign_in_links_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE UNIQUE INDEX "ux_sign_in_links_token_hash" ON "sign_in_links" ("token_hash")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sign_in_links"`);
    await q.query(`DROP TABLE "sessions"`);
  }
}
