import { describe, expect, it } from 'vitest';
import type { TelemetrySampleView } from '../server/contracts/index.ts';
import { positionAt, sampleIndexAt } from './replay-position.ts';

const at = (recordedAtMs: number, lon: number, altitudeRelativeM: number, fenceStatus: TelemetrySampleView['fenceStatus'] = 'nominal'): TelemetrySampleView => ({
  recordedAtMs, lon, lat: -13, altitudeMslM: 1000 + altitudeRelativeM, altitudeRelativeM, groundSpeedMps: 20, climbRateMps: 0, headingDeg: 90, fenceStatus,
});
const samples = [at(1000, 33.0, 0), at(2000, 33.1, 100, 'breach'), at(4000, 33.3, 100)];

describe('positionAt', () => {
  it('is null before the first sample', () => {
    expect(positionAt(samples, 999)).toBeNull();
    expect(sampleIndexAt(samples, 999)).toBe(-1);
  });

  it('interpolates between the samples either side, keeping the earlier one’s status', () => {
    const position = positionAt(samples, 1500)!;
    expect(position.lon).toBeCloseTo(33.05, 10);
    expect(position.altitudeRelativeM).toBe(50);
    expect(position).toMatchObject({ index: 0, fenceStatus: 'nominal' });
    expect(positionAt(samples, 3000)).toMatchObject({ index: 1, fenceStatus: 'breach' });
  });

  it('lands exactly on a sample and stays at the last one after the end', () => {
    expect(positionAt(samples, 2000)).toMatchObject({ lon: 33.1, index: 1 });
    expect(positionAt(samples, 60_000)).toMatchObject({ lon: 33.3, index: 2 });
  });

  it('has nothing to say about no samples', () => {
    expect(positionAt([], 1000)).toBeNull();
  });
});
