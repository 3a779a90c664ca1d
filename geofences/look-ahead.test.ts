import { describe, expect, it } from 'vitest';
import { boundarySegments } from './distance-to-boundary.ts';
import { compileZones } from './compile-zones.ts';
import { circleLegCrossings, polygonLegCrossings } from './leg-crossings.ts';
import { legOf } from './look-ahead.ts';
import type { PositionSample } from './position-assessment.ts';
import { aerodrome, at, corridor, offset, town } from './test/kasungu.ts';
import type { Zone } from './zone.ts';

const moving = (sample: PositionSample, northMps: number, eastMps: number, downMps = 0): PositionSample => ({ ...sample, velocity: { northMps, eastMps, downMps } });

/** A 20 m wide, 1 km long exclusion strip running north-south through `center`. */
function strip(center: [number, number], id = 'strip'): Zone {
  const [n, s] = [offset(center, 500, 0), offset(center, 500, 180)];
  const [w, e] = [(p: [number, number]) => offset(p, 10, 270), (p: [number, number]) => offset(p, 10, 90)];
  return {
    id, name: 'Narrow strip', kind: 'exclusion', restriction: 'prohibited', band: { minM: 0, maxM: 400, reference: 'AGL' }, marginM: 0,
    shape: { type: 'polygon', polygon: { type: 'Polygon', coordinates: [[w(s), e(s), e(n), w(n), w(s)]] } },
  };
}

describe('look-ahead: predicted breaches along the velocity', () => {
  const center: [number, number] = [33.52, -13.05];

  it('a leg crossing a narrow zone is a predicted breach though both ends are outside it', () => {
    const [lon, lat] = offset(center, 60, 270); // 50 m west of the strip's west edge
    const assessment = compileZones([strip(center)]).evaluate(moving(at(lon, lat, 60), 0, 20)); // the 10 s leg ends 130 m east of it
    expect(assessment.worst).toBe('predicted');
    expect(assessment.zones[0]).toMatchObject({ status: 'predicted', limit: 'horizontal', horizontalExcursionM: 0 });
    expect(assessment.predicted).toHaveLength(1);
    expect(assessment.predicted[0]?.inSeconds).toBeCloseTo(2.5, 2);
  });

  it('look-ahead is an option: lookAheadS 0 turns it off, a longer one reaches further', () => {
    const [lon, lat] = offset(center, 260, 270); // 250 m from the edge at 20 m/s: 12.5 s away
    const sample = moving(at(lon, lat, 60), 0, 20);
    expect(compileZones([strip(center)]).evaluate(sample).predicted).toEqual([]);
    expect(compileZones([strip(center)], { lookAheadS: 15 }).evaluate(sample).predicted[0]?.inSeconds).toBeCloseTo(12.5, 2);
    expect(compileZones([strip(center)], { lookAheadS: 0 }).evaluate(moving(at(...offset(center, 60, 270), 60), 0, 20)).predicted).toEqual([]);
    expect(() => compileZones([], { lookAheadS: -1 })).toThrow(/lookAheadS must be a finite number ≥ 0 seconds/);
  });

  it('a circle crossed along a chord: predicted at the entry, though the leg ends outside on the far side', () => {
    // 1,250 m west of the town centre, 100 m south of the centre line, eastbound at 300 m/s (a fast leg: 3 km in 10 s).
    const [lon, lat] = offset(offset(town.shape.type === 'circle' ? town.shape.center : [0, 0], 1250, 270), 100, 180);
    const [prediction] = compileZones([town], { lookAheadS: 10 }).evaluate(moving(at(lon, lat, 80), 0, 300)).predicted;
    // The chord 100 m off-centre enters where east offset = -sqrt(1200² - 100²) ≈ -1195.8 m: 54.2 m on, 0.18 s.
    expect(prediction?.inSeconds).toBeCloseTo(54.2 / 300, 2);
  });

  it('climbing through the corridor ceiling is predicted against the ceiling; descending into an exclusion through its top is too', () => {
    const climbing = compileZones([corridor]).evaluate(moving(at(33.6, -13.1, 380), 0, 0, -4));
    expect(climbing.predicted).toEqual([{ zoneId: 'kasungu-corridor', limit: 'ceiling', inSeconds: 5 }]);
    const descending = compileZones([aerodrome]).evaluate(moving(at(33.47, -13.02, 140), 0, 0, 5));
    expect(descending.predicted).toEqual([{ zoneId: 'kasungu-aerodrome', limit: 'horizontal', inSeconds: 4 }]);
  });

  it('a climb is extrapolated only for verticalLookAheadS, then held: a take-off climb levelling off below the ceiling is not a bust', () => {
    // 4 m/s up at 380 m with a 400 m ceiling: 20 m in 5 s. With a 3 s vertical horizon the climb stops at 392 m.
    const climbing = moving(at(33.6, -13.1, 380), 0, 0, -4);
    expect(compileZones([corridor], { verticalLookAheadS: 3 }).evaluate(climbing).predicted).toEqual([]);
    // Close enough to bust within the horizon, it is still predicted.
    expect(compileZones([corridor], { verticalLookAheadS: 3 }).evaluate(moving(at(33.6, -13.1, 392), 0, 0, -4)).predicted)
      .toEqual([{ zoneId: 'kasungu-corridor', limit: 'ceiling', inSeconds: 2 }]);
    // The horizontal leg keeps its full length.
    const westward = moving(at(33.52 + 0.002, -13.05, 100), 0, -25);
    expect(compileZones([strip(center)], { verticalLookAheadS: 3 }).evaluate(westward).predicted.map((p) => p.zoneId)).toEqual(['strip']);
  });

  it('a floor is predicted only when it is enforced', () => {
    const raised: Zone = { ...corridor, band: { minM: 30, maxM: 400, reference: 'AGL' } };
    const sinking = moving(at(33.6, -13.1, 40), 0, 0, 2);
    expect(compileZones([raised]).evaluate(sinking).predicted).toEqual([{ zoneId: 'kasungu-corridor', limit: 'floor', inSeconds: 5 }]);
    const ground: Zone = { ...corridor, band: { minM: 0, maxM: 400, reference: 'AGL' } };
    expect(compileZones([ground]).evaluate(moving(at(33.6, -13.1, 5), 0, 0, 2)).predicted).toEqual([]);
  });

  it('no prediction for a zone already in breach, nor for a zone not in force', () => {
    expect(compileZones([town]).evaluate(moving(at(33.483, -13.034, 80), 0, 30)).predicted).toEqual([]);
    const [lon, lat] = offset(center, 60, 270);
    const later: Zone = { ...strip(center), timeWindow: { startMs: 1e9, endMs: 2e9 } };
    const assessment = compileZones([later]).evaluate(moving(at(lon, lat, 60), 0, 20));
    expect(assessment.zones[0]).toMatchObject({ status: 'clear', inForce: false });
    expect(assessment.predicted).toEqual([]);
  });

  it('soonest first when several zones lie ahead', () => {
    const [lon, lat] = offset(center, 60, 270);
    const further: Zone = strip(offset(center, 100, 90), 'further');
    const assessment = compileZones([further, strip(center)]).evaluate(moving(at(lon, lat, 60), 0, 20));
    expect(assessment.predicted.map((p) => p.zoneId)).toEqual(['strip', 'further']);
  });

  it('the antimeridian: a leg cut at ±180 still finds a zone just across it', () => {
    // A box on the west side of ±180 (lon -179.99…-179.98), approached eastbound from lon 179.995.
    const box: Zone = {
      id: 'across', name: 'Across the antimeridian', kind: 'exclusion', restriction: 'prohibited', band: { minM: 0, maxM: 400, reference: 'AGL' }, marginM: 0,
      shape: { type: 'polygon', polygon: { type: 'Polygon', coordinates: [[[-179.99, -16.81], [-179.98, -16.81], [-179.98, -16.79], [-179.99, -16.79], [-179.99, -16.81]]] } },
    };
    const sample = moving({ lon: 179.995, lat: -16.8, altitudeAglM: 60, altitudeMslM: 60, timeMs: 0 }, 0, 300);
    const leg = legOf(sample, 10);
    expect(leg?.pieces).toHaveLength(2);
    expect(leg?.pieces[1]?.lonA).toBe(-180);
    const [prediction] = compileZones([box]).evaluate(sample).predicted;
    // 0.015° of longitude at 16.8° S ≈ 1,597 m, at 300 m/s ≈ 5.3 s.
    expect(prediction?.inSeconds).toBeCloseTo(1597 / 300, 1);
  });

  it('hovering or without a velocity there is no leg; a bad velocity is refused', () => {
    expect(legOf(at(33.5, -13, 10), 10)).toBeNull();
    expect(legOf(moving(at(33.5, -13, 10), 0, 0, 0), 10)).toBeNull();
    expect(() => compileZones([town]).evaluate(moving(at(33.5, -13, 10), Number.NaN, 0))).toThrow(/sample\.velocity must be/);
  });
});

describe('leg crossings', () => {
  const square = boundarySegments({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] });

  it('polygon: fractions where the leg meets edges; none when it runs along one or misses', () => {
    expect(polygonLegCrossings(square, 0.5, -0.5, 0.5, 0.5)).toEqual([0.5]);
    expect(polygonLegCrossings(square, -1, 0.5, 2, 0.5).sort()).toEqual([1 / 3, 2 / 3]);
    expect(polygonLegCrossings(square, 2, 2, 3, 3)).toEqual([]);
  });

  it('circle: entry and exit of a chord, one crossing from inside, none when it passes by', () => {
    const [a, b] = circleLegCrossings(33.483, -13.034, 1200, 33.46, -13.034, 33.51, -13.034);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a as number);
    expect(circleLegCrossings(33.483, -13.034, 1200, 33.483, -13.034, 33.51, -13.034)).toHaveLength(1);
    expect(circleLegCrossings(33.483, -13.034, 1200, 33.46, -13.0, 33.51, -13.0)).toEqual([]);
  });
});
