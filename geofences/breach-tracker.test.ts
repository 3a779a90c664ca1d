import { describe, expect, it } from 'vitest';
import { BreachTracker, type BreachEvent } from './breach-tracker.ts';
import { compileZones } from './compile-zones.ts';
import type { PositionAssessment, PositionSample, ZoneAssessment } from './position-assessment.ts';
import { at, corridor, offset, town } from './test/kasungu.ts';

/** A one-zone assessment at `timeMs`, its sample placed at longitude timeMs / 1e6 so evidence can be told apart. */
function assessment(timeMs: number, zone: Partial<ZoneAssessment>): PositionAssessment {
  const full: ZoneAssessment = {
    zoneId: 'town', kind: 'exclusion', status: 'clear', horizontalExcursionM: 0, verticalExcursionM: 0, clearanceM: 500, limit: null, inForce: true, ...zone,
  };
  return { timeMs, zones: [full], worst: full.status, sample: sampleAt(timeMs), predicted: [], conformance: null };
}

function sampleAt(timeMs: number): PositionSample {
  return { lon: timeMs / 1e6, lat: 0, altitudeMslM: 1100, altitudeAglM: 50, timeMs };
}

const breach = (horizontalExcursionM: number, verticalExcursionM = 0, limit: ZoneAssessment['limit'] = 'horizontal') =>
  ({ status: 'breach', limit, horizontalExcursionM, verticalExcursionM, clearanceM: -horizontalExcursionM }) as const;
const approaching = { status: 'approaching', limit: 'horizontal', clearanceM: 50 } as const;
const clear = { status: 'clear', limit: null, clearanceM: 500 } as const;

describe('BreachTracker', () => {
  it('starts on the first breach sample and ends after holdMs of clear, dated to the first clear sample', () => {
    const tracker = new BreachTracker({ holdMs: 3000 });
    expect(tracker.update(assessment(0, clear))).toEqual([]);
    expect(tracker.update(assessment(1000, breach(12)))).toEqual([
      {
        type: 'breach:started', zoneId: 'town', limit: 'horizontal', startedAtMs: 1000, endedAtMs: null, maxHorizontalExcursionM: 12, maxVerticalExcursionM: 0,
        samples: [sampleAt(1000)], inSeconds: null,
      },
    ]);
    expect(tracker.update(assessment(2000, breach(30)))).toEqual([]);
    expect(tracker.update(assessment(3000, clear))).toEqual([]);
    expect(tracker.update(assessment(5000, clear))).toEqual([]);
    expect(tracker.openBreaches).toHaveLength(1);
    const ended = tracker.update(assessment(6000, clear));
    expect(ended).toEqual([
      {
        type: 'breach:ended', zoneId: 'town', limit: 'horizontal', startedAtMs: 1000, endedAtMs: 3000, maxHorizontalExcursionM: 30, maxVerticalExcursionM: 0,
        // first in breach, the deepest and last in breach (one sample here), the first clear one after
        samples: [sampleAt(1000), sampleAt(2000), sampleAt(3000)], inSeconds: null,
      },
    ]);
    expect(tracker.openBreaches).toEqual([]);
    expect(tracker.update(assessment(7000, clear))).toEqual([]);
  });

  it('does not flap on a track zigzagging across the edge within the margin', () => {
    const tracker = new BreachTracker({ holdMs: 3000 });
    const events: BreachEvent[] = [];
    // 20 s along the edge: alternately 5 m inside (breach) and 40 m outside (approaching), one sample a second.
    for (let t = 0; t < 20_000; t += 1000) events.push(...tracker.update(assessment(t, t % 2000 === 0 ? breach(5) : approaching)));
    expect(events.map((event) => event.type)).toEqual(['breach:started']);
    // Approaching is not clear: even 10 s of it keeps the breach open.
    for (let t = 20_000; t < 30_000; t += 1000) events.push(...tracker.update(assessment(t, approaching)));
    expect(events).toHaveLength(1);
    for (let t = 30_000; t <= 33_000; t += 1000) events.push(...tracker.update(assessment(t, clear)));
    expect(events.map((event) => [event.type, event.endedAtMs])).toEqual([['breach:started', null], ['breach:ended', 30_000]]);
  });

  it('restarts the hold when a clear run is interrupted by a breach', () => {
    const tracker = new BreachTracker({ holdMs: 3000 });
    tracker.update(assessment(0, breach(5)));
    tracker.update(assessment(1000, clear));
    tracker.update(assessment(3000, clear));
    expect(tracker.update(assessment(3500, breach(2)))).toEqual([]);
    expect(tracker.update(assessment(4000, clear))).toEqual([]);
    expect(tracker.update(assessment(6999, clear))).toEqual([]);
    expect(tracker.update(assessment(7000, clear))).toMatchObject([{ type: 'breach:ended', startedAtMs: 0, endedAtMs: 4000 }]);
  });

  it('records maximum horizontal and vertical excursion while open', () => {
    const tracker = new BreachTracker({ holdMs: 0 });
    tracker.update(assessment(0, breach(3, 10, 'ceiling')));
    tracker.update(assessment(1000, breach(1, 42, 'ceiling')));
    tracker.update(assessment(2000, breach(7, 8, 'ceiling')));
    expect(tracker.openBreaches).toMatchObject([{ maxHorizontalExcursionM: 7, maxVerticalExcursionM: 42 }]);
    expect(tracker.update(assessment(3000, clear))).toMatchObject([
      { type: 'breach:ended', limit: 'ceiling', endedAtMs: 3000, maxHorizontalExcursionM: 7, maxVerticalExcursionM: 42 },
    ]);
  });

  it('keys breaches by (zone, limit): a second limit of the same zone is its own breach, and both end with the zone clear', () => {
    const tracker = new BreachTracker({ holdMs: 1000 });
    expect(tracker.update(assessment(0, breach(20, 5, 'horizontal')))).toMatchObject([{ type: 'breach:started', limit: 'horizontal' }]);
    expect(tracker.update(assessment(1000, breach(0, 5, 'ceiling')))).toMatchObject([{ type: 'breach:started', limit: 'ceiling' }]);
    expect(tracker.update(assessment(2000, breach(10, 0, 'horizontal')))).toEqual([]);
    tracker.update(assessment(3000, clear));
    expect(tracker.update(assessment(4000, clear)).map((event) => [event.type, event.limit, event.endedAtMs])).toEqual([
      ['breach:ended', 'horizontal', 3000],
      ['breach:ended', 'ceiling', 3000],
    ]);
  });

  it('ignores assessments older than the last one, and hands out snapshots, not its own state', () => {
    const tracker = new BreachTracker();
    tracker.update(assessment(10_000, breach(5)));
    expect(tracker.update(assessment(20_000, clear))).toEqual([]);
    expect(tracker.update(assessment(5_000, breach(99)))).toEqual([]);
    const [open] = tracker.openBreaches;
    if (open) open.maxHorizontalExcursionM = 1e9;
    expect(tracker.openBreaches[0]?.maxHorizontalExcursionM).toBe(5);
    expect(tracker.update(assessment(23_000, clear))).toMatchObject([{ type: 'breach:ended', endedAtMs: 20_000 }]);
  });

  it('rejects a bad holdMs', () => {
    expect(() => new BreachTracker({ holdMs: -1 })).toThrow(/holdMs must be a finite number ≥ 0 ms, got -1/);
  });

  it('end to end: a flight into Kasungu town centre and out again', () => {
    const evaluator = compileZones([corridor, town]);
    const tracker = new BreachTracker({ holdMs: 3000 });
    const events: BreachEvent[] = [];
    // Due east through the town circle's centre, 100 m a second at 80 m AGL, from 2,025 m west of the centre.
    for (let i = 0; i <= 40; i++) {
      const [lon, lat] = offset([33.483, -13.034], -2025 + i * 100, 90);
      events.push(...tracker.update(evaluator.evaluate(at(lon, lat, 80, i * 1000))));
    }
    expect(events.map((event) => [event.type, event.zoneId, event.limit, event.startedAtMs, event.endedAtMs])).toEqual([
      // 125 m outside the circle at 7 s: within its 150 m margin (no velocity in these samples, so no prediction).
      ['zone:approaching', 'kasungu-town', 'horizontal', 7000, null],
      // 75 m inside the 1.2 km circle at 9 s; one breach throughout, though 320 m in, the ceiling is nearer than the edge.
      ['breach:started', 'kasungu-town', 'horizontal', 9000, null],
      // 75 m out at 33 s (within the 150 m margin), 175 m out at 34 s: clear from then, so it ends 3 s later, dated 34 s.
      ['breach:ended', 'kasungu-town', 'horizontal', 9000, 34_000],
    ]);
    const ended = events[2];
    expect(ended?.maxHorizontalExcursionM).toBeCloseTo(1175, 3); // 25 m from the centre at 20 s
    expect(ended?.maxVerticalExcursionM).toBeCloseTo(320, 9); // 80 m AGL in a 0–400 m band: 320 m below its ceiling
    // Evidence: every breach sample from 9 s to 32 s (24, under the cap), and the first clear one after, at 34 s.
    expect(ended?.samples.map((sample) => sample.timeMs)).toEqual([...Array.from({ length: 24 }, (_, i) => 9000 + i * 1000), 34_000]);
  });
});
