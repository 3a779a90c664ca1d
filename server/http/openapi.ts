/**
 * The OpenAPI 3.1 description of the public HTTP contract, served at GET /api/docs.
 * test/openapi.test.ts walks the Express route table and fails when a route is missing here,
 * so the description cannot drift from what the server answers.
 * (Deliberately one data file over 200 lines: it is read top to bottom, like the spec it is.)
 */
import { accountPaths, accountSchemas } from './openapi-accounts.ts';
import { bookingPaths, bookingSchemas } from './openapi-bookings.ts';
import { reviewFilters, reviewPaths, reviewSchemas } from './openapi-review.ts';
import { error, id, json, page, paging, ref } from './openapi-parts.ts';

const at = { name: 'at', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'ISO 8601 with offset: the zone versions in force then; default now' };
const lonLat = { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, description: '[lon, lat], degrees (RFC 7946)' };

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Corridor flight operations API',
    version: '0.1.0',
    description:
      'Live aircraft, corridors and zones, alerts and flights of drone testing corridors. JSON; coordinates are GeoJSON ' +
      '[lon, lat]; units are in field names (…M metres, …Mps metres/second, …AtMs ms since the Unix epoch). Errors are ' +
      '`{error: {code, message, details}}`. Live events (Socket.IO, same origin): vehicle:telemetry, vehicle:link, ' +
      'alert:raised, alert:acknowledged, violation:started, violation:ended, booking:changed — each only to clients whose role may see what it is about; ' +
      'platform:alarms (admins, operators and regulators only) — the storage alarms of /healthz for the process connected to. ' +
      'Sign in with POST /api/auth/login (session cookie; send X-CSRF-Token with changes) or an API token ' +
      '(`Authorization: Bearer …`; Socket.IO: `auth: {token}`). Roles: admin (accounts, organisations, corridors; reads all), ' +
      'operator of a corridor (sees and acts in it), regulator of a corridor (reads it, changes nothing), partner of an ' +
      'organisation (its own aircraft, flights, logs and alerts only). Unknown query parameters and body fields are refused (400).',
  },
  security: [{ sessionCookie: [] }, { apiToken: [] }],
  paths: {
    '/healthz': { get: { summary: 'Ready check: 200 once the database is ready', security: [], responses: { 200: json(ref('Health')) } } },
    '/api/docs': { get: { summary: 'This description', security: [], responses: { 200: json({ type: 'object' }) } } },
    '/metrics': {
      get: {
        summary: 'Prometheus metrics (text exposition format): MAVLink packets by link and result, positions, fence evaluation time, write queue, database query time, live clients, process',
        description: 'Admins (session or API token), or a scraper sending `Authorization: Bearer <METRICS_TOKEN>` when the server sets one. Never public.',
        security: [{ sessionCookie: [] }, { apiToken: [] }, { metricsToken: [] }],
        responses: { 200: { description: 'Metrics', content: { 'text/plain': { schema: { type: 'string' } } } }, 401: error('No credentials'), 403: error('Not an admin') },
      },
    },
    ...accountPaths,
    ...bookingPaths,
    ...reviewPaths,
    '/api/corridors': {
      get: { summary: 'Corridors with their current zones', responses: { 200: json(page('Corridor')) } },
      post: {
        summary: 'Create a corridor (admins); its boundary and ceiling become its inclusion zone, checked live at once',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object', required: ['slug', 'name', 'country', 'timezone', 'ceilingM', 'boundary'],
                properties: {
                  slug: { type: 'string' }, name: { type: 'string' }, country: { type: 'string' }, timezone: { type: 'string', description: 'IANA, e.g. Pacific/Efate' },
                  ceilingM: { type: 'number' }, ceilingReference: { enum: ['AGL', 'MSL'], default: 'AGL' }, boundary: { type: 'object', description: 'GeoJSON Polygon or MultiPolygon' },
                  boundaryMarginM: { type: 'number', default: 50 }, note: { type: ['string', 'null'] },
                },
              },
            },
          },
        },
        responses: { 201: json(ref('Corridor')), 400: error('Bad field'), 409: error('Slug taken') },
      },
    },
    '/api/corridors/{id}': {
      get: { summary: 'One corridor (by id or slug)', parameters: [id], responses: { 200: json(ref('Corridor')), 404: error('No such corridor') } },
      patch: {
        summary: 'Rename a corridor or change its country, time zone or note (admins)',
        parameters: [id],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' }, country: { type: 'string' }, timezone: { type: 'string' }, note: { type: ['string', 'null'] } } } } } },
        responses: { 200: json(ref('Corridor')), 400: error('Bad field'), 404: error('No such corridor') },
      },
    },
    '/api/corridors/{id}/zones': {
      get: {
        summary: 'A corridor’s zones (by corridor id or slug): those in force now, or at `at`',
        parameters: [id, at],
        responses: { 200: json(page('ZoneVersion')), 400: error('Bad `at`'), 404: error('No such corridor') },
      },
      post: {
        summary: 'Create zones in a corridor from a GeoJSON or ED-269 document, or one zone; all or none',
        parameters: [id],
        requestBody: { required: true, content: { 'application/json': { schema: ref('ZoneCreation') } } },
        responses: {
          201: json(page('ZoneVersion'), 'Created, each as version 1; live fence checks use them at once'),
          400: error('A bad zone, named with where it is (feature, ring, position or field); nothing stored'),
          404: error('No such corridor'),
        },
      },
    },
    '/api/corridors/{id}/zones.geojson': {
      get: {
        summary: 'A corridor’s zones (now, or at `at`) as a GeoJSON FeatureCollection, in the form the `geojson` import reads',
        parameters: [id, at],
        responses: { 200: { description: 'Feature id = zone version id; circles as a Point with `radiusM`', content: { 'application/geo+json': {} } }, 404: error('No such corridor') },
      },
    },
    '/api/vehicles': { get: { summary: 'Live state of every vehicle heard', parameters: paging, responses: { 200: json(page('Vehicle')), 400: error('Bad paging') } } },
    '/api/vehicles/{id}': {
      get: { summary: 'One vehicle (id is link:sysid:compid)', parameters: [id], responses: { 200: json(ref('Vehicle')), 404: error('No such vehicle') } },
    },
    '/api/vehicles/{id}/commands': {
      post: {
        summary: 'Send RTL, LAND, LOITER or BRAKE to an aircraft; answers with its COMMAND_ACK',
        parameters: [id],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['command'], properties: { command: { enum: ['rtl', 'land', 'loiter', 'brake'] } } } } } },
        responses: {
          200: json(ref('CommandResult'), 'The aircraft answered (result may be ACCEPTED, DENIED, …)'),
          400: error('Unknown command, or one the aircraft type lacks'),
          404: error('No such vehicle'),
          409: error('Link lost, or an earlier command still unanswered'),
          503: error('No COMMAND_ACK after 3 attempts'),
        },
      },
    },
    '/api/vehicles/trails': {
      get: {
        summary: 'The last minutes of each visible vehicle’s positions ([lon, lat, altitudeMslM, atMs], about one a second; the server keeps 15 min)',
        parameters: [{ name: 'minutes', in: 'query', schema: { type: 'number', minimum: 0.1, maximum: 15, default: 5 } }],
        responses: { 200: json(page('Trail')) },
      },
    },
    '/api/map-config': { get: { summary: 'The optional tile background (MAP_TILE_URL); null: vector layers only', responses: { 200: json({ type: 'object', properties: { tileUrl: { type: ['string', 'null'] }, tileAttribution: { type: ['string', 'null'] } } }) } } },
    '/api/alerts/{id}/ack': {
      post: {
        summary: 'Acknowledge an alert with a comment (operators of its corridor); who and when are stored, audited and sent live (alert:acknowledged)',
        parameters: [id],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['comment'], properties: { comment: { type: 'string' } } } } } },
        responses: { 200: json(ref('Alert')), 400: error('No comment'), 404: error('No such alert (or not yours to see)'), 409: error('Already acknowledged, naming by whom') },
      },
    },
    '/api/links': { get: { summary: 'MAVLink links with their counts, per address', responses: { 200: json(page('Link')) } } },
    '/api/alerts': {
      get: {
        summary: 'Alerts, newest first',
        parameters: [...paging, { name: 'since', in: 'query', schema: { type: 'string', format: 'date-time' } }, { name: 'unacknowledged', in: 'query', schema: { enum: ['true', 'false'] } }],
        responses: { 200: json(page('Alert')), 400: error('Bad query') },
      },
    },
    '/api/flights': {
      get: {
        summary: 'Flights the caller may see, found by filters and sorted',
        parameters: [...paging, ...reviewFilters, { name: 'sort', in: 'query', schema: { enum: ['newest', 'oldest', 'longest', 'most-violations'], default: 'newest' } }],
        responses: { 200: json(page('Flight')), 400: error('Bad query') },
      },
    },
    '/api/flights/{id}': { get: { summary: 'One flight', parameters: [id], responses: { 200: json(ref('Flight')), 404: error('No such flight') } } },
    '/api/flights/{id}/telemetry': {
      get: { summary: 'A flight’s stored positions in time order', parameters: [id, ...paging], responses: { 200: json(page('TelemetrySample')), 404: error('No such flight'), 410: error('Its telemetry was removed by retention (TELEMETRY_RETENTION_DAYS); code telemetry_past_retention') } },
    },
    '/api/flights/{id}/export.tlog': {
      get: {
        summary: 'The flight’s raw MAVLink as received (.tlog: 8-byte big-endian µs timestamp before each packet)',
        parameters: [id],
        responses: { 200: { description: 'The .tlog', content: { 'application/octet-stream': {} } }, 404: error('No such flight or no raw log') },
      },
    },
    '/api/flights/import': {
      post: {
        summary: 'Import a .tlog recorded by a ground station through the live pipeline, judged against the zone versions and bookings in force at its recorded time',
        description: 'Admins and operators may import any log; a partner only logs whose aircraft (every vehicle system id in it) are registered to its organisation (403 naming the others).',
        parameters: [
          { name: 'name', in: 'query', schema: { type: 'string', default: 'upload.tlog' } },
          { name: 'speed', in: 'query', schema: { oneOf: [{ const: 'max' }, { type: 'number', minimum: 0.1, maximum: 1000 }], default: 'max' }, description: '`max`: as fast as possible, silently; N: N× recorded speed, shown live' },
        ],
        requestBody: { required: true, content: { 'application/octet-stream': {} } },
        responses: { 201: json(ref('TlogImport'), 'Imported'), 400: error('Not a .tlog, empty, or bad query'), 403: error('A partner\'s log holds aircraft not registered to its organisation'), 413: error('Larger than 512 MB') },
      },
    },
    '/api/zones/{id}/flights': {
      get: {
        summary: 'Flights with positions inside a zone (its area and altitude band) in a period',
        parameters: [
          id,
          { name: 'from', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'ISO 8601 with offset; default: the beginning' },
          { name: 'to', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'ISO 8601 with offset, exclusive; default: now' },
        ],
        responses: { 200: json(page('ZoneHit')), 400: error('Bad period'), 404: error('No such zone') },
      },
    },
    '/api/zones/{id}': {
      put: {
        summary: 'Change a zone: its current version is closed (kept for history) and version + 1 is in force from now',
        parameters: [id],
        requestBody: { required: true, content: { 'application/json': { schema: ref('ZoneChanges') } } },
        responses: {
          200: json(ref('ZoneVersion'), 'The new version; live fence checks use it at once'),
          400: error('Bad change, named by field'),
          404: error('No such zone'),
          409: error('Not the current version (changed since, or retired): `details.currentId` names the current one'),
        },
      },
      delete: {
        summary: 'Retire a zone: its current version goes out of force now, with no successor (kept for history)',
        parameters: [id],
        responses: { 204: { description: 'Retired' }, 404: error('No such zone'), 409: error('Not the current version, or already retired') },
      },
    },
    '/api/zones/{id}/versions': {
      get: {
        summary: 'Every version of a zone (id of any of its versions), oldest first',
        parameters: [id],
        responses: { 200: json(page('ZoneVersion')), 404: error('No such zone') },
      },
    },
    '/api/zones/what-if': {
      post: {
        summary: 'Flights a proposed zone would have caught over the last `days` days',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['geometry', 'altitudeMaxM'],
                properties: {
                  geometry: { type: 'object', description: 'GeoJSON Polygon or MultiPolygon' }, altitudeMinM: { type: 'number', default: 0 },
                  altitudeMaxM: { type: 'number' }, altitudeReference: { enum: ['AGL', 'MSL'], default: 'AGL' }, days: { type: 'integer', minimum: 1, maximum: 366, default: 30 },
                },
              },
            },
          },
        },
        responses: { 200: json(page('ZoneHit')), 400: error('Bad or invalid zone, named in the message') },
      },
    },
  },
  components: {
    securitySchemes: {
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'corridor_session', description: 'From POST /api/auth/login' },
      apiToken: { type: 'http', scheme: 'bearer', description: 'An API token from POST /api/tokens' },
      metricsToken: { type: 'http', scheme: 'bearer', description: 'The METRICS_TOKEN setting (GET /metrics only)' },
    },
    schemas: {
      ...accountSchemas,
      ...bookingSchemas,
      ...reviewSchemas,
      ApiError: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
      },
      Health: {
        type: 'object',
        properties: {
          status: { enum: ['ok', 'degraded'] }, database: { enum: ['embedded', 'postgres'] }, uptimeS: { type: 'number' },
          alarms: { type: 'array', items: { type: 'string' }, description: 'e.g. "database unreachable since …", "spool:full — N positions dropped"' },
          writes: {
            type: 'object',
            properties: {
              databaseReachable: { type: 'boolean' }, unreachableSinceMs: { type: ['number', 'null'] }, spool: { enum: ['empty', 'holding', 'full'] },
              queued: { type: 'number' }, memoryRows: { type: 'number' }, spooledRows: { type: 'number' }, spoolBytes: { type: 'number' }, droppedTelemetryRows: { type: 'number' },
              refusedWrites: { type: 'number' }, lastRefusal: { type: ['string', 'null'] },
            },
          },
        },
      },
      Zone: {
        type: 'object',
        description: 'A zone in force; altitudes in metres with their reference (AGL = above the aircraft’s home point)',
        properties: {
          id: { type: 'string' }, corridorId: { type: 'string' }, name: { type: 'string' }, kind: { enum: ['inclusion', 'exclusion'] },
          restriction: { enum: ['prohibited', 'authorisation', 'conditional'] }, geometry: { type: 'object', description: 'GeoJSON Polygon or MultiPolygon' },
          circle: { oneOf: [{ type: 'null' }, { type: 'object', properties: { center: lonLat, radiusM: { type: 'number' } } }] },
          altitudeMinM: { type: 'number' }, altitudeMaxM: { type: 'number' }, altitudeReference: { enum: ['AGL', 'MSL'] }, marginM: { type: 'number' },
          windowStartMs: { type: ['number', 'null'] }, windowEndMs: { type: ['number', 'null'] },
          version: { type: 'integer' }, isApproximate: { type: 'boolean' }, note: { type: ['string', 'null'] },
        },
      },
      ZoneVersion: {
        description: 'One version of a zone and its place in the zone’s history',
        allOf: [
          ref('Zone'),
          {
            type: 'object',
            properties: {
              lineageId: { type: 'string', description: 'Shared by every version of the zone (its first version’s id)' },
              validFromMs: { type: 'number' }, validToMs: { type: ['number', 'null'], description: 'Exclusive; null while current' },
            },
          },
        ],
      },
      ZoneFields: {
        type: 'object',
        description: 'A zone in the API’s fields: `geometry` (GeoJSON Polygon or MultiPolygon, [lon, lat]) or `circle`, not both',
        properties: {
          name: { type: 'string' }, kind: { enum: ['inclusion', 'exclusion'] }, restriction: { enum: ['prohibited', 'authorisation', 'conditional'] },
          geometry: { type: 'object' }, circle: { type: 'object', properties: { center: lonLat, radiusM: { type: 'number', exclusiveMinimum: 0 } } },
          altitudeMinM: { type: 'number' }, altitudeMaxM: { type: 'number' }, altitudeReference: { enum: ['AGL', 'MSL'] },
          marginM: { type: 'number', minimum: 0, default: 0 }, windowStartMs: { type: ['number', 'null'], default: null }, windowEndMs: { type: ['number', 'null'], default: null },
          isApproximate: { type: 'boolean', default: false }, note: { type: ['string', 'null'], default: null },
        },
      },
      ZoneChanges: { allOf: [ref('ZoneFields')], description: 'Any of the zone’s fields; the others are kept. null clears a window end or the note.' },
      ZoneCreation: {
        oneOf: [
          { type: 'object', required: ['zone'], properties: { zone: { allOf: [ref('ZoneFields')], required: ['name', 'kind', 'restriction', 'altitudeMinM', 'altitudeMaxM', 'altitudeReference'] } } },
          {
            type: 'object',
            required: ['format', 'document'],
            properties: {
              format: { const: 'geojson' }, document: { type: 'object', description: 'FeatureCollection, one zone per feature (see GET …/zones.geojson)' },
              isApproximate: { type: 'boolean', default: false }, note: { type: ['string', 'null'] },
            },
          },
          {
            type: 'object',
            required: ['format', 'document'],
            properties: {
              format: { const: 'ed269' }, document: { type: 'object', description: 'ED-269 / ED-318 `{ features: UASZone[] }`; every zone becomes an exclusion zone' },
              marginM: { type: 'number', minimum: 0, default: 0 }, geoidUndulationM: { type: 'number', description: 'Needed for WGS84 heights' },
              isApproximate: { type: 'boolean', default: false }, note: { type: ['string', 'null'] },
            },
          },
        ],
      },
      Corridor: {
        type: 'object',
        properties: {
          id: { type: 'string' }, slug: { type: 'string' }, name: { type: 'string' }, country: { type: 'string' }, ceilingM: { type: 'number' },
          ceilingReference: { enum: ['AGL', 'MSL'] }, boundary: { type: 'object' }, center: lonLat, isApproximate: { type: 'boolean' },
          note: { type: ['string', 'null'] }, zones: { type: 'array', items: ref('Zone') },
        },
      },
      Vehicle: {
        type: 'object',
        properties: {
          id: { type: 'string' }, linkId: { type: 'string' }, systemId: { type: 'integer' }, componentId: { type: 'integer' }, aircraftId: { type: ['string', 'null'] },
          isRegistered: { type: 'boolean' }, callsign: { type: 'string' }, organisationId: { type: ['string', 'null'] }, organisationName: { type: ['string', 'null'] }, corridorId: { type: ['string', 'null'] },
          position: { type: ['object', 'null'], description: 'lon, lat, altitudeMslM, altitudeRelativeM, groundSpeedMps, climbRateMps, headingDeg' },
          flightMode: { type: ['string', 'null'] }, isArmed: { type: 'boolean' }, linkState: { enum: ['connected', 'lost'] },
          fenceStatus: { enum: ['nominal', 'approaching', 'predicted', 'breach', 'outside-corridors'] }, lastHeardAtMs: { type: 'number' },
          lastPositionAtMs: { type: ['number', 'null'] },
        },
      },
      Alert: {
        type: 'object',
        properties: {
          id: { type: 'string' }, kind: { type: 'string' }, severity: { enum: ['info', 'warning', 'critical'] }, message: { type: 'string' },
          vehicleId: { type: 'string' }, systemId: { type: 'integer' }, corridorId: { type: ['string', 'null'] }, organisationId: { type: ['string', 'null'] }, zoneId: { type: ['string', 'null'] },
          raisedAtMs: { type: 'number' }, acknowledgedAtMs: { type: ['number', 'null'] }, acknowledgedBy: { type: ['string', 'null'] }, acknowledgementComment: { type: ['string', 'null'] },
        },
      },
      Flight: {
        type: 'object',
        properties: {
          id: { type: 'string' }, vehicleId: { type: 'string' }, systemId: { type: 'integer' }, aircraftId: { type: ['string', 'null'] }, callsign: { type: 'string' },
          organisationId: { type: ['string', 'null'] }, corridorId: { type: ['string', 'null'] }, startedAtMs: { type: 'number' }, endedAtMs: { type: ['number', 'null'] },
          endReason: { type: ['string', 'null'] }, source: { enum: ['live', 'import'] }, sourceName: { type: ['string', 'null'] }, samples: { type: 'integer' },
          violations: { type: 'integer' }, organisationName: { type: ['string', 'null'] }, bookingId: { type: ['string', 'null'] },
          durationS: { type: ['number', 'null'] }, distanceM: { type: ['number', 'null'] }, maxAltitudeRelativeM: { type: ['number', 'null'] }, maxGroundSpeedMps: { type: ['number', 'null'] },
          seal: { type: ['object', 'null'], properties: { hash: { type: 'string' }, sealedAtMs: { type: 'number' } } },
        },
      },
      TelemetrySample: {
        type: 'object',
        properties: {
          recordedAtMs: { type: 'number' }, lon: { type: 'number' }, lat: { type: 'number' }, altitudeMslM: { type: 'number' }, altitudeRelativeM: { type: 'number' },
          groundSpeedMps: { type: 'number' }, climbRateMps: { type: 'number' }, headingDeg: { type: 'number' }, fenceStatus: { type: 'string' },
        },
      },
      CommandResult: {
        type: 'object',
        properties: {
          vehicleId: { type: 'string' }, command: { enum: ['rtl', 'land', 'loiter', 'brake'] }, result: { type: 'string', description: 'MAV_RESULT name' },
          resultCode: { type: 'integer' }, sentAtMs: { type: 'number' }, ackAtMs: { type: 'number' },
        },
      },
      Link: {
        type: 'object',
        properties: { id: { type: 'string' }, kind: { enum: ['udpin', 'tcp', 'tcpin'] }, statistics: { type: 'object' }, remotes: { type: 'array', items: { type: 'object' } }, droppedSends: { type: 'integer' } },
      },
      Trail: { type: 'object', properties: { vehicleId: { type: 'string' }, points: { type: 'array', items: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4 } } } },
      ZoneHit: {
        type: 'object',
        properties: {
          flightId: { type: 'string' }, systemId: { type: 'integer' }, callsign: { type: 'string' }, corridorId: { type: ['string', 'null'] },
          samplesInside: { type: 'integer' }, firstInsideAtMs: { type: 'number' }, lastInsideAtMs: { type: 'number' }, maxAltitudeM: { type: 'number' },
        },
      },
      TlogImport: {
        type: 'object',
        properties: {
          name: { type: 'string' }, flightIds: { type: 'array', items: { type: 'string' } }, messages: { type: 'integer' }, positions: { type: 'integer' },
          firstAtMs: { type: ['number', 'null'] }, lastAtMs: { type: ['number', 'null'] }, statistics: { type: 'object' },
        },
      },
    },
  },
} as const;
