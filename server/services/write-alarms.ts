/**
 * The storage alarms a write queue's state calls for, as structured alarms (kind, since when, the
 * counts) with the sentence /healthz prints: the database unreachable for longer than
 * DATABASE_ALARM_MS, the telemetry spool full (positions being dropped), and positions dropped
 * earlier while it was full. And when a change in them is news worth pushing to the pages
 * (`platform:alarms`): an alarm starting or ending at once, its counts alone now and then.
 * Pure: the caller passes the time, and the alarms it saw before (whose start the spool alarms keep).
 */
import type { PlatformAlarmView, PlatformAlarmsEvent } from '../contracts/index.ts';

/** What the alarms read of the write queue's statistics (server/db/write-queue.ts WriteQueueStatistics). */
export interface WriteQueueState {
  /** Writes waiting: statements and telemetry rows, in memory and on disk. */
  queued: number;
  droppedTelemetryRows: number;
  spoolFull: boolean;
  /** Set from a failed write until the next successful one. */
  unreachableSinceMs: number | null;
  lastError: string | null;
  refusedWrites: number;
  lastRefusal: string | null;
}

const MESSAGES = {
  databaseUnreachable: (sinceMs: number, nowMs: number, heldWrites: number, lastError: string | null) =>
    `database unreachable since ${new Date(sinceMs).toISOString()} (${Math.round((nowMs - sinceMs) / 1000)} s; ${heldWrites} writes held): ${lastError ?? 'writes failing'}`,
  spoolFull: (dropped: number) => `spool:full — telemetry spool is full, ${dropped} positions dropped so far`,
  positionsDropped: (dropped: number) => `${dropped} positions were dropped while the telemetry spool was full`,
  writesRefused: (refused: number, last: string | null) => `${refused} ${refused === 1 ? 'write' : 'writes'} refused by the database and set aside (last: ${last ?? 'unknown'})`,
} as const;

const SPOOL_KINDS: ReadonlySet<PlatformAlarmView['kind']> = new Set(['spool-full', 'positions-dropped']);

/**
 * The alarms `state` calls for at `nowMs` (ms since the epoch), in a fixed order: database-unreachable
 * (once writes have failed for `databaseAlarmMs`), then spool-full or positions-dropped, then writes-refused
 * (from the first refusal until the server restarts, as the dropped positions). The write queue
 * does not say when its spool filled or it first refused a write, so those alarms start at the `sinceMs`
 * of the same alarm in `previous` (the one before carried on), else at `nowMs`. Never throws.
 *
 * @example writeAlarms({ queued: 42, droppedTelemetryRows: 0, spoolFull: false, unreachableSinceMs: t, lastError: 'ECONNREFUSED', refusedWrites: 0, lastRefusal: null }, t + 5000, 5000)
 *   // → [{ kind: 'database-unreachable', sinceMs: t, heldWrites: 42, droppedPositions: 0, refusedWrites: 0, message: 'database unreachable since … (5 s; 42 writes held): ECONNREFUSED' }]
 */
export function writeAlarms(state: WriteQueueState, nowMs: number, databaseAlarmMs: number, previous: readonly PlatformAlarmView[] = []): PlatformAlarmView[] {
  const counts = { heldWrites: state.queued, droppedPositions: state.droppedTelemetryRows, refusedWrites: state.refusedWrites };
  const alarms: PlatformAlarmView[] = [];
  const since = state.unreachableSinceMs;
  if (since !== null && nowMs - since >= databaseAlarmMs) {
    alarms.push({ kind: 'database-unreachable', sinceMs: since, ...counts, message: MESSAGES.databaseUnreachable(since, nowMs, state.queued, state.lastError) });
  }
  const spoolSinceMs = previous.find((alarm) => SPOOL_KINDS.has(alarm.kind))?.sinceMs ?? nowMs;
  if (state.spoolFull) {
    alarms.push({ kind: 'spool-full', sinceMs: spoolSinceMs, ...counts, message: MESSAGES.spoolFull(state.droppedTelemetryRows) });
  } else if (state.droppedTelemetryRows > 0) {
    alarms.push({ kind: 'positions-dropped', sinceMs: spoolSinceMs, ...counts, message: MESSAGES.positionsDropped(state.droppedTelemetryRows) });
  }
  if (state.refusedWrites > 0) {
    const refusedSinceMs = previous.find((alarm) => alarm.kind === 'writes-refused')?.sinceMs ?? nowMs;
    alarms.push({ kind: 'writes-refused', sinceMs: refusedSinceMs, ...counts, message: MESSAGES.writesRefused(state.refusedWrites, state.lastRefusal) });
  }
  return alarms;
}

/**
 * Whether `next` is news to pages last told `told`: at once when an alarm starts, ends, changes kind or
 * starts again (a new `sinceMs`); when only its counts changed, once `countRefreshMs` has passed since
 * `told` — a page counts the elapsed time itself, and writes held grow with every position.
 */
export function isAlarmNews(told: PlatformAlarmsEvent, next: PlatformAlarmsEvent, countRefreshMs: number): boolean {
  const which = (event: PlatformAlarmsEvent) => event.alarms.map((alarm) => `${alarm.kind}@${alarm.sinceMs}`).join(',');
  if (which(told) !== which(next)) return true;
  const counts = (event: PlatformAlarmsEvent) => event.alarms.map((alarm) => `${alarm.heldWrites}/${alarm.droppedPositions}/${alarm.refusedWrites}`).join(',');
  return counts(told) !== counts(next) && next.atMs - told.atMs >= countRefreshMs;
}
