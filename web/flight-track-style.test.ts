import { describe, expect, it } from 'vitest';
import type { TelemetrySampleView } from '../server/contracts/index.ts';
import { ABOVE_CEILING_COLOUR, altitudeBand, altitudeLegend, sampleStyle, trackRuns } from './flight-track-style.ts';

const sample = (lon: number, altitudeRelativeM: number, fenceStatus: TelemetrySampleView['fenceStatus'] = 'nominal'): TelemetrySampleView => ({
  recordedAtMs: lon * 1000, lon, lat: 0, altitudeMslM: altitudeRelativeM + 1000, altitudeRelativeM, groundSpeedMps: 10, climbRateMps: 0, headingDeg: 0, fenceStatus,
});

describe('altitudeBand', () => {
  it('bands the ground to the ceiling, the ceiling itself in the top band, and above it apart', () => {
    expect(altitudeBand(-2, 120)).toBe(0);
    expect(altitudeBand(0, 120)).toBe(0);
    expect(altitudeBand(119, 120)).toBe(5);
    expect(altitudeBand(120, 120)).toBe(5);
    expect(altitudeBand(120.5, 120)).toBe('above');
  });

  it('labels every band of the legend', () => {
    expect(altitudeLegend(120)[0]).toEqual(['#1d4ed8', '0–20 m']);
    expect(altitudeLegend(120).at(-1)).toEqual([ABOVE_CEILING_COLOUR, 'above 120 m']);
  });
});

describe('trackRuns', () => {
  it('joins runs of one key and ends each at the next run’s first point', () => {
    const samples = [sample(1, 10), sample(2, 10, 'breach'), sample(3, 10, 'breach'), sample(4, 10)];
    const { keyOf } = sampleStyle('conformance', 120);
    expect(trackRuns(samples, keyOf)).toEqual([
      { key: 'nominal', points: [[1, 0], [2, 0]] },
      { key: 'breach', points: [[2, 0], [3, 0], [4, 0]] },
      { key: 'nominal', points: [[4, 0]] },
    ]);
  });

  it('gives no runs for no samples', () => {
    expect(trackRuns([], () => 'x')).toEqual([]);
  });
});
