import { Client } from 'pg';

/**
 * Least privilege: the API and the worker connect as a role that owns nothing. It reads and writes the read models,
 * and may only INSERT and SELECT the audit log: no UPDATE, DELETE or TRUNCATE, and, not being the table's owner, no
 * ALTER TABLE, so it cannot switch the append-only triggers off. Migrations run as the owner, which calls this.
 * Idempotent; run after every migration (tables added later get the same grants).
 */
export async function grantAppRole(ownerUrl: string, appUrl: string): Promise<void> {
  const app = new URL(appUrl);
  const role = decodeURIComponent(app.username);
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const [{ current_user: ownerRole, current_database: database }] = (
      await owner.query('SELECT current_user, current_database()')
    ).rows as { current_user: string; current_database: string }[];
    if (role === ownerRole)
      throw new Error(
        `DATABASE_URL connects as ${role}, the owner of the tables: give the API and the worker a role of their own (DATABASE_OWNER_URL is the owner's)`,
      );
    const exists = (await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount! > 0;
    if (!exists) {
      const password = decodeURIComponent(app.password);
      try {
        await owner.query(
          `CREATE ROLE ${ident(role)} LOGIN${password ? ` PASSWORD '${password.replace(/'/g, "''")}'` : ''}`,
        );
      } catch (err) {
        // Another process may have made it a moment ago (two test files at once); anything else is a real problem.
        if ((await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 0) {
          throw new Error(
            `Cannot create the role ${role} that DATABASE_URL names (${(err as Error).message}): create it, with LOGIN, as an administrator`,
          );
        }
      }
    }
    const r = ident(role);
    for (const sql of [
      `GRANT CONNECT ON DATABASE ${ident(database)} TO ${r}`,
      `GRANT USAGE ON SCHEMA public TO ${r}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
      `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${r}`,
      `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${r}`,
    ]) {
      await owner.query(sql);
    }
  } finally {
    await owner.end();
  }
}

/** The URL of the same database as another role: the embedded default's app role (`mignet_app`). */
export function withRole(url: string, role: string, password: string): string {
  const u = new URL(url);
  u.username = role;
  u.password = password;
  return u.toString();
}

/** The role the API and the worker use on the embedded PostgreSQL and in tests (loopback only). */
export const EMBEDDED_APP_ROLE = { role: 'mignet_app', password: 'mignet_app' } as const;
