import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in for people (issue 13): a session is a signed-in e-mail address (the person of that address in each network
 * they belong to), held by a browser as an http-only cookie whose SHA-256 is stored here; a sign-in link is a
 * one-time secret that opens one (where no OpenID provider exists: `npm start` on a laptop).
 */
export class Sessions1795872000000 implements MigrationInterface {
  name = 'Sessions1795872000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "sessions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "token_hash" text NOT NULL,
      "email" text NOT NULL,
      "method" text NOT NULL,
      "issuer" text,
      "subject" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "ended_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_sessions" PRIMARY KEY ("id"),
      CONSTRAINT "ck_sessions_method" CHECK ("method" IN ('oidc', 'link'))
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
