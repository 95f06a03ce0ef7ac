import type { DataSource } from 'typeorm';

/**
 * Every read-model row, in a stable order (the cycle's `updated_at` says when it was written, not what). A test's
 * database holds its own network only; rows of processes outside the rebuilt year are left as they were.
 */
export async function readModelsOf(ds: DataSource) {
  const rows = (sql: string) => ds.query(sql) as Promise<Record<string, unknown>[]>;
  return {
    cycles: (await rows(`SELECT * FROM cycles ORDER BY year`)).map(({ updated_at: _u, ...r }) => r),
    planRevisions: await rows(`SELECT * FROM plan_revisions ORDER BY year, revision`),
    planActivities: await rows(`SELECT * FROM plan_activities ORDER BY year, id`),
    tasks: await rows(`SELECT * FROM tasks ORDER BY id`),
    decisions: await rows(`SELECT * FROM decisions ORDER BY id`),
    meetings: await rows(`SELECT * FROM meetings ORDER BY id`),
    actionItems: await rows(`SELECT * FROM action_items ORDER BY id`),
    rounds: await rows(`SELECT * FROM twg_rounds ORDER BY id`),
    impediments: await rows(`SELECT * FROM impediments ORDER BY id`),
  };
}
