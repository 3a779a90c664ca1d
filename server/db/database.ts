/**
 * Opens the platform's one database: PostgreSQL+PostGIS through `pg` when a URL is given,
 * otherwise the embedded PGlite+PostGIS kept in a data folder. Both get the same knex
 * migrations, so everything above this file is unaware of which one it talks to. Server processes
 * started together on one PostgreSQL take turns to migrate and seed (an advisory lock), so none
 * stops on knex's "Migration table is already locked".
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { Logger } from 'pino';
import { runMigrations } from './migrations/index.ts';

export type DatabaseKind = 'embedded' | 'postgres';

export interface Database {
  readonly knex: Knex;
  readonly kind: DatabaseKind;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; null → embedded PGlite in `<dataDir>/pglite`. */
  databaseUrl: string | null;
  /** Data folder of the embedded database. */
  dataDir: string;
  /** Run pending migrations on open (default true). */
  migrate?: boolean;
  /** Run after the migrations, under the same start-up lock (the seeds): one process at a time. */
  afterMigrations?: (knex: Knex) => Promise<void>;
  /** Where knex's own warnings go (failed connection attempts during an outage); default: knex prints them to stdout. */
  logger?: Logger;
}

/** Open (and by default migrate) the database; throws when it cannot be reached. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const database = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.logger)
    : await openEmbedded(path.join(options.dataDir, 'pglite'));
  if (options.migrate !== false || options.afterMigrations) {
    await oneProcessAtATime(database, async () => {
      if (options.migrate !== false) await runMigrations(database.knex);
      await options.afterMigrations?.(database.knex);
    });
  }
  return database;
}

/** The advisory lock processes take turns on while bringing a PostgreSQL up to date. */
const START_UP_LOCK = 'corridor-start-up';

/**
 * Run `work` while no other process runs its own on this PostgreSQL: a transaction-scoped advisory
 * lock held on one pooled connection while `work` uses the others (the embedded database belongs to
 * one process: at once).
 */
async function oneProcessAtATime(database: Database, work: () => Promise<void>): Promise<void> {
  if (database.kind === 'embedded') return work();
  await database.knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [START_UP_LOCK]);
    await work();
  });
}

/** A new connection that has not answered by then fails, so writes fail fast (and are held) while the server is away. */
const CONNECT_TIMEOUT_MS = 3000;
/** A query waiting this long for a pooled connection fails (knex's default is 60 s). */
const ACQUIRE_TIMEOUT_MS = 10_000;

function openPostgres(url: string, logger: Logger | undefined): Database {
  // keepAlive: a connection whose server vanished is noticed by TCP instead of hanging a query.
  // A pooled connection that dies while idle emits 'error'; knex's pg client listens for it and
  // disposes of the connection, so a database restart never crashes the process.
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true },
    pool: { min: 0, max: 10 },
    acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    // Kept in the structured log (knex would print plain text into the JSON lines on stdout).
    ...(logger && {
      log: {
        warn: (message: unknown) => logger.warn({ knex: String(message) }, 'knex warning'),
        error: (message: unknown) => logger.error({ knex: String(message) }, 'knex error'),
        deprecate: (method: string, alternative: string) => logger.warn({ method, alternative }, 'knex deprecation'),
        debug: (message: unknown) => logger.debug({ knex: message }, 'knex debug'),
      },
    }),
  });
  return { knex, kind: 'postgres', close: () => knex.destroy() };
}

async function openEmbedded(folder: string): Promise<Database> {
  await fs.mkdir(folder, { recursive: true });
  // Loaded lazily: the WASM Postgres and its PostGIS bundle are only needed in embedded mode.
  const [{ PGlite }, { postgis }, { btree_gist }, { default: ClientPgLite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-postgis'),
    import('@electric-sql/pglite/contrib/btree_gist'),
    import('knex-pglite'),
  ]);
  const pglite = await PGlite.create(folder, { extensions: { postgis, btree_gist } });
  const knex = knexFactory({ client: ClientPgLite, dialect: 'postgres', connection: { pglite } } as Knex.Config);
  return {
    knex,
    kind: 'embedded',
    // knex-pglite closes the PGlite instance when knex destroys its only connection.
    close: () => knex.destroy(),
  };
}
