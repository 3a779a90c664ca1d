/**
 * The server's one typed configuration: read from the environment once, validated by a
 * schema, frozen. Every default sits beside its field and points at loopback / the
 * standard ground-station ports. An invalid environment stops the process at boot.
 */
import path from 'node:path';
import { z } from 'zod';
import { openLink } from '../protocol/index.ts';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const configSchema = z.object({
  /** HTTP port for the API, the web pages and Socket.IO. */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Address the HTTP server binds to. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Folder for the embedded database and the raw .tlog archive. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL+PostGIS connection string; unset → the embedded PGlite database. */
  DATABASE_URL: z.string().url().optional(),
  /** MAVLink links, comma-separated ground-station connection strings; each must open, with an id of its own. */
  MAVLINK_LINKS: z.string().min(1).default('udpin:0.0.0.0:14550')
    .transform((text) => text.split(',').map((link) => link.trim()).filter(Boolean))
    .superRefine((links, context) => {
      for (const message of mavlinkLinkProblems(links)) context.addIssue({ code: 'custom', message });
    }),
  /** A link is lost after this long without a HEARTBEAT. */
  HEARTBEAT_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** An aircraft in flight with no position for this long raises a stale-position alert. */
  STALE_POSITION_MS: z.coerce.number().int().positive().default(15_000),
  /** A breach ends only after the aircraft has been clear for this long (hysteresis). */
  BREACH_HOLD_MS: z.coerce.number().int().nonnegative().default(3000),
  /**
   * Telemetry rows are written in batches of at most this many (default 2000 on PostgreSQL: at 1,000
   * aircraft × 10 Hz, 500-row rounds fell behind the busy event loop and the backlog spilled — p99
   * 462–519 ms against 93–98 ms with 2000, `npm run bench -- end-to-end`; 500 on the embedded database,
   * whose inserts run on the server's own thread, so a bigger one stalls it longer) …
   */
  TELEMETRY_BATCH_SIZE: z.coerce.number().int().positive().optional(),
  /** … or after at most this long. */
  TELEMETRY_FLUSH_MS: z.coerce.number().int().positive().default(250),
  /** Seed the demo organisations and aircraft (npm run demo sets it). */
  SEED_DEMO: booleanFromEnv.default(false),
  /** Log level for the structured logger. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Folder of the built web pages (vite build). */
  WEB_DIST_DIR: z.string().min(1).default('./dist/web'),
  /** First admin, created on a start when no admin exists yet (both or neither). */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').optional(),
  /** How long a sign-in lasts (a control-room shift). */
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** Secure flag of the session cookie: auto = when the request came over HTTPS. */
  COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  /** Express `trust proxy`: false, true, a hop count or addresses/subnets (e.g. loopback) of the reverse proxy. */
  TRUST_PROXY: z.string().min(1).default('false'),
  /** Failed sign-ins allowed per account and address, and per address, in LOGIN_THROTTLE_WINDOW_S. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(50),
  LOGIN_THROTTLE_WINDOW_S: z.coerce.number().int().positive().default(900),
  /** Let webhooks point at loopback/private addresses (tests, or a partner system on the same network). */
  WEBHOOK_ALLOW_PRIVATE: booleanFromEnv.default(false),
  /** Each aircraft's position goes to the pages at most this often (alerts are never held back). */
  LIVE_TELEMETRY_HZ: z.coerce.number().positive().max(1000).default(2),
  /** How live updates reach pages connected to other server processes: postgres = @socket.io/postgres-adapter on DATABASE_URL (needed to run several processes), none = this process only. */
  LIVE_ADAPTER: z.enum(['postgres', 'none']).default('none'),
  /** Telemetry older than this many days is dropped, a whole month partition at a time (unset = kept forever). */
  TELEMETRY_RETENTION_DAYS: z.coerce.number().int().positive().optional(),
  /** Optional background map tiles (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png) and their attribution. */
  // https only: the pages' Content-Security-Policy loads images from https: (an http tile server would be blocked).
  MAP_TILE_URL: z.string().regex(/^https:\/\/.*\{z\}.*\{x\}.*\{y\}/, 'an https URL template with {z}, {x} and {y}').optional(),
  MAP_TILE_ATTRIBUTION: z.string().max(300).optional(),
  /** How often approved slots that began become active, and ended ones completed. */
  BOOKING_CLOCK_MS: z.coerce.number().int().positive().default(15_000),
  /** Telemetry rows the write queue holds in memory while the database is slow or away; past it they go to the disk spool. */
  SPOOL_MEMORY_ROWS: z.coerce.number().int().positive().default(100_000),
  /** Most bytes of the on-disk telemetry spool (DATA_DIR/spool/); past it positions are dropped, counted and alarmed (spool:full). */
  SPOOL_MAX_BYTES: z.coerce.number().int().positive().default(1024 * 1024 * 1024),
  /** Failed database writes for this long raise the 'database unreachable since …' alarm in /healthz. */
  DATABASE_ALARM_MS: z.coerce.number().int().nonnegative().default(5000),
  /** On SIGTERM/SIGINT, the longest the server spends flushing before it gives up and exits non-zero. */
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().positive().default(30_000),
  /** Bearer secret a Prometheus scraper sends to GET /metrics; unset → only admins may read the metrics. */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** Seconds between the ingest's one-line log summaries (positions/s, write-queue depth); 0 turns them off. */
  INGEST_SUMMARY_S: z.coerce.number().int().nonnegative().default(60),
}).refine((env) => (env.ADMIN_EMAIL === undefined) === (env.ADMIN_PASSWORD === undefined), {
  message: 'set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither',
  path: ['ADMIN_PASSWORD'],
});

export type ServerConfig = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  mavlinkLinks: readonly string[];
  heartbeatTimeoutMs: number;
  stalePositionMs: number;
  breachHoldMs: number;
  telemetryBatchSize: number;
  telemetryFlushMs: number;
  seedDemo: boolean;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  webDistDir: string;
  firstAdmin: { email: string; password: string } | null;
  sessionTtlMs: number;
  cookieSecure: 'auto' | 'always' | 'never';
  trustProxy: string | boolean | number;
  login: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; windowS: number };
  allowPrivateWebhooks: boolean;
  bookingClockMs: number;
  liveTelemetryHz: number;
  liveAdapter: 'postgres' | 'none';
  telemetryRetentionDays: number | null;
  spool: { memoryRows: number; maxBytes: number };
  databaseAlarmMs: number;
  shutdownDeadlineMs: number;
  metricsToken: string | null;
  ingestSummaryS: number;
  map: { tileUrl: string | null; tileAttribution: string | null };
}>;

function trustProxyOf(text: string): string | boolean | number {
  if (text === 'true' || text === 'false') return text === 'true';
  return /^\d+$/.test(text) ? Number(text) : text;
}

/**
 * What is wrong with the MAVLink links: a connection string no link takes, or two links with one id
 * (flights record the link they came in on by its id, and a restart continues them by it).
 */
function mavlinkLinkProblems(links: readonly string[]): string[] {
  const problems: string[] = [];
  const textById = new Map<string, string>();
  for (const text of links) {
    let id: string;
    try {
      id = openLink(text).id; // binds nothing
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    const other = textById.get(id);
    if (other !== undefined) problems.push(`'${other}' and '${text}' would both be link '${id}': give each its own port`);
    textById.set(id, text);
  }
  return problems;
}

/** Validate an environment into a frozen config; throws an Error listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const withoutBlanks = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema.safeParse(withoutBlanks);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  if (values.LIVE_ADAPTER === 'postgres' && !values.DATABASE_URL) throw new Error('Invalid configuration:\n  LIVE_ADAPTER: postgres needs DATABASE_URL (the embedded database serves one process only)');
  return Object.freeze({
    port: values.PORT,
    host: values.HOST,
    dataDir: path.resolve(values.DATA_DIR),
    databaseUrl: values.DATABASE_URL ?? null,
    mavlinkLinks: Object.freeze(values.MAVLINK_LINKS),
    heartbeatTimeoutMs: values.HEARTBEAT_TIMEOUT_MS,
    stalePositionMs: values.STALE_POSITION_MS,
    breachHoldMs: values.BREACH_HOLD_MS,
    telemetryBatchSize: values.TELEMETRY_BATCH_SIZE ?? (values.DATABASE_URL ? 2000 : 500),
    telemetryFlushMs: values.TELEMETRY_FLUSH_MS,
    seedDemo: values.SEED_DEMO,
    logLevel: values.LOG_LEVEL,
    webDistDir: path.resolve(values.WEB_DIST_DIR),
    firstAdmin: values.ADMIN_EMAIL && values.ADMIN_PASSWORD ? { email: values.ADMIN_EMAIL, password: values.ADMIN_PASSWORD } : null,
    sessionTtlMs: values.SESSION_TTL_HOURS * 3_600_000,
    cookieSecure: values.COOKIE_SECURE,
    trustProxy: trustProxyOf(values.TRUST_PROXY),
    allowPrivateWebhooks: values.WEBHOOK_ALLOW_PRIVATE,
    bookingClockMs: values.BOOKING_CLOCK_MS,
    liveTelemetryHz: values.LIVE_TELEMETRY_HZ,
    liveAdapter: values.LIVE_ADAPTER,
    telemetryRetentionDays: values.TELEMETRY_RETENTION_DAYS ?? null,
    spool: { memoryRows: values.SPOOL_MEMORY_ROWS, maxBytes: values.SPOOL_MAX_BYTES },
    databaseAlarmMs: values.DATABASE_ALARM_MS,
    shutdownDeadlineMs: values.SHUTDOWN_DEADLINE_MS,
    metricsToken: values.METRICS_TOKEN ?? null,
    ingestSummaryS: values.INGEST_SUMMARY_S,
    map: { tileUrl: values.MAP_TILE_URL ?? null, tileAttribution: values.MAP_TILE_ATTRIBUTION ?? null },
    login: { maxFailuresPerAccount: values.LOGIN_MAX_FAILURES, maxFailuresPerAddress: values.LOGIN_MAX_FAILURES_PER_ADDRESS, windowS: values.LOGIN_THROTTLE_WINDOW_S },
  });
}
