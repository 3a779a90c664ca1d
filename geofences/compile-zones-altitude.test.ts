import { describe, expect, it } from 'vitest';
import { compileZones } from './compile-zones.ts';
import type { PositionSample } from './position-assessment.ts';
import { assessOne } from './test/assess-one.ts';
import { aerodrome, at, corridor, HOME_MSL_M } from './test/kasungu.ts';
import type { Zone } from './zone.ts';

// Named vertical edge cases of the fence check: band edges, AGL against MSL, the ground as floor.

describe('compileZones: altitude exactly on a band edge is inside the band', () => {
  const middle = at(33.4686, -13.0146, 0);
  const atAltitude = (aglM: number): PositionSample => ({ ...middle, altitudeAglM: aglM, altitudeMslM: HOME_MSL_M + aglM });

  it('inclusion ceiling: 400 m is approaching, 400.5 m breaches by 0.5 m', () => {
    expect(assessOne(corridor, atAltitude(400))).toMatchObject({ status: 'approaching', limit: 'ceiling', verticalExcursionM: 0 });
    const above = assessOne(corridor, atAltitude(400.5));
    expect(above).toMatchObject({ status: 'breach', limit: 'ceiling', horizontalExcursionM: 0 });
    expect(above.verticalExcursionM).toBeCloseTo(0.5, 9);
  });

  it('inclusion floor above the ground: 50 m is inside, 49 m breaches by 1 m', () => {
    const high: Zone = { ...corridor, band: { minM: 50, maxM: 400, reference: 'AGL' }, marginM: 20 };
    expect(assessOne(high, atAltitude(50))).toMatchObject({ status: 'approaching', limit: 'floor' });
    expect(assessOne(high, atAltitude(49))).toMatchObject({ status: 'breach', limit: 'floor', verticalExcursionM: 1 });
    expect(assessOne(high, atAltitude(200)).status).toBe('clear');
  });

  it('exclusion band 0–120 m (breaches of an exclusion volume are reported as horizontal): 120 m breaches with zero vertical depth, 120.5 m is approaching from above, 221 m is clear', () => {
    const sample = (aglM: number) => ({ ...at(33.47, -13.02, aglM) });
    expect(assessOne(aerodrome, sample(120))).toMatchObject({ status: 'breach', limit: 'horizontal', verticalExcursionM: 0 });
    expect(assessOne(aerodrome, sample(120.5))).toMatchObject({ status: 'approaching', limit: 'ceiling', verticalExcursionM: 0 });
    expect(assessOne(aerodrome, sample(221)).status).toBe('clear');
  });

  it('exclusion with a floor: 50 m is inside the band, 49.9 m is approaching from below', () => {
    const layer: Zone = { ...aerodrome, band: { minM: 50, maxM: 120, reference: 'AGL' } };
    expect(assessOne(layer, at(33.47, -13.02, 50))).toMatchObject({ status: 'breach', limit: 'horizontal', verticalExcursionM: 0 });
    expect(assessOne(layer, at(33.47, -13.02, 60)).verticalExcursionM).toBe(10); // depth to the nearer band edge
    expect(assessOne(layer, at(33.47, -13.02, 49.9))).toMatchObject({ status: 'approaching', limit: 'floor' });
  });
});

describe('compileZones: AGL and MSL bands', () => {
  it('an AGL band compares altitudeAglM, an MSL band compares altitudeMslM', () => {
    const approachMsl: Zone = { ...aerodrome, id: 'approach-msl', band: { minM: 0, maxM: 1200, reference: 'MSL' } };
    // Home on a 200 m rise: 100 m above home is 1,358 m MSL — inside the AGL band, above the MSL one.
    const sample: PositionSample = { ...at(33.47, -13.02, 100), altitudeMslM: HOME_MSL_M + 200 + 100 };
    const [agl, msl] = compileZones([aerodrome, approachMsl]).evaluate(sample).zones;
    expect(agl?.status).toBe('breach');
    expect(msl?.status).toBe('clear');
    expect(compileZones([approachMsl]).evaluate({ ...sample, altitudeMslM: 1150 }).worst).toBe('breach');
  });

  it('a floor at or below 0 m is the ground by default; enforced when ignoreFloorAtOrBelowZero is false', () => {
    const onPad = at(33.4686, -13.0146, -0.4); // relative altitude reads slightly negative before take-off
    expect(assessOne(corridor, onPad).status).toBe('clear');
    const strict = assessOne(corridor, onPad, { ignoreFloorAtOrBelowZero: false });
    expect(strict).toMatchObject({ status: 'breach', limit: 'floor' });
    expect(strict.verticalExcursionM).toBeCloseTo(0.4, 9);
  });
});
