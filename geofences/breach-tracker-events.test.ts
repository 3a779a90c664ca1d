import { describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_SAMPLES } from './breach-evidence.ts';
import { BreachTracker, type BreachEvent } from './breach-tracker.ts';
import { compileZones } from './compile-zones.ts';
import type { PositionAssessment, PositionSample, ZoneAssessment } from './position-assessment.ts';
import { at, offset, town } from './test/kasungu.ts';

function sampleAt(timeMs: number): PositionSample {
  return { lon: timeMs / 1e6, lat: 0, altitudeMslM: 1100, altitudeAglM: 50, timeMs };
}

/** A one-zone assessment at `timeMs`; a 'predicted' status comes with its PredictedBreach entry. */
function assessment(timeMs: number, zone: Partial<ZoneAssessment>, inSeconds = 4): PositionAssessment {
  const full: ZoneAssessment = {
    zoneId: 'town', kind: 'exclusion', status: 'clear', horizontalExcursionM: 0, verticalExcursionM: 0, clearanceM: 500, limit: null, inForce: true, ...zone,
  };
  const predicted = full.status === 'predicted' && full.limit ? [{ zoneId: full.zoneId, limit: full.limit, inSeconds }] : [];
  return { timeMs, zones: [full], worst: full.status, sample: sampleAt(timeMs), predicted, conformance: null };
}

const breach = (depthM: number) => ({ status: 'breach', limit: 'horizontal', horizontalExcursionM: depthM, clearanceM: -depthM }) as const;
const approaching = { status: 'approaching', limit: 'horizontal', clearanceM: 50 } as const;
const predicted = { status: 'predicted', limit: 'horizontal', clearanceM: 80 } as const;
const clear = { status: 'clear', limit: null, clearanceM: 500 } as const;

function feed(tracker: BreachTracker, steps: Array<[number, Partial<ZoneAssessment>]>): BreachEvent[] {
  return steps.flatMap(([timeMs, zone]) => tracker.update(assessment(timeMs, zone)));
}

describe('BreachTracker: approaching and predicted, once per episode', () => {
  it('announces approaching, then predicted, then the breach, each once, however often the status repeats', () => {
    const events = feed(new BreachTracker({ holdMs: 3000 }), [
      [0, clear], [1000, approaching], [2000, approaching], [3000, predicted], [4000, approaching], [5000, predicted], [6000, breach(3)],
    ]);
    expect(events.map((e) => [e.type, e.startedAtMs, e.inSeconds])).toEqual([
      ['zone:approaching', 1000, null], ['breach:predicted', 3000, 4], ['breach:started', 6000, null],
    ]);
    expect(events[1]?.samples).toEqual([sampleAt(3000)]);
  });

  it('announces nothing while a breach of the zone is open (recovering through the margin is not approaching)', () => {
    const events = feed(new BreachTracker({ holdMs: 3000 }), [[0, breach(5)], [1000, predicted], [2000, approaching], [3000, breach(2)], [4000, approaching]]);
    expect(events.map((e) => e.type)).toEqual(['breach:started']);
  });

  it('a new episode starts only after the zone has been clear for holdMs', () => {
    const tracker = new BreachTracker({ holdMs: 3000 });
    const first = feed(tracker, [[0, approaching], [1000, clear], [2000, approaching], [3000, clear], [5999, clear]]);
    expect(first.map((e) => e.type)).toEqual(['zone:approaching']);
    const second = feed(tracker, [[6000, clear], [7000, approaching]]);
    expect(second.map((e) => [e.type, e.startedAtMs])).toEqual([['zone:approaching', 7000]]);
  });

  it('predicted for a second limit of the same zone is its own announcement', () => {
    const events = feed(new BreachTracker(), [[0, predicted], [1000, { ...predicted, limit: 'ceiling' }], [2000, predicted]]);
    expect(events.map((e) => [e.type, e.limit])).toEqual([['breach:predicted', 'horizontal'], ['breach:predicted', 'ceiling']]);
  });
});

describe('BreachTracker: the samples that prove a breach', () => {
  it('keeps the first in breach, the deepest, the last in breach and the first clear one after', () => {
    const tracker = new BreachTracker({ holdMs: 2000 });
    const events = feed(tracker, [[0, breach(5)], [1000, breach(40)], [2000, breach(12)], [3000, approaching], [4000, clear], [5000, clear], [6000, clear]]);
    const ended = events.find((e) => e.type === 'breach:ended');
    expect(ended?.samples.map((s) => s.timeMs)).toEqual([0, 1000, 2000, 4000]);
    expect(tracker.openBreaches).toEqual([]);
  });

  it('caps a long breach at 50 samples, keeping first, deepest, last and first clear, spread over the breach', () => {
    const tracker = new BreachTracker({ holdMs: 0 });
    const steps: Array<[number, Partial<ZoneAssessment>]> = Array.from({ length: 1000 }, (_, i) => [i * 1000, breach(i === 777 ? 999 : 10)]);
    feed(tracker, steps);
    expect(tracker.openBreaches[0]?.samples.length).toBeLessThanOrEqual(MAX_EVIDENCE_SAMPLES);
    const [ended] = feed(tracker, [[1_000_000, clear]]);
    const times = ended?.samples.map((s) => s.timeMs) ?? [];
    expect(times.length).toBeLessThanOrEqual(MAX_EVIDENCE_SAMPLES);
    expect(times.length).toBeGreaterThan(20);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const t of [0, 777_000, 999_000, 1_000_000]) expect(times).toContain(t);
  });

  it('end to end: an evaluator with look-ahead warns before a flight enters Kasungu town centre', () => {
    const evaluator = compileZones([town]);
    const tracker = new BreachTracker({ holdMs: 3000 });
    const events: BreachEvent[] = [];
    for (let i = 0; i <= 30; i++) {
      const [lon, lat] = offset([33.483, -13.034], -2025 + i * 100, 90);
      events.push(...tracker.update(evaluator.evaluate({ ...at(lon, lat, 80, i * 1000), velocity: { northMps: 0, eastMps: 100, downMps: 0 } })));
    }
    // 825 m out at 0 s: the 10 s leg (1 km) reaches the circle, 8.25 s ahead.
    expect(events.map((e) => [e.type, e.startedAtMs])).toEqual([['breach:predicted', 0], ['breach:started', 9000]]);
    expect(events[0]?.inSeconds).toBeCloseTo(8.25, 1);
  });
});
