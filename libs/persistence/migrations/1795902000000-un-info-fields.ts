import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What UN INFO asks of a work-plan activity (issue 16): SDG targets, the gender equality and human rights markers
 * (0–3), the geography and the year's budget in USD. All optional: plans endorsed before have none.
 */
export class UnInfoFields1795902000000 implements MigrationInterface {
  name = 'UnInfoFields1795902000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "plan_activities"
      ADD "sdg_targets" text array NOT NULL DEFAULT '{}',
      ADD "gender_marker" smallint,
      ADD "human_rights_marker" smallint,
      ADD "geography" text array NOT NULL DEFAULT '{}',
      ADD "budget" jsonb,
      ADD CONSTRAINT "ck_plan_activities_markers" CHECK (
        ("gender_marker" IS NULL OR "gender_marker" BETWEEN 0 AND 3) AND
        ("human_rights_marker" IS NULL OR "human_rights_marker" BETWEEN 0 AND 3))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "plan_activities" DROP CONSTRAINT "ck_plan_activities_markers",
      DROP COLUMN "sdg_targets", DROP COLUMN "gender_marker", DROP COLUMN "human_rights_marker",
      DROP COLUMN "geography", DROP COLUMN "budget"`);
  }
}
