import { MigrationInterface, QueryRunner } from 'typeorm';

/** The TWG registry: each TWG with when and how it was established and abolished. */
export class TwgRegistry1795836000000 implements MigrationInterface {
  name = 'TwgRegistry1795836000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "twgs" (
      "network_code" text NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "thematic_area" text NOT NULL,
      "lead_agency" text NOT NULL, "member_agencies" text array NOT NULL,
      "established_on" TIMESTAMP WITH TIME ZONE NOT NULL, "established_by" text,
      "abolished_on" TIMESTAMP WITH TIME ZONE, "abolished_by" text,
      CONSTRAINT "pk_twgs" PRIMARY KEY ("network_code", "code"),
      CONSTRAINT "fk_twgs_network" FOREIGN KEY ("network_code") REFERENCES "networks"("code") ON DELETE CASCADE)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "twgs"`);
  }
}
