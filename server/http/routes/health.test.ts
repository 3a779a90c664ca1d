/** The alarms /healthz raises from the write queue's state: when the outage alarm starts, and what a full spool says. */
import { describe, expect, it } from 'vitest';
import type { WriteQueueStatistics } from '../../db/write-queue.ts';
import { writeAlarms } from './health.ts';

const healthy: WriteQueueStatistics = {
  queued: 0, telemetryRowsWritten: 10, failedAttempts: 0, memoryRows: 0, spooledRows: 0, spoolBytes: 0, spilledTelemetryRows: 0,
  droppedTelemetryRows: 0, spoolFull: false, databaseReachable: true, unreachableSinceMs: null, lastError: null,
};
const SINCE_MS = Date.parse('2026-11-27T21:00:00Z');

describe('writeAlarms', () => {
  it('says nothing while writes succeed', () => {
    expect(writeAlarms(healthy, SINCE_MS, 5000)).toEqual([]);
  });

  it('raises "database unreachable since …" only once writes have failed for the alarm delay', () => {
    const down = { ...healthy, databaseReachable: false, unreachableSinceMs: SINCE_MS, queued: 42, lastError: 'connect ECONNREFUSED 127.0.0.1:5432' };
    expect(writeAlarms(down, SINCE_MS + 4999, 5000)).toEqual([]);
    expect(writeAlarms(down, SINCE_MS + 5000, 5000)).toEqual([
      'database unreachable since 2026-11-27T21:00:00.000Z (5 s; 42 writes held): connect ECONNREFUSED 127.0.0.1:5432',
    ]);
  });

  it('raises spool:full while dropping, and keeps the count of dropped positions afterwards', () => {
    expect(writeAlarms({ ...healthy, spoolFull: true, droppedTelemetryRows: 7 }, SINCE_MS, 5000)).toEqual(['spool:full — telemetry spool is full, 7 positions dropped so far']);
    expect(writeAlarms({ ...healthy, droppedTelemetryRows: 7 }, SINCE_MS, 5000)).toEqual(['7 positions were dropped while the telemetry spool was full']);
  });
});
