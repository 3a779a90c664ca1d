import { describe, expect, expectTypeOf, it } from 'vitest';
import * as geofences from './index.ts';
import type {
  BookedVolume, BreachEvent, CompileZonesOptions, ConformanceResult, PositionAssessment, PositionSample, PredictedBreach, Zone,
  ZoneAssessment, ZoneEvaluator, ZoneShape, ZoneStatus,
} from './index.ts';

// The server is written against this surface: these tests fail when a name or a signature drifts.
describe('geofences public surface', () => {
  it('exports exactly the agreed runtime names', () => {
    expect(Object.keys(geofences).sort()).toEqual([
      'BreachTracker', 'assessConformance', 'compileZones', 'corridorFromRoute', 'isPositionStale', 'isZoneInForce', 'validateZone',
      'zoneToPolygon', 'zonesFromEd269', 'zonesFromGeoJson', 'zonesToGeoJson',
    ]);
  });

  it('keeps the agreed signatures', () => {
    expectTypeOf(geofences.compileZones).parameters.toEqualTypeOf<[readonly Zone[], (CompileZonesOptions | undefined)?]>();
    expectTypeOf<CompileZonesOptions>().toEqualTypeOf<{
      ignoreFloorAtOrBelowZero?: boolean; lookAheadS?: number; verticalLookAheadS?: number; volumes?: readonly BookedVolume[]; report?: 'all' | 'near';
    }>();
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

  it('adds issue 4 fields without changing the old ones', () => {
    expectTypeOf<ZoneStatus>().toEqualTypeOf<'clear' | 'approaching' | 'predicted' | 'breach'>();
    expectTypeOf<PositionAssessment['worst']>().toEqualTypeOf<ZoneStatus>();
    expectTypeOf<PositionAssessment['predicted']>().toEqualTypeOf<PredictedBreach[]>();
    expectTypeOf<PositionAssessment['conformance']>().toEqualTypeOf<ConformanceResult | null>();
    expectTypeOf<ZoneAssessment['inForce']>().toEqualTypeOf<boolean>();
    expectTypeOf<BreachEvent['type']>().toEqualTypeOf<'breach:started' | 'breach:ended' | 'breach:predicted' | 'zone:approaching'>();
    expectTypeOf<BreachEvent['samples']>().toEqualTypeOf<PositionSample[]>();
    expectTypeOf<Zone['timeWindow']>().toEqualTypeOf<{ startMs: number; endMs: number } | null | undefined>();
    expectTypeOf<Zone['version']>().toEqualTypeOf<number | undefined>();
    expectTypeOf(geofences.assessConformance).returns.toEqualTypeOf<ConformanceResult>();
    expectTypeOf(geofences.isPositionStale).toEqualTypeOf<(lastPositionAtMs: number, nowMs: number, staleAfterMs?: number) => boolean>();
    expectTypeOf(geofences.zonesFromGeoJson).returns.toEqualTypeOf<Zone[]>();
    expectTypeOf(geofences.zonesFromEd269).returns.toEqualTypeOf<Zone[]>();
  });
});
