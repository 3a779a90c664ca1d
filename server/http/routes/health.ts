/**
 * GET /healthz — 200 while the server runs (the app is only served once the database was ready at
 * boot). It stays 200 through a database outage, because the live map and alerts keep working,
 * but says `degraded` with plain alarms (services/write-alarms.ts): the database unreachable for
 * longer than DATABASE_ALARM_MS, and the telemetry spool full (positions being dropped). The same
 * alarms reach operators' pages live as `platform:alarms` (services/write-alarm-watcher.ts).
 */
import { Router } from 'express';
import type { HealthView } from '../../contracts/index.ts';
import type { WriteQueueStatistics } from '../../db/write-queue.ts';
import { writeAlarms } from '../../services/write-alarms.ts';
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

export function healthRoutes(deps: HealthRouteDeps): Router {
  const router = Router();
  router.get('/healthz', allow('public'), (_request, response) => {
    const nowMs = deps.clock();
    const writes = deps.writeStatistics();
    const alarms = writeAlarms(writes, nowMs, deps.databaseAlarmMs).map((alarm) => alarm.message);
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
        refusedWrites: writes.refusedWrites,
        lastRefusal: writes.lastRefusal,
      },
    };
    response.json(body);
  });
  return router;
}
