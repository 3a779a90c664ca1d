/**
 * Watches this process's write queue once a second and pushes its storage alarms to the pages
 * (`platform:alarms`) when they are news (write-alarms.ts isAlarmNews): an alarm starting or ending at
 * once, its counts at most every `countRefreshMs`. `current()` is what a socket connecting now is sent.
 * Each process watches its own queue: the publisher sends to this process's sockets only.
 */
import type { PlatformAlarmsEvent } from '../contracts/index.ts';
import { isAlarmNews, writeAlarms, type WriteQueueState } from './write-alarms.ts';

export interface WriteAlarmWatcherDeps {
  /** The write queue's statistics now. */
  writeQueue: () => WriteQueueState;
  /** Send the alarms to the connected staff (called only when they are news). */
  publish: (event: PlatformAlarmsEvent) => void;
  clock: () => number;
  config: {
    /** Failing writes for this long make the database-unreachable alarm (DATABASE_ALARM_MS). */
    databaseAlarmMs: number;
    /** How often the queue is looked at (default 1000 ms). */
    checkEveryMs?: number;
    /** Counts alone are pushed again at most this often (default 10,000 ms). */
    countRefreshMs?: number;
  };
}

export interface WriteAlarmWatcher {
  /** The alarms now, for a socket that just connected. */
  current(): PlatformAlarmsEvent;
  /** Look at the queue now, and publish if the alarms are news (the timer calls it every `checkEveryMs`). */
  check(): void;
  stop(): void;
}

/** Start watching; nothing is published while there is no alarm and none was told. */
export function startWriteAlarmWatcher(deps: WriteAlarmWatcherDeps): WriteAlarmWatcher {
  const { databaseAlarmMs, checkEveryMs = 1000, countRefreshMs = 10_000 } = deps.config;
  let told: PlatformAlarmsEvent = { atMs: deps.clock(), alarms: [] };
  // The latest seen, told or not: a spool alarm keeps the start it was first seen at.
  let latest = told;
  const current = (): PlatformAlarmsEvent => {
    const atMs = deps.clock();
    latest = { atMs, alarms: writeAlarms(deps.writeQueue(), atMs, databaseAlarmMs, latest.alarms) };
    return latest;
  };
  const check = () => {
    const next = current();
    if (!isAlarmNews(told, next, countRefreshMs)) return;
    told = next;
    deps.publish(next);
  };
  const timer = setInterval(check, checkEveryMs);
  timer.unref();
  return { current, check, stop: () => clearInterval(timer) };
}
