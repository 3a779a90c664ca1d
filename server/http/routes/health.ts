/**
 * GET /healthz — 200 while the server runs (the app is only served once the database was ready at
 * boot). It stays 200 through a database outage, because the live map and alerts keep working,
 * but says `degraded` with plain alarms: the database unreachable for longer than
 * DATABASE_ALARM_MS, and the telemetry spool full (positions being dropped).
 */
import { Router } from 'express';
import type { HealthView } from '../../contracts/index.ts';
import type { WriteQueueStatistics } from '../../db/write-queue.ts';
import { allow } from '../access.ts';

export interface HealthRouteDeps {
  databaseKind: HealthView['database'];
  startedAtMs: number;
  clock: () => number;
  /** The write queue's counts (memory, spool, drops, reachability). */
  writeStatistics: () => WriteQueueStatistics;
  /** Failing writes for this long make the 'database unreachable' alarm. */
  databaseAlarmMs: number;
}

/** The alarms a write queue's state calls for at `nowMs` (pure). */
export function writeAlarms(statistics: WriteQueueStatistics, nowMs: number, databaseAlarmMs: number): string[] {
  const alarms: string[] = [];
  const since = statistics.unreachableSinceMs;
  if (since !== null && nowMs - since >= databaseAlarmMs) {
    alarms.push(`database unreachable since ${new Date(since).toISOString()} (${Math.round((nowMs - since) / 1000)} s; ${statistics.queued} writes held): ${statistics.lastError ?? 'writes failing'}`);
  }
  if (statistics.spoolFull) {
    alarms.push(`spool:full — telemetry spool is full, ${statistics.droppedTelemetryRows} positions dropped so far`);
  } else if (statistics.droppedTelemetryRows > 0) {
    alarms.push(`${statistics.droppedTelemetryRows} positions were dropped while the telemetry spool was full`);
  }
  return alarms;
}

export function healthRoutes(deps: HealthRouteDeps): Router {
  const router = Router();
  router.get('/healthz', allow('public'), (_request, response) => {
    const nowMs = deps.clock();
    const writes = deps.writeStatistics();
    const alarms = writeAlarms(writes, nowMs, deps.databaseAlarmMs);
    const body: HealthView = {
      status: alarms.length > 0 ? 'degraded' : 'ok',
      database: deps.databaseKind,
      uptimeS: Math.round((nowMs - deps.startedAtMs) / 1000),
      alarms,
      writes: {
        databaseReachable: writes.databaseReachable,
        unreachableSinceMs: writes.unreachableSinceMs,
        spool: writes.spoolFull ? 'full' : writes.spooledRows > 0 ? 'holding' : 'empty',
        queued: writes.queued,
        memoryRows: writes.memoryRows,
        spooledRows: writes.spooledRows,
        spoolBytes: writes.spoolBytes,
        droppedTelemetryRows: writes.droppedTelemetryRows,
      },
    };
    response.json(body);
  });
  return router;
}
