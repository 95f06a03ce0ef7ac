import type { PartnerCategory } from '../domain/partners';

/** A query on PostgreSQL: TypeORM's `DataSource.query`, or a `pg` client's, so the API and the CLI read alike. */
export type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export interface EngagementByCategory {
  readonly category: PartnerCategory;
  /** Distinct partners of the category engaged in the year. */
  readonly partners: number;
  /** Engagements in the year with at least one partner of the category. */
  readonly engagements: number;
}

/** The year's engagement with partners per category (ToR objective 8), as the annual report counts it. */
export async function engagementsByCategory(
  query: Query,
  network: string,
  year: number,
): Promise<EngagementByCategory[]> {
  const rows = await query(
    `SELECT p.category, count(DISTINCT p.id)::int AS partners, count(DISTINCT e.id)::int AS engagements
       FROM engagements e JOIN partners p ON p.id = ANY(e.partner_ids)
      WHERE e.network_code = $1 AND e.year = $2
      GROUP BY p.category ORDER BY p.category`,
    [network, year],
  );
  return rows.map((r) => ({
    category: r.category as PartnerCategory,
    partners: Number(r.partners),
    engagements: Number(r.engagements),
  }));
}
