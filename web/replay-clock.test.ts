import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReplayClock } from './replay-clock.ts';

describe('ReplayClock', () => {
  let realMs = 0;
  const now = () => realMs;
  /** Let `ms` of real time pass in ticks of 50 ms. */
  const pass = (ms: number) => {
    for (let step = 0; step < ms / 50; step++) {
      realMs += 50;
      vi.advanceTimersByTime(50);
    }
  };
  beforeEach(() => {
    vi.useFakeTimers();
    realMs = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('runs at the chosen multiple of recorded time', () => {
    const clock = new ReplayClock(10_000, 100_000, { now });
    clock.setSpeed(30);
    clock.play();
    pass(1000);
    expect(clock.time).toBe(40_000);
    clock.pause();
    pass(1000);
    expect(clock.time).toBe(40_000);
  });

  it('stops at the end, and plays from the start again', () => {
    const clock = new ReplayClock(0, 2000, { now });
    const seen: number[] = [];
    clock.onChange((timeMs) => seen.push(timeMs));
    clock.setSpeed(5);
    clock.play();
    pass(1000);
    expect(clock.time).toBe(2000);
    expect(clock.isPlaying).toBe(false);
    clock.play();
    expect(seen).toContain(0);
    expect(clock.isPlaying).toBe(true);
    clock.pause();
  });

  it('keeps a seek within the span and refuses a bad span or speed', () => {
    const clock = new ReplayClock(0, 2000, { now });
    clock.seek(-5);
    expect(clock.time).toBe(0);
    clock.seek(9999);
    expect(clock.time).toBe(2000);
    expect(() => clock.setSpeed(0)).toThrow(/speed must be > 0/);
    expect(() => new ReplayClock(5, 5)).toThrow(/endMs must be after startMs/);
  });
});
