/**
 * Bodies of the zone maintenance routes, read into checked ZoneInputs: a GeoJSON or ED-269 document
 * (through geofences' importers, whose one message lists every problem with where it is), or one zone
 * or a change in the API's own fields (checked by geofences' validateZone, its paths renamed to the
 * body's). Also the GeoJSON export, in the form the GeoJSON importer reads back. Coordinates [lon, lat].
 */
import { z } from 'zod';
import { validateZone, zonesFromEd269, zonesFromGeoJson, zonesToGeoJson, type Zone } from '../../geofences/index.ts';
import type { ZoneVersionView } from '../contracts/index.ts';
import type { ZoneArea, ZoneChanges, ZoneInput } from '../db/zone-repository.ts';
import { ValidationError } from '../errors.ts';
import { parseInput } from './parse-input.ts';

const MESSAGES = {
  badBody: "Body must be { format: 'geojson' | 'ed269', document } or { zone: { name, kind, restriction, geometry | circle, altitudeMinM, altitudeMaxM, altitudeReference, … } }",
  field: (path: string, problem: string) => `Body field '${path}': ${problem}`,
  bothAreas: "give either 'geometry' (a GeoJSON Polygon or MultiPolygon) or 'circle' ({ center: [lon, lat], radiusM }), not both",
  noArea: "is missing: give 'geometry' (a GeoJSON Polygon or MultiPolygon, [lon, lat]) or 'circle' ({ center: [lon, lat], radiusM })",
  noChanges: 'Body changes nothing: give at least one field of the zone to change',
  noZones: (format: string) => `Body field 'document': the ${format} document holds no zones to create`,
  imported: (format: string, id: string) => `Imported from ${format} zone "${id}"`,
} as const;

const FORMAT_NAMES = { geojson: 'GeoJSON', ed269: 'ED-269' } as const;

const fields = {
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['inclusion', 'exclusion']),
  restriction: z.enum(['prohibited', 'authorisation', 'conditional']),
  // Only the shape is checked here; rings, ranges and swapped coordinates are validateZone's.
  geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
  circle: z.strictObject({ center: z.tuple([z.number(), z.number()]), radiusM: z.number() }),
  altitudeMinM: z.number(),
  altitudeMaxM: z.number(),
  altitudeReference: z.enum(['AGL', 'MSL']),
  marginM: z.number(),
  windowStartMs: z.number().nullable(),
  windowEndMs: z.number().nullable(),
  isApproximate: z.boolean(),
  note: z.string().max(2000).nullable(),
};
const zoneSchema = z.strictObject({
  ...fields, geometry: fields.geometry.optional(), circle: fields.circle.optional(), marginM: fields.marginM.default(0),
  windowStartMs: fields.windowStartMs.default(null), windowEndMs: fields.windowEndMs.default(null),
  isApproximate: fields.isApproximate.default(false), note: fields.note.default(null),
});
const changesSchema = z.strictObject(fields).partial();
const provenance = { isApproximate: fields.isApproximate.default(false), note: fields.note.default(null) };
const documentSchema = z.discriminatedUnion('format', [
  z.strictObject({ format: z.literal('geojson'), document: z.unknown(), ...provenance }),
  z.strictObject({ format: z.literal('ed269'), document: z.unknown(), marginM: z.number().min(0).default(0), geoidUndulationM: z.number().optional(), ...provenance }),
]);

/** Where validateZone's paths are in a body (longest prefix first). */
const BODY_PATHS: ReadonlyArray<readonly [string, string]> = [
  ['shape.polygon', 'geometry'], ['shape.center', 'circle.center'], ['shape.radiusM', 'circle.radiusM'], ['shape', 'geometry'],
  ['band.minM', 'altitudeMinM'], ['band.maxM', 'altitudeMaxM'], ['band.reference', 'altitudeReference'], ['band', 'altitudeMinM'],
  ['timeWindow.startMs', 'windowStartMs'], ['timeWindow.endMs', 'windowEndMs'], ['timeWindow', 'windowStartMs'],
];

const parse = <T>(schema: z.ZodType<T>, input: unknown): T => parseInput(schema, input, 'Body field');

/** The geofences zone of an input, as validateZone and zonesToGeoJson take it. */
function toZone(input: ZoneInput, id: string, version?: number): Zone {
  const { area, windowStartMs: startMs, windowEndMs: endMs } = input;
  return {
    id, name: input.name, kind: input.kind, restriction: input.restriction, marginM: input.marginM,
    shape: area.type === 'circle' ? { type: 'circle', center: area.center, radiusM: area.radiusM } : { type: 'polygon', polygon: area.geometry },
    band: { minM: input.altitudeMinM, maxM: input.altitudeMaxM, reference: input.altitudeReference },
    timeWindow: startMs === null && endMs === null ? null : { startMs: startMs ?? -Infinity, endMs: endMs ?? Infinity },
    ...(version === undefined ? {} : { version }),
  };
}

function fromZone(zone: Zone, provenance: { isApproximate: boolean; note: string | null }, format: string): ZoneInput {
  const { shape, band, timeWindow } = zone;
  return {
    name: zone.name, kind: zone.kind, restriction: zone.restriction, marginM: zone.marginM,
    area: shape.type === 'circle' ? { type: 'circle', center: shape.center, radiusM: shape.radiusM } : { type: 'polygon', geometry: shape.polygon },
    altitudeMinM: band.minM, altitudeMaxM: band.maxM, altitudeReference: band.reference,
    windowStartMs: timeWindow && Number.isFinite(timeWindow.startMs) ? timeWindow.startMs : null,
    windowEndMs: timeWindow && Number.isFinite(timeWindow.endMs) ? timeWindow.endMs : null,
    isApproximate: provenance.isApproximate, note: provenance.note ?? MESSAGES.imported(format, zone.id),
  };
}

/** The fields of a stored version as an input: circles by centre and radius, not by their 64-gon. */
function inputOf(view: ZoneVersionView): ZoneInput {
  const area: ZoneArea = view.circle ? { type: 'circle', ...view.circle } : { type: 'polygon', geometry: view.geometry };
  const { name, kind, restriction, altitudeMinM, altitudeMaxM, altitudeReference, marginM, windowStartMs, windowEndMs, isApproximate, note } = view;
  return { name, kind, restriction, area, altitudeMinM, altitudeMaxM, altitudeReference, marginM, windowStartMs, windowEndMs, isApproximate, note };
}

/** Throw a ValidationError naming the body field (under `prefix`) of the first problem of `input`. */
function check(input: ZoneInput, prefix: string): void {
  try {
    validateZone(toZone(input, 'checked'));
  } catch (error) {
    const message = (error as Error).message;
    const [, zonePath = '', problem = message] = /^zone "checked": (\S+) ([\s\S]*)$/.exec(message) ?? [];
    const mapping = BODY_PATHS.find(([from]) => zonePath === from || zonePath.startsWith(`${from}.`) || zonePath.startsWith(`${from}[`));
    const path = mapping ? `${mapping[1]}${zonePath.slice(mapping[0].length)}` : zonePath;
    throw new ValidationError(MESSAGES.field(`${prefix}${path}`, problem));
  }
}

function areaOf(body: { geometry?: z.infer<typeof fields.geometry>; circle?: z.infer<typeof fields.circle> }, prefix: string): ZoneArea | undefined {
  if (body.geometry && body.circle) throw new ValidationError(MESSAGES.field(`${prefix}geometry`, MESSAGES.bothAreas));
  if (body.circle) return { type: 'circle', ...body.circle };
  return body.geometry ? { type: 'polygon', geometry: body.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon } : undefined;
}

function importDocument(body: z.infer<typeof documentSchema>): Zone[] {
  try {
    return body.format === 'geojson'
      ? zonesFromGeoJson(body.document as GeoJSON.FeatureCollection)
      : zonesFromEd269(body.document, { marginM: body.marginM, ...(body.geoidUndulationM === undefined ? {} : { geoidUndulationM: body.geoidUndulationM }) });
  } catch (error) {
    // The importers throw only for bad input: one message listing every problem, one per line.
    const [summary = '', ...problems] = (error as Error).message.split('\n');
    const message = [summary.replace(/^zonesFrom\w+: /, `${FORMAT_NAMES[body.format]} document: `), ...problems].join('\n');
    throw new ValidationError(message, problems.length > 0 ? { problems: problems.map((line) => line.replace(/^\s*- /, '')) } : undefined);
  }
}

/** A zone to create and how messages name it (`zone`, `GeoJSON zone "id"`, `ED-269 zone "id"`). */
export interface LabelledZoneInput {
  label: string;
  zone: ZoneInput;
}

/** The zones a POST /corridors/:id/zones body creates, each checked; throws ValidationError naming every bad one (documents) or the first (one zone) and where. */
export function parseZoneCreation(body: unknown): LabelledZoneInput[] {
  const value = (body ?? {}) as Record<string, unknown>;
  if ('zone' in value) {
    const { zone } = parse(z.strictObject({ zone: zoneSchema }), body);
    const area = areaOf(zone, 'zone.');
    if (!area) throw new ValidationError(MESSAGES.field('zone.geometry', MESSAGES.noArea));
    const { geometry: _geometry, circle: _circle, ...rest } = zone;
    const input: ZoneInput = { ...rest, area };
    check(input, 'zone.');
    return [{ label: 'zone', zone: input }];
  }
  if (!('format' in value)) throw new ValidationError(MESSAGES.badBody);
  const request = parse(documentSchema, body);
  const zones = importDocument(request);
  if (zones.length === 0) throw new ValidationError(MESSAGES.noZones(FORMAT_NAMES[request.format]));
  const format = FORMAT_NAMES[request.format];
  return zones.map((zone) => ({ label: `${format} zone "${zone.id}"`, zone: fromZone(zone, request, format) }));
}

/** The changes a PUT /zones/:id body asks for (the API's zone fields, all optional; null clears a window end or the note). */
export function parseZoneChanges(body: unknown): ZoneChanges {
  const { geometry, circle, ...rest } = parse(changesSchema, body ?? {});
  const area = areaOf({ geometry, circle }, '');
  const changes: ZoneChanges = { ...rest, ...(area ? { area } : {}) };
  if (Object.keys(changes).length === 0) throw new ValidationError(MESSAGES.noChanges);
  return changes;
}

/** Throw a ValidationError when `current` with `changes` applied is not a valid zone. */
export function checkRevision(current: ZoneVersionView, changes: ZoneChanges): void {
  check({ ...inputOf(current), ...changes }, '');
}

/** Zone versions as the GeoJSON FeatureCollection that geofences' zonesFromGeoJson reads (feature id = version id). */
export function zonesAsGeoJson(views: readonly ZoneVersionView[]): ReturnType<typeof zonesToGeoJson> {
  return zonesToGeoJson(views.map((view) => toZone(inputOf(view), view.id, view.version)));
}
