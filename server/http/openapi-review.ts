/** The OpenAPI paths and schemas of flight review: search, statistics, violations, exports and tamper verification. */
import { denied, error, id, json, page, ref } from './openapi-parts.ts';

const iso = { type: 'string', format: 'date-time' };
const filters = [
  ...['corridorId', 'organisationId', 'aircraftId'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
  { name: 'from', in: 'query', schema: iso }, { name: 'to', in: 'query', schema: iso },
  { name: 'hasViolations', in: 'query', schema: { enum: ['true', 'false'] } }, { name: 'booked', in: 'query', schema: { enum: ['true', 'false'] } },
];
const file = (type: string, description: string) => ({ description: `${description}; header X-Flight-Hash = the flight's seal`, content: { [type]: {} } });
const oneFlight = (summary: string, ok: object) => ({ get: { summary, parameters: [id], responses: { 200: ok, 404: error('No such flight (or not yours to see)'), ...denied } } });

export const reviewFilters = filters;

export const reviewPaths = {
  '/api/flights.csv': { get: { summary: 'The flights found by the filters, as CSV (oldest first unless `sort` says otherwise; up to 10,000)', parameters: [...filters, { name: 'sort', in: 'query', schema: { enum: ['newest', 'oldest', 'longest', 'most-violations'], default: 'oldest' } }], responses: { 200: { description: 'text/csv', content: { 'text/csv': {} } }, ...denied } } },
  '/api/flights/statistics': { get: { summary: 'Flights, flight hours, distance and violations by limit, per corridor, partner and month (UTC)', parameters: filters, responses: { 200: json(ref('FlightStatistics')), ...denied } } },
  '/api/flights/statistics.csv': { get: { summary: 'The statistics as CSV', parameters: filters, responses: { 200: { description: 'text/csv', content: { 'text/csv': {} } }, ...denied } } },
  '/api/flights/{id}/violations': oneFlight('The flight’s violations with the samples that prove them', json(page('Violation'))),
  '/api/flights/{id}/export.geojson': oneFlight('The flight as GeoJSON: the track (LineString [lon, lat, altitude MSL]) and each violation (Point)', file('application/geo+json', 'GeoJSON')),
  '/api/flights/{id}/export.csv': oneFlight('The flight’s samples as CSV', file('text/csv', 'CSV')),
  '/api/flights/{id}/export.kml': oneFlight('The flight as KML 2.2 (Google Earth): the track at absolute altitude, violations as placemarks', file('application/vnd.google-earth.kml+xml', 'KML')),
  '/api/flights/{id}/report': oneFlight('A printable violation report (HTML)', file('text/html', 'HTML')),
  '/api/flights/{id}/verify': oneFlight('Check the flight against its seal: its raw log, its records and its place in the corridor’s chain', json(ref('Verification'))),
  '/api/corridors/{id}/verify': {
    get: {
      summary: 'Check every sealed flight of a corridor and the chain of their seals (gaps, and its length against the ledger file)',
      parameters: [id], responses: { 200: json(ref('Verification')), 404: error('No such corridor (or not yours)'), ...denied },
    },
  },
} as const;

const counts = { type: 'object', properties: { horizontal: { type: 'integer' }, ceiling: { type: 'integer' }, floor: { type: 'integer' }, total: { type: 'integer' } } };
const row = { type: 'object', properties: { key: { type: 'string' }, label: { type: 'string' }, flights: { type: 'integer' }, flightHours: { type: 'number' }, distanceKm: { type: 'number' }, violations: counts } };

export const reviewSchemas = {
  Violation: {
    type: 'object',
    properties: {
      id: { type: 'string' }, flightId: { type: ['string', 'null'] }, zoneId: { type: 'string' }, zoneName: { type: 'string' }, zoneVersion: { type: 'integer' },
      limit: { enum: ['horizontal', 'ceiling', 'floor'] }, startedAtMs: { type: 'number' }, endedAtMs: { type: ['number', 'null'] },
      startPosition: { type: 'array', items: { type: 'number' } }, maxHorizontalExcursionM: { type: 'number' }, maxVerticalExcursionM: { type: 'number' },
      evidence: { type: 'array', items: { type: 'object' } },
    },
  },
  FlightStatistics: { type: 'object', properties: { byCorridor: { type: 'array', items: row }, byPartner: { type: 'array', items: row }, byMonth: { type: 'array', items: row } } },
  Verification: {
    type: 'object',
    properties: {
      ok: { type: 'boolean' }, flightId: { type: 'string' }, corridorId: { type: 'string' }, hash: { type: ['string', 'null'] }, headHash: { type: ['string', 'null'] },
      flightsChecked: { type: 'integer' }, problems: { type: 'array', items: { type: 'object', properties: { flightId: { type: 'string' }, problem: { type: 'string' } } } },
      notes: { type: 'array', description: 'What could not be checked and why, without being a problem (telemetry removed by TELEMETRY_RETENTION_DAYS)', items: { type: 'object', properties: { flightId: { type: 'string' }, note: { type: 'string' } } } },
    },
  },
} as const;
