import { describe, expect, expectTypeOf, it } from 'vitest';
import * as geofences from './index.ts';
import type {
  BreachEvent, PositionAssessment, PositionSample, Zone, ZoneAssessment, ZoneEvaluator, ZoneShape,
} from './index.ts';

// The server is written against this surface: these tests fail when a name or a signature drifts.
describe('geofences public surface', () => {
  it('exports exactly the agreed runtime names', () => {
    expect(Object.keys(geofences).sort()).toEqual(['BreachTracker', 'compileZones', 'corridorFromRoute', 'validateZone', 'zoneToPolygon']);
  });

  it('keeps the agreed signatures', () => {
    expectTypeOf(geofences.compileZones).parameters.toEqualTypeOf<[readonly Zone[], ({ ignoreFloorAtOrBelowZero?: boolean } | undefined)?]>();
    expectTypeOf(geofences.compileZones).returns.toEqualTypeOf<ZoneEvaluator>();
    expectTypeOf<ZoneEvaluator['evaluate']>().toEqualTypeOf<(sample: PositionSample) => PositionAssessment>();
    expectTypeOf<ZoneEvaluator['zones']>().toEqualTypeOf<readonly Zone[]>();
    expectTypeOf(geofences.zoneToPolygon).returns.toEqualTypeOf<GeoJSON.Polygon | GeoJSON.MultiPolygon>();
    expectTypeOf(geofences.corridorFromRoute).toEqualTypeOf<(route: [number, number][], halfWidthM: number) => GeoJSON.Polygon>();
    expectTypeOf(geofences.validateZone).toEqualTypeOf<(zone: Zone) => void>();
    expectTypeOf<InstanceType<typeof geofences.BreachTracker>['update']>().toEqualTypeOf<(assessment: PositionAssessment) => BreachEvent[]>();
    expectTypeOf<InstanceType<typeof geofences.BreachTracker>['openBreaches']>().toEqualTypeOf<readonly BreachEvent[]>();
    expectTypeOf<ConstructorParameters<typeof geofences.BreachTracker>>().toEqualTypeOf<[({ holdMs?: number } | undefined)?]>();
    expectTypeOf<ZoneAssessment['limit']>().toEqualTypeOf<'horizontal' | 'ceiling' | 'floor' | null>();
    expectTypeOf<BreachEvent['limit']>().toEqualTypeOf<'horizontal' | 'ceiling' | 'floor'>();
    expectTypeOf<Extract<ZoneShape, { type: 'circle' }>['center']>().toEqualTypeOf<[number, number]>();
  });
});
