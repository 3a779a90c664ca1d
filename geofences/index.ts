/**
 * geofences: pure geometry for the per-position fence check — zones (polygon or circle, with an
 * altitude band and a margin), their evaluation against position samples, corridor buffers and
 * breach hysteresis. No I/O: callers pass positions, times and options. Coordinates are [lon, lat].
 */
export type { AltitudeBand, AltitudeReference, RestrictionClass, Zone, ZoneKind, ZoneShape } from './zone.ts';
export type { PositionAssessment, PositionSample, ZoneAssessment, ZoneEvaluator, ZoneStatus } from './position-assessment.ts';
export { compileZones } from './compile-zones.ts';
export { zoneToPolygon } from './zone-to-polygon.ts';
export { corridorFromRoute } from './corridor-from-route.ts';
export { validateZone } from './validate-zone.ts';
export { BreachTracker } from './breach-tracker.ts';
export type { BreachEvent, BreachEventType } from './breach-tracker.ts';
