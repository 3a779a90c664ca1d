/**
 * geofences: pure geometry for the per-position fence check — zones (polygon or circle, with an
 * altitude band, a margin and a time window), their evaluation against position samples with
 * look-ahead and booking conformance, corridor buffers, breach lifecycle, and zone import/export
 * (GeoJSON, ED-269 / ED-318). No I/O: callers pass positions, times and options. Coordinates are [lon, lat].
 */
export type { AltitudeBand, AltitudeReference, RestrictionClass, TimeWindow, Zone, ZoneKind, ZoneShape } from './zone.ts';
export { isZoneInForce } from './zone.ts';
export type {
  PositionAssessment, PositionSample, PredictedBreach, ZoneAssessment, ZoneEvaluator, ZoneLimit, ZoneStatus,
} from './position-assessment.ts';
export { compileZones } from './compile-zones.ts';
export type { CompileZonesOptions } from './compile-zones.ts';
export { zoneToPolygon } from './zone-to-polygon.ts';
export { corridorFromRoute } from './corridor-from-route.ts';
export { validateZone } from './validate-zone.ts';
export { BreachTracker } from './breach-tracker.ts';
export type { BreachEvent, BreachEventType, BreachTrackerOptions } from './breach-tracker.ts';
export { assessConformance } from './booked-volume.ts';
export type { BookedVolume, ConformanceOptions, ConformanceResult, ConformanceStatus } from './booked-volume.ts';
export { isPositionStale } from './is-position-stale.ts';
export { zonesFromGeoJson } from './zones-from-geojson.ts';
export { zonesToGeoJson } from './zones-to-geojson.ts';
export type { ZoneFeatureProperties } from './zones-to-geojson.ts';
export { zonesFromEd269 } from './zones-from-ed269.ts';
export type { Ed269Options } from './zones-from-ed269.ts';
