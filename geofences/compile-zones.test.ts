import { describe, expect, it } from 'vitest';
import { assessZone } from './assess-zone.ts';
import { compileZone } from './compile-zone.ts';
import { compileZones } from './compile-zones.ts';
import { aerodrome, at, corridor, town, wildlife } from './test/kasungu.ts';

describe('compileZones: the evaluator', () => {
  const zones = [corridor, town, aerodrome, wildlife];

  it('reports every zone in input order and the worst status', () => {
    const assessment = compileZones(zones).evaluate(at(33.483, -13.034, 100, 1234));
    expect(assessment.timeMs).toBe(1234);
    expect(assessment.zones.map((zone) => zone.zoneId)).toEqual(zones.map((zone) => zone.id));
    expect(assessment.worst).toBe('breach');
    expect(compileZones(zones).evaluate(at(33.6, -13.1, 100)).worst).toBe('clear');
    expect(compileZones([]).evaluate(at(33.6, -13.1, 100))).toEqual({
      timeMs: 0, zones: [], worst: 'clear', sample: at(33.6, -13.1, 100), predicted: [], conformance: null,
    });
  });

  it('gives the same verdicts as exact tests on every zone: the R-tree only skips work', () => {
    const evaluator = compileZones(zones);
    const compiled = zones.map((zone) => compileZone(zone));
    let state = 99;
    const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    for (let i = 0; i < 2000; i++) {
      const sample = at(32.9 + random() * 1.2, -13.5 + random() * 1.0, random() * 450);
      const expected = compiled.map((zone) => assessZone(zone, {
        isInside: zone.contains(sample.lon, sample.lat),
        distanceM: zone.distanceToBoundaryM(sample.lon, sample.lat),
        altitudeM: sample.altitudeAglM,
      }));
      expect(evaluator.evaluate(sample).zones).toEqual(expected.map((zone) => ({ ...zone, inForce: true })));
    }
  });

  it('keeps frozen copies of the zones and never mutates its input', () => {
    const input = structuredClone(zones);
    const evaluator = compileZones(input);
    expect(input).toEqual(zones);
    expect(evaluator.zones).toEqual(zones);
    expect(evaluator.zones[0]).not.toBe(input[0]);
    expect(Object.isFrozen(evaluator.zones[0]?.shape)).toBe(true);
  });

  it('rejects duplicate zone ids and samples with bad coordinates', () => {
    expect(() => compileZones([town, town])).toThrow(/"kasungu-town" appears more than once/);
    const evaluator = compileZones([town]);
    expect(() => evaluator.evaluate({ ...at(33.48, -13.03, 10), lat: Number.NaN })).toThrow(/sample\.lat must be a finite number/);
    expect(() => evaluator.evaluate({ ...at(33.48, -13.03, 10), lon: 190 })).toThrow(/sample\.lon/);
  });
});

describe("compileZones: report 'near' for thousands of zones", () => {
  it('lists exactly the zones that can matter, with the same verdicts as report all', async () => {
    const { scalingSamples, scalingZones } = await import('./test/scaling-zones.ts');
    const zones = scalingZones(500);
    const all = compileZones(zones);
    const near = compileZones(zones, { report: 'near' });
    for (const sample of scalingSamples(300)) {
      const full = all.evaluate(sample);
      const nearby = near.evaluate(sample);
      expect(nearby.worst).toBe(full.worst);
      expect(nearby.predicted).toEqual(full.predicted);
      const byId = new Map(full.zones.map((zone) => [zone.zoneId, zone]));
      for (const zone of nearby.zones) expect(zone).toEqual(byId.get(zone.zoneId));
      // Left out: only exclusion zones that are clear, beyond their margin.
      const listed = new Set(nearby.zones.map((zone) => zone.zoneId));
      for (const zone of full.zones.filter((z) => !listed.has(z.zoneId))) {
        expect(zone).toMatchObject({ kind: 'exclusion', status: 'clear' });
        expect(zone.clearanceM).toBeGreaterThan(100);
      }
      expect(nearby.zones.length).toBeLessThan(20);
    }
    expect(() => compileZones(zones, { report: 'some' as 'all' })).toThrow(/options\.report must be 'all' or 'near'/);
  });

  it('the breach tracker ends a breach when its zone drops out of a near report', async () => {
    const { BreachTracker } = await import('./breach-tracker.ts');
    const evaluator = compileZones([corridor, town], { report: 'near' });
    const tracker = new BreachTracker({ holdMs: 1000 });
    expect(tracker.update(evaluator.evaluate(at(33.483, -13.034, 80, 0)))).toMatchObject([{ type: 'breach:started', zoneId: 'kasungu-town' }]);
    const far = evaluator.evaluate(at(33.6, -13.1, 80, 1000));
    expect(far.zones.map((zone) => zone.zoneId)).toEqual(['kasungu-corridor']);
    expect(tracker.update(far)).toEqual([]);
    expect(tracker.update(evaluator.evaluate(at(33.6, -13.1, 80, 2000)))).toMatchObject([{ type: 'breach:ended', zoneId: 'kasungu-town', endedAtMs: 1000 }]);
  });
});
