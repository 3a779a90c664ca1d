/** Finding the PostgreSQL+PostGIS server the suite also runs on. */
import knexFactory from 'knex';

/** Template database of one test run (its name carries the run's start time, for clean-up). */
export const postgresTemplateName = (runId: string): string => `corridor_test_${runId}_template`;

/** The same server URL with another database name. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export type PostgresProbe = { available: true; adminUrl: string } | { available: false; reason: string };

/**
 * TEST_DATABASE_URL names the server (CI sets it, and then it must work); without it the
 * local default is tried, and the PostgreSQL half of the suite is skipped with a reason if
 * it is not there or lacks PostGIS.
 */
export async function probePostgres(): Promise<PostgresProbe> {
  const required = Boolean(process.env.TEST_DATABASE_URL);
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const knex = knexFactory({ client: 'pg', connection: { connectionString: adminUrl, connectionTimeoutMillis: 3000 }, pool: { min: 0, max: 1 } });
  try {
    const result = await knex.raw(`SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'postgis'`);
    if (result.rows[0].n === 0) throw new Error(`PostGIS is not installed on ${adminUrl} (Debian: postgresql-15-postgis-3)`);
    return { available: true, adminUrl };
  } catch (error) {
    if (required) throw new Error(`TEST_DATABASE_URL is set but unusable: ${(error as Error).message}`);
    return { available: false, reason: (error as Error).message };
  } finally {
    await knex.destroy();
  }
}
