/**
 * The write-alarm watcher over a plain fake queue and a fake clock, driven through check() (its
 * timer only calls check()): what it publishes and when — an alarm starting, its counts refreshed,
 * its end — and what a socket connecting now is sent (current()).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PlatformAlarmsEvent } from '../contracts/index.ts';
import { startWriteAlarmWatcher, type WriteAlarmWatcher } from './write-alarm-watcher.ts';
import type { WriteQueueState } from './write-alarms.ts';

const START_MS = Date.parse('2026-11-27T21:00:00Z');
const started: WriteAlarmWatcher[] = [];

/** A watcher over a healthy fake queue at START_MS; `later(ms)` moves the clock on and looks at the queue, as the timer does. */
function watch(config: { databaseAlarmMs: number; countRefreshMs?: number } = { databaseAlarmMs: 2000 }) {
  const clock = { nowMs: START_MS };
  const queue: WriteQueueState = { queued: 0, droppedTelemetryRows: 0, spoolFull: false, unreachableSinceMs: null, lastError: null, refusedWrites: 0, lastRefusal: null };
  const published: PlatformAlarmsEvent[] = [];
  const watcher = startWriteAlarmWatcher({ writeQueue: () => queue, publish: (event) => published.push(event), clock: () => clock.nowMs, config });
  started.push(watcher);
  const later = (ms: number) => {
    clock.nowMs += ms;
    watcher.check();
  };
  /** Each published event as [kind, sinceMs, heldWrites, droppedPositions] per alarm. */
  const told = () => published.map((event) => event.alarms.map((alarm) => [alarm.kind, alarm.sinceMs, alarm.heldWrites, alarm.droppedPositions]));
  return { clock, queue, published, watcher, later, told };
}

describe('startWriteAlarmWatcher', () => {
  afterEach(() => {
    for (const watcher of started.splice(0)) watcher.stop();
  });

  it('publishes nothing while writes succeed, and gives a socket connecting now an empty list', () => {
    const { published, watcher, later, clock } = watch();
    for (let i = 0; i < 5; i += 1) later(1000);
    expect(published).toEqual([]);
    expect(watcher.current()).toEqual({ atMs: clock.nowMs, alarms: [] });
  });

  it('publishes the outage alarm once writes have failed for databaseAlarmMs, dated from the first failed write', () => {
    const { queue, published, watcher, later, told, clock } = watch();
    later(1000);
    const failedAtMs = clock.nowMs;
    Object.assign(queue, { unreachableSinceMs: failedAtMs, queued: 10, lastError: 'connect ECONNREFUSED 127.0.0.1:5432' });
    later(1000);
    expect(published).toEqual([]); // failing for 1 s: not yet an alarm
    expect(watcher.current().alarms).toEqual([]);
    later(1000);
    expect(told()).toEqual([[['database-unreachable', failedAtMs, 10, 0]]]);
    expect(published[0]!.atMs).toBe(clock.nowMs);
    expect(published[0]!.alarms[0]!.message).toBe('database unreachable since 2026-11-27T21:00:01.000Z (2 s; 10 writes held): connect ECONNREFUSED 127.0.0.1:5432');
    // A socket connecting now is sent the same alarm, with the counts and time of now.
    queue.queued = 15;
    expect(watcher.current()).toMatchObject({ atMs: clock.nowMs, alarms: [{ kind: 'database-unreachable', sinceMs: failedAtMs, heldWrites: 15 }] });
  });

  it('refreshes the counts alone at most every countRefreshMs, never for the time alone, and publishes an empty list at once when writes succeed again', () => {
    const { queue, later, told, published, clock } = watch({ databaseAlarmMs: 2000, countRefreshMs: 10_000 });
    Object.assign(queue, { unreachableSinceMs: START_MS, queued: 10, lastError: 'connect ECONNREFUSED' });
    later(2000);
    expect(told()).toEqual([[['database-unreachable', START_MS, 10, 0]]]);
    for (let i = 0; i < 9; i += 1) {
      queue.queued += 100;
      later(1000);
    }
    expect(published).toHaveLength(1); // the counts moved for 9 s: not yet
    queue.queued += 100;
    later(1000);
    expect(told()).toEqual([[['database-unreachable', START_MS, 10, 0]], [['database-unreachable', START_MS, 1010, 0]]]);
    for (let i = 0; i < 30; i += 1) later(1000);
    expect(published).toHaveLength(2); // the time went by, the counts stood still: the page counts the time itself
    Object.assign(queue, { unreachableSinceMs: null, lastError: null, queued: 0 });
    later(1000);
    expect(published).toHaveLength(3);
    expect(published[2]).toEqual({ atMs: clock.nowMs, alarms: [] });
    later(1000);
    expect(published).toHaveLength(3); // over is said once
  });

  it('dates a full spool from when it was first seen, keeps that date, and says positions were dropped once it has room again', () => {
    const { queue, later, told, clock } = watch();
    later(1000);
    const fullSeenAtMs = clock.nowMs + 1000;
    Object.assign(queue, { spoolFull: true, droppedTelemetryRows: 5 });
    later(1000);
    expect(told()).toEqual([[['spool-full', fullSeenAtMs, 0, 5]]]);
    queue.droppedTelemetryRows = 50;
    later(10_000);
    queue.spoolFull = false;
    later(1000);
    expect(told()).toEqual([
      [['spool-full', fullSeenAtMs, 0, 5]],
      [['spool-full', fullSeenAtMs, 0, 50]],
      [['positions-dropped', fullSeenAtMs, 0, 50]],
    ]);
  });
});
