import { describe, expect, it } from 'vitest';
import { ARDUCOPTER_DEFAULT_RATES_HZ, forwardedRatesHz, StreamScheduler } from './stream-scheduler.ts';

/** Message ids sent over `seconds` stepped by `dtS`, counted by id. */
function countOver(scheduler: StreamScheduler, fromS: number, seconds: number, dtS = 0.01): Map<number, number> {
  const counts = new Map<number, number>();
  for (let step = 0; step <= Math.round(seconds / dtS); step++) {
    for (const id of scheduler.due(fromS + step * dtS)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('StreamScheduler', () => {
  it('sends only HEARTBEAT at 1 Hz with ArduCopter’s defaults', () => {
    const counts = countOver(new StreamScheduler(ARDUCOPTER_DEFAULT_RATES_HZ, 0), 0, 9.995);
    expect([...counts]).toEqual([[0, 10]]);
  });

  it('follows REQUEST_DATA_STREAM per group and for ALL, and stops a group with start_stop 0', () => {
    const scheduler = new StreamScheduler(ARDUCOPTER_DEFAULT_RATES_HZ, 0);
    scheduler.requestDataStream(6, 5, true, 0); // POSITION
    scheduler.requestDataStream(2, 2, true, 0); // EXTENDED_STATUS
    let counts = countOver(scheduler, 0, 9.995);
    expect(Object.fromEntries(counts)).toEqual({ 0: 10, 33: 50, 1: 20, 24: 20 });
    scheduler.requestDataStream(0, 1, true, 10); // ALL at 1 Hz
    scheduler.requestDataStream(6, 3, false, 10); // and POSITION off
    counts = countOver(scheduler, 10, 9.995);
    expect(Object.fromEntries(counts)).toEqual({ 0: 10, 1: 10, 24: 10, 30: 10, 74: 10, 147: 10 });
  });

  it('lets SET_MESSAGE_INTERVAL override one message until its group is requested again', () => {
    const scheduler = new StreamScheduler(forwardedRatesHz(4), 0);
    expect(scheduler.setMessageInterval(33, 100_000, 0)).toBe(0);
    expect(scheduler.setMessageInterval(30, -1, 0)).toBe(0); // ATTITUDE off
    expect(scheduler.setMessageInterval(242, 2_000_000, 0)).toBe(0); // HOME_POSITION every 2 s
    let counts = countOver(scheduler, 0, 9.995);
    expect([counts.get(33), counts.get(30), counts.get(242)]).toEqual([100, undefined, 5]);
    expect(scheduler.setMessageInterval(33, 0, 10)).toBe(0); // back to its group's 4 Hz
    counts = countOver(scheduler, 10, 9.995);
    expect(counts.get(33)).toBe(40);
    scheduler.setMessageInterval(33, 50_000, 20);
    scheduler.requestDataStream(6, 2, true, 20); // the group request clears the override, as in ArduPilot
    expect(scheduler.rateHz(33)).toBe(2);
  });

  it('refuses an interval for a message it does not send, or a bad interval', () => {
    const scheduler = new StreamScheduler(ARDUCOPTER_DEFAULT_RATES_HZ, 0);
    expect(scheduler.setMessageInterval(65, 100_000, 0)).toBe(3);
    expect(scheduler.setMessageInterval(33, -5, 0)).toBe(3);
  });

  it('sends once after a long step rather than a burst of stale copies', () => {
    const scheduler = new StreamScheduler(forwardedRatesHz(10), 0);
    scheduler.due(0);
    expect(scheduler.due(5).filter((id) => id === 33)).toEqual([33]);
  });
});
