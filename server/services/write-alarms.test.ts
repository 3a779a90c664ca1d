/**
 * The storage alarms from the write queue's state (what /healthz prints and `platform:alarms` pushes):
 * when the outage alarm starts, what a full spool says, how long a spool alarm has stood, and which
 * changes are news to the pages.
 */
import { describe, expect, it } from 'vitest';
import type { PlatformAlarmView, PlatformAlarmsEvent } from '../contracts/index.ts';
import { isAlarmNews, writeAlarms, type WriteQueueState } from './write-alarms.ts';

const healthy: WriteQueueState = { queued: 0, droppedTelemetryRows: 0, spoolFull: false, unreachableSinceMs: null, lastError: null, refusedWrites: 0, lastRefusal: null };
const SINCE_MS = Date.parse('2026-11-27T21:00:00Z');
const down: WriteQueueState = { ...healthy, unreachableSinceMs: SINCE_MS, queued: 42, lastError: 'connect ECONNREFUSED 127.0.0.1:5432' };

describe('writeAlarms', () => {
  it('says nothing while writes succeed', () => {
    expect(writeAlarms(healthy, SINCE_MS, 5000)).toEqual([]);
  });

  it('raises database-unreachable only once writes have failed for the alarm delay, from the first failed write', () => {
    expect(writeAlarms(down, SINCE_MS + 4999, 5000)).toEqual([]);
    expect(writeAlarms(down, SINCE_MS + 5000, 5000)).toEqual([{
      kind: 'database-unreachable',
      sinceMs: SINCE_MS,
      heldWrites: 42,
      droppedPositions: 0,
      refusedWrites: 0,
      message: 'database unreachable since 2026-11-27T21:00:00.000Z (5 s; 42 writes held): connect ECONNREFUSED 127.0.0.1:5432',
    }]);
    expect(writeAlarms({ ...down, lastError: null }, SINCE_MS + 61_400, 5000)[0]!.message).toBe('database unreachable since 2026-11-27T21:00:00.000Z (61 s; 42 writes held): writes failing');
  });

  it('raises spool-full while dropping, and keeps the count of dropped positions afterwards', () => {
    expect(writeAlarms({ ...healthy, spoolFull: true, droppedTelemetryRows: 7 }, SINCE_MS, 5000)).toEqual([
      { kind: 'spool-full', sinceMs: SINCE_MS, heldWrites: 0, droppedPositions: 7, refusedWrites: 0, message: 'spool:full — telemetry spool is full, 7 positions dropped so far' },
    ]);
    expect(writeAlarms({ ...healthy, droppedTelemetryRows: 7 }, SINCE_MS, 5000)).toEqual([
      { kind: 'positions-dropped', sinceMs: SINCE_MS, heldWrites: 0, droppedPositions: 7, refusedWrites: 0, message: '7 positions were dropped while the telemetry spool was full' },
    ]);
  });

  it('lists the outage before the spool, and a spool alarm keeps the start it was first seen at', () => {
    const first = writeAlarms({ ...down, spoolFull: true, droppedTelemetryRows: 3 }, SINCE_MS + 9000, 5000);
    expect(first.map((alarm) => [alarm.kind, alarm.sinceMs])).toEqual([['database-unreachable', SINCE_MS], ['spool-full', SINCE_MS + 9000]]);
    const later = writeAlarms({ ...down, spoolFull: true, droppedTelemetryRows: 30 }, SINCE_MS + 20_000, 5000, first);
    expect(later.map((alarm) => [alarm.kind, alarm.sinceMs])).toEqual([['database-unreachable', SINCE_MS], ['spool-full', SINCE_MS + 9000]]);
    expect(later[1]!.message).toBe('spool:full — telemetry spool is full, 30 positions dropped so far');
    // The database is back and the spool has room: what was dropped stays said, from when dropping began.
    const after = writeAlarms({ ...healthy, droppedTelemetryRows: 30 }, SINCE_MS + 40_000, 5000, later);
    expect(after.map((alarm) => [alarm.kind, alarm.sinceMs])).toEqual([['positions-dropped', SINCE_MS + 9000]]);
  });

  it('raises writes-refused from the first refusal on, naming the last, after the other alarms', () => {
    const last = 'telemetry of flight f1 at 2026-11-27T21:00:03.000Z: insert or update on table "telemetry" violates foreign key constraint';
    const first = writeAlarms({ ...healthy, refusedWrites: 1, lastRefusal: last }, SINCE_MS + 1000, 5000);
    expect(first).toEqual([{ kind: 'writes-refused', sinceMs: SINCE_MS + 1000, heldWrites: 0, droppedPositions: 0, refusedWrites: 1, message: `1 write refused by the database and set aside (last: ${last})` }]);
    const later = writeAlarms({ ...down, droppedTelemetryRows: 2, refusedWrites: 4, lastRefusal: last }, SINCE_MS + 30_000, 5000, first);
    expect(later.map((alarm) => [alarm.kind, alarm.sinceMs, alarm.refusedWrites])).toEqual([
      ['database-unreachable', SINCE_MS, 4], ['positions-dropped', SINCE_MS + 30_000, 4], ['writes-refused', SINCE_MS + 1000, 4],
    ]);
  });
});

describe('isAlarmNews', () => {
  const alarm = (kind: PlatformAlarmView['kind'], sinceMs: number, heldWrites: number, droppedPositions = 0): PlatformAlarmView =>
    ({ kind, sinceMs, heldWrites, droppedPositions, refusedWrites: 0, message: `${kind} ${heldWrites}` });
  const told: PlatformAlarmsEvent = { atMs: SINCE_MS + 5000, alarms: [alarm('database-unreachable', SINCE_MS, 100)] };

  it('is news at once when an alarm starts, ends, changes kind or starts again', () => {
    expect(isAlarmNews({ atMs: SINCE_MS, alarms: [] }, told, 10_000)).toBe(true);
    expect(isAlarmNews(told, { atMs: told.atMs + 1000, alarms: [] }, 10_000)).toBe(true);
    expect(isAlarmNews(told, { atMs: told.atMs + 1000, alarms: [...told.alarms, alarm('spool-full', SINCE_MS + 5500, 100, 1)] }, 10_000)).toBe(true);
    expect(isAlarmNews(told, { atMs: told.atMs + 1000, alarms: [alarm('database-unreachable', SINCE_MS + 800, 100)] }, 10_000)).toBe(true);
  });

  it('is not news when only the time went by, and counts alone are news once per refresh period', () => {
    expect(isAlarmNews({ atMs: SINCE_MS, alarms: [] }, { atMs: SINCE_MS + 60_000, alarms: [] }, 10_000)).toBe(false);
    expect(isAlarmNews(told, { atMs: told.atMs + 60_000, alarms: [{ ...told.alarms[0]!, message: 'later text' }] }, 10_000)).toBe(false);
    expect(isAlarmNews(told, { atMs: told.atMs + 9999, alarms: [alarm('database-unreachable', SINCE_MS, 5000)] }, 10_000)).toBe(false);
    expect(isAlarmNews(told, { atMs: told.atMs + 10_000, alarms: [alarm('database-unreachable', SINCE_MS, 5000)] }, 10_000)).toBe(true);
  });
});
