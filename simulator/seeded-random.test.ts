import { describe, expect, it } from 'vitest';
import { NO_GPS_ERROR, stepGpsError, type GpsError } from './gps-noise.ts';
import { aircraftSeed, SeededRandom } from './seeded-random.ts';

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number): number[] => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42).every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('draws uniform values and standard normal deviates', () => {
    const random = new SeededRandom(7);
    const uniform = Array.from({ length: 20_000 }, () => random.next());
    expect(uniform.reduce((sum, value) => sum + value, 0) / uniform.length).toBeCloseTo(0.5, 2);
    const normal = Array.from({ length: 20_000 }, () => random.normal());
    const mean = normal.reduce((sum, value) => sum + value, 0) / normal.length;
    const variance = normal.reduce((sum, value) => sum + (value - mean) ** 2, 0) / normal.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(Math.sqrt(variance)).toBeCloseTo(1, 1);
  });

  it('gives each aircraft of a fleet its own seed, and rejects a non-integer seed', () => {
    expect(aircraftSeed(1, 11)).not.toBe(aircraftSeed(1, 12));
    expect(aircraftSeed(1, 11)).toBe(aircraftSeed(1, 11));
    expect(() => new SeededRandom(0.5)).toThrow(/seed must be an integer/);
  });
});

describe('stepGpsError', () => {
  it('wanders with the requested spread, repeatably, and not at all for sigma 0', () => {
    const run = (seed: number): GpsError[] => {
      const random = new SeededRandom(seed);
      const errors: GpsError[] = [];
      let error = NO_GPS_ERROR;
      for (let step = 0; step < 20_000; step++) errors.push(error = stepGpsError(error, 0.5, 2, random));
      return errors;
    };
    const errors = run(3);
    expect(run(3).at(-1)).toEqual(errors.at(-1));
    const rms = Math.sqrt(errors.reduce((sum, error) => sum + error.northM ** 2, 0) / errors.length);
    expect(rms).toBeGreaterThan(1.5);
    expect(rms).toBeLessThan(2.5);
    expect(Math.max(...errors.slice(1).map((error, index) => Math.abs(error.northM - errors[index]!.northM)))).toBeLessThan(2); // no jumps: steps of ~0.36 m
    expect(stepGpsError(NO_GPS_ERROR, 1, 0, new SeededRandom(1))).toBe(NO_GPS_ERROR);
  });
});
