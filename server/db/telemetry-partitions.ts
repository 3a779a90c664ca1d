/**
 * Telemetry's monthly partitions (migration 010): made ahead of time, and dropped whole once older
 * than the retention setting, each drop written to `telemetry_retention` so verification can tell a
 * flight past retention from a tampered one. Months are calendar months in UTC; a partition is
 * named `telemetry_yYYYYmMM`. Rows outside every month partition land in `telemetry_default` (an
 * imported old .tlog, a clock far off): when the month they belong to gets its partition they are
 * moved into it, and retention deletes them from the default partition by time.
 *
 * Every change runs under one transaction-scoped advisory lock, so several server processes
 * maintaining the same database take turns instead of racing to create or drop the same table.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { PlatformError } from '../errors.ts';

const MESSAGES = {
  telemetryGone: (flightId: string, removal: { removedAtMs: number; retentionDays: number }) =>
    `The telemetry of flight '${flightId}' was removed by retention on ${new Date(removal.removedAtMs).toISOString()} (kept ${removal.retentionDays} days); its raw .tlog remains (export.tlog)`,
} as const;

const DAY_MS = 86_400_000;
const LOCK = 'telemetry-partitions';
const PARTITION_NAME = /^telemetry_y(\d{4})m(\d{2})$/;

/** The start of the UTC calendar month holding `ms`, in ms since the epoch. */
export function monthStartMs(ms: number): number {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** The start of the month after the one holding `ms`. */
export const nextMonthStartMs = (ms: number): number => monthStartMs(monthStartMs(ms) + 32 * DAY_MS);

/** `telemetry_y2026m11` for any instant in November 2026 (UTC). */
export function monthPartitionName(ms: number): string {
  const date = new Date(ms);
  return `telemetry_y${date.getUTCFullYear()}m${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The statement creating the (empty) partition of the month holding `ms`. */
export function createMonthPartitionSql(ms: number): string {
  const from = new Date(monthStartMs(ms)).toISOString();
  const to = new Date(nextMonthStartMs(ms)).toISOString();
  return `CREATE TABLE ${monthPartitionName(ms)} PARTITION OF telemetry FOR VALUES FROM ('${from}') TO ('${to}')`;
}

export interface MonthPartition {
  name: string;
  fromMs: number;
  toMs: number;
}

/** Telemetry's month partitions, oldest first (the DEFAULT partition is not listed). */
export async function listTelemetryPartitions(knex: Knex): Promise<MonthPartition[]> {
  const result = await knex.raw<{ rows: Array<{ name: string }> }>(
    "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'telemetry'::regclass");
  return result.rows.flatMap(({ name }) => {
    const match = PARTITION_NAME.exec(name);
    if (!match) return [];
    const fromMs = Date.UTC(Number(match[1]), Number(match[2]) - 1, 1);
    return [{ name, fromMs, toMs: nextMonthStartMs(fromMs) }];
  }).sort((a, b) => a.fromMs - b.fromMs);
}

/**
 * Make the partitions of the month holding `nowMs` and of the `monthsAhead` months after it;
 * rows already in the DEFAULT partition for such a month are moved into it. Returns the names made.
 */
export async function ensureTelemetryPartitions(knex: Knex, nowMs: number, options: { monthsAhead?: number } = {}): Promise<string[]> {
  const { monthsAhead = 2 } = options;
  return knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [LOCK]);
    const existing = new Set((await listTelemetryPartitions(trx)).map((partition) => partition.name));
    const made: string[] = [];
    let monthMs = monthStartMs(nowMs);
    for (let i = 0; i <= monthsAhead; i += 1, monthMs = nextMonthStartMs(monthMs)) {
      const name = monthPartitionName(monthMs);
      if (existing.has(name)) continue;
      const bounds = [new Date(monthMs), new Date(nextMonthStartMs(monthMs))];
      // Made beside the table, filled from the DEFAULT partition, then attached: attaching checks
      // that the DEFAULT partition holds no row of the month any more.
      await trx.raw(`CREATE TABLE ${name} (LIKE telemetry INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await trx.raw(`WITH moved AS (DELETE FROM telemetry_default WHERE recorded_at >= ? AND recorded_at < ? RETURNING *) INSERT INTO ${name} SELECT * FROM moved`, bounds);
      await trx.raw(`ALTER TABLE telemetry ATTACH PARTITION ${name} FOR VALUES FROM ('${bounds[0]!.toISOString()}') TO ('${bounds[1]!.toISOString()}')`);
      made.push(name);
    }
    return made;
  });
}

export interface RetentionResult {
  /** Month partitions dropped, with the rows each held. */
  dropped: Array<MonthPartition & { rows: number }>;
  /** Rows older than the cut deleted from the DEFAULT partition. */
  defaultRowsRemoved: number;
}

/**
 * Drop the telemetry of every whole month that ended `retentionDays` or more before `nowMs`
 * (partitions dropped; older rows in the DEFAULT partition deleted), recording each period removed.
 */
export async function applyTelemetryRetention(knex: Knex, nowMs: number, retentionDays: number): Promise<RetentionResult> {
  const cutMs = monthStartMs(nowMs - retentionDays * DAY_MS);
  return knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [LOCK]);
    const removedAt = new Date(nowMs);
    const dropped: RetentionResult['dropped'] = [];
    for (const partition of (await listTelemetryPartitions(trx)).filter((item) => item.toMs <= cutMs)) {
      const count = (await trx.raw<{ rows: Array<{ count: string }> }>(`SELECT count(*) AS count FROM ${partition.name}`)).rows[0]?.count ?? 0;
      await trx.raw(`DROP TABLE ${partition.name}`);
      await trx('telemetry_retention').insert({
        period_from: new Date(partition.fromMs), period_to: new Date(partition.toMs), rows_removed: Number(count), partition_name: partition.name, removed_at: removedAt, retention_days: retentionDays,
      });
      dropped.push({ ...partition, rows: Number(count) });
    }
    const old = await trx('telemetry_default').where('recorded_at', '<', new Date(cutMs)).select(trx.raw('min(recorded_at) AS oldest'), trx.raw('count(*) AS count')).first();
    const defaultRowsRemoved = Number(old?.count ?? 0);
    if (defaultRowsRemoved > 0) {
      await trx('telemetry_default').where('recorded_at', '<', new Date(cutMs)).delete();
      await trx('telemetry_retention').insert({
        period_from: new Date(old.oldest), period_to: new Date(cutMs), rows_removed: defaultRowsRemoved, partition_name: null, removed_at: removedAt, retention_days: retentionDays,
      });
    }
    return { dropped, defaultRowsRemoved };
  });
}

/** When retention removed telemetry recorded between `fromMs` and `toMs` (inclusive): the first such removal, or null. */
export async function findTelemetryRemoval(knex: Knex, fromMs: number, toMs: number): Promise<{ removedAtMs: number; retentionDays: number } | null> {
  const row = await knex('telemetry_retention').where('period_from', '<=', new Date(toMs)).andWhere('period_to', '>', new Date(fromMs)).orderBy('removed_at').first();
  return row ? { removedAtMs: new Date(row.removed_at).getTime(), retentionDays: row.retention_days } : null;
}

/**
 * Keep partitions ahead and apply retention now and then every `everyMs` (default daily);
 * `retentionDays` null keeps telemetry forever. Failures are logged and retried at the next run.
 */
export function startTelemetryMaintenance(knex: Knex, options: { retentionDays: number | null; clock: () => number; logger: Logger; everyMs?: number }): { ready: Promise<void>; stop(): void } {
  const { retentionDays, clock, logger, everyMs = DAY_MS } = options;
  const run = async () => {
    try {
      const made = await ensureTelemetryPartitions(knex, clock());
      if (made.length > 0) logger.info({ partitions: made }, 'telemetry partitions made');
      if (retentionDays === null) return;
      const { dropped, defaultRowsRemoved } = await applyTelemetryRetention(knex, clock(), retentionDays);
      for (const partition of dropped) {
        logger.warn({ partition: partition.name, from: new Date(partition.fromMs).toISOString(), to: new Date(partition.toMs).toISOString(), rows: partition.rows, retentionDays }, 'telemetry past retention dropped');
      }
      if (defaultRowsRemoved > 0) logger.warn({ rows: defaultRowsRemoved, retentionDays }, 'telemetry past retention deleted from the default partition');
    } catch (error) {
      logger.error({ err: error }, 'telemetry partition maintenance failed (retried at the next run)');
    }
  };
  const ready = run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return { ready, stop: () => clearInterval(timer) };
}

/** A 410 naming when retention removed the telemetry of `flightId`, or null when it did not (or no such flight). */
export async function telemetryGoneError(knex: Knex, flightId: string): Promise<PlatformError | null> {
  const flight = await knex('flights').where({ id: flightId }).first('started_at', 'ended_at');
  if (!flight) return null;
  const removal = await findTelemetryRemoval(knex, new Date(flight.started_at).getTime(), flight.ended_at ? new Date(flight.ended_at).getTime() : Date.now());
  if (!removal) return null;
  return new PlatformError(MESSAGES.telemetryGone(flightId, removal), 410, 'telemetry_past_retention', removal);
}
