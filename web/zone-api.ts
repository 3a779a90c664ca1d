/**
 * The HTTP calls of the Zones view, typed by the server's public contract: a corridor's current
 * zones and time zone, and the zone maintenance routes (create, import, change, retire, versions).
 * Every change the server makes a new version of the zone; refusals are RequestRefusedErrors with
 * the server's own message, which the view shows word for word. Coordinates are GeoJSON [lon, lat].
 */
import type { BookingRulesView, Page, ZoneVersionView } from '../server/contracts/index.ts';
import { requestJson, type JsonRequestOptions } from './json-request.ts';

/** Where a zone is: a polygon (or several) or a circle by centre and radius. */
export type ZoneAreaInput =
  | { geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon; circle?: never }
  | { circle: { center: [number, number]; radiusM: number }; geometry?: never };

/** The rule of a zone, as POST /api/corridors/:id/zones and PUT /api/zones/:id take it. */
export interface ZoneFields {
  name: string;
  kind: ZoneVersionView['kind'];
  restriction: ZoneVersionView['restriction'];
  altitudeMinM: number;
  altitudeMaxM: number;
  altitudeReference: ZoneVersionView['altitudeReference'];
  marginM: number;
  /** Null: open at that end. */
  windowStartMs: number | null;
  windowEndMs: number | null;
  isApproximate: boolean;
  note: string | null;
}

/** A new zone: its rule and its area. */
export type ZoneDraft = ZoneFields & ZoneAreaInput;

/** What a PUT changes: any of the fields, and a new area (geometry or circle) or none. */
export type ZoneChange = Partial<ZoneFields> & Partial<{ geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon; circle: { center: [number, number]; radiusM: number } }>;

/** The file formats the server imports. */
export type ZoneFileFormat = 'geojson' | 'ed269';

const corridorPath = (corridorId: string) => `/api/corridors/${encodeURIComponent(corridorId)}`;
const zonePath = (zoneId: string) => `/api/zones/${encodeURIComponent(zoneId)}`;

export class ZoneApi {
  constructor(private readonly options: JsonRequestOptions) {}

  /** The corridor's current zones (by name). */
  zones = (corridorId: string) => this.call<Page<ZoneVersionView>>('GET', `${corridorPath(corridorId)}/zones`).then((page) => page.items);
  /** The corridor's IANA time zone, which the booking rules carry. */
  timeZone = (corridorId: string) => this.call<BookingRulesView>('GET', `${corridorPath(corridorId)}/booking-rules`).then((rules) => rules.timezone);

  /** Store `zone` as version 1 of a new zone; resolves with it. */
  create = (corridorId: string, zone: ZoneDraft) =>
    this.call<Page<ZoneVersionView>>('POST', `${corridorPath(corridorId)}/zones`, { zone }).then((page) => page.items[0]!);
  /** Store every zone of a GeoJSON or ED-269 document, all or none; resolves with them in order. */
  importFile = (corridorId: string, format: ZoneFileFormat, document: unknown) =>
    this.call<Page<ZoneVersionView>>('POST', `${corridorPath(corridorId)}/zones`, { format, document }).then((page) => page.items);

  /** Change the current version `zoneId`; resolves with the new version (a 409 when `zoneId` is no longer current). */
  revise = (zoneId: string, change: ZoneChange) => this.call<ZoneVersionView>('PUT', zonePath(zoneId), change);
  /** Take the current version `zoneId` out of force; its versions stay. */
  retire = (zoneId: string) => this.call<void>('DELETE', zonePath(zoneId));
  versions = (zoneId: string) => this.call<Page<ZoneVersionView>>('GET', `${zonePath(zoneId)}/versions`).then((page) => page.items);

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return requestJson<T>(method, path, body, this.options);
  }
}
