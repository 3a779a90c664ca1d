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
    expect(compileZones([]).evaluate(at(33.6, -13.1, 100))).toEqual({ timeMs: 0, zones: [], worst: 'clear' });
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
      expect(evaluator.evaluate(sample).zones).toEqual(expected);
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
