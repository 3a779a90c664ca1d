/** The OpenAPI paths and schemas of aircraft registration, test-slot bookings, booking rules, availability and webhooks. */
import { body, denied, error, id, json, page, paging, ref } from './openapi-parts.ts';

const iso = { type: 'string', format: 'date-time' };
const polygon = { type: ['object', 'null'], description: 'GeoJSON Polygon or MultiPolygon inside the corridor; null = the whole corridor' };
const bookingFields = {
  corridorId: { type: 'string' }, aircraftId: { type: ['string', 'null'], description: 'null: any of the organisation’s aircraft' },
  startsAt: iso, endsAt: iso, area: polygon, altitudeMinM: { type: 'number', default: 0 }, altitudeMaxM: { type: 'number' },
  purpose: { type: 'string' }, pilotInCommand: { type: 'string' },
};
const refusals = {
  400: error('Breaks a rule, named: outside the corridor, above the ceiling, in the past, too short or long, outside hours or daylight, too little notice'),
  409: error('Conflicts with an approved booking: the message and details name its window'),
};
const decided = (summary: string, reason: 'optional' | 'required') => ({
  post: {
    summary, parameters: [id],
    requestBody: body({ type: 'object', ...(reason === 'required' ? { required: ['reason'] } : {}), properties: { reason: { type: 'string' } } }),
    responses: { 200: json(ref('Booking')), 404: error('No such booking (or not yours to see)'), 409: error('Not allowed in its status, or (approve) overlaps an approved booking, named'), ...denied },
  },
});
const weightClass = { enum: ['under-250g', '250g-2kg', '2-25kg', '25-150kg', 'over-150kg'] };
const aircraftFields = {
  systemId: { type: 'integer', minimum: 1, maximum: 255 }, callsign: { type: 'string' }, model: { type: 'string' }, serialNumber: { type: 'string' }, weightClass,
  signingKey: { type: ['string', 'null'], description: 'MAVLink 2 signing key, 64 hex characters' }, signingPassphrase: { type: 'string', description: 'or a passphrase (key = SHA-256 of it, as MAVProxy)' },
};

export const bookingPaths = {
  '/api/aircraft': {
    get: { summary: 'Registered aircraft (partners: their own)', parameters: [{ name: 'includeRetired', in: 'query', schema: { enum: ['true', 'false'] } }], responses: { 200: json(page('Aircraft')), ...denied } },
    post: {
      summary: 'Register an aircraft (partners for their organisation; admins name `organisationId`)',
      requestBody: body({ type: 'object', required: ['systemId', 'callsign', 'model', 'serialNumber', 'weightClass'], properties: { ...aircraftFields, organisationId: { type: 'string' } } }),
      responses: { 201: json(ref('Aircraft')), 400: error('Bad field'), 409: error('System id already in the fleet, or serial number registered'), ...denied },
    },
  },
  '/api/aircraft/{id}': {
    get: { summary: 'One aircraft', parameters: [id], responses: { 200: json(ref('Aircraft')), 404: error('No such aircraft (or not yours)'), ...denied } },
    patch: { summary: 'Change an aircraft', parameters: [id], requestBody: body({ type: 'object', properties: aircraftFields }), responses: { 200: json(ref('Aircraft')), 404: error('No such aircraft'), 409: error('Duplicate'), ...denied } },
    delete: { summary: 'Retire an aircraft', parameters: [id], responses: { 200: json(ref('Aircraft')), 404: error('No such aircraft'), ...denied } },
  },
  '/api/bookings': {
    get: {
      summary: 'Bookings the caller may see, soonest first (partners: their organisation’s; corridor staff: their corridors’)',
      parameters: [...paging, { name: 'status', in: 'query', schema: { type: 'string' }, description: 'comma-separated' }, { name: 'corridorId', in: 'query', schema: { type: 'string' } }, { name: 'from', in: 'query', schema: iso }, { name: 'to', in: 'query', schema: iso }],
      responses: { 200: json(page('Booking')), ...denied },
    },
    post: {
      summary: 'Request a test slot (partners); stored as requested for the corridor’s operators to decide',
      requestBody: body({ type: 'object', required: ['corridorId', 'startsAt', 'endsAt', 'altitudeMaxM', 'purpose', 'pilotInCommand'], properties: { ...bookingFields, organisationId: { type: 'string', description: 'only for partners of several organisations' } } }),
      responses: { 201: json(ref('Booking')), ...refusals, ...denied },
    },
  },
  '/api/bookings.ics': {
    get: {
      summary: 'The caller’s bookings as an iCalendar feed; calendar apps pass an API token as `access_token`',
      parameters: [{ name: 'access_token', in: 'query', schema: { type: 'string' } }],
      responses: { 200: { description: 'text/calendar', content: { 'text/calendar': {} } }, ...denied },
    },
  },
  '/api/bookings/{id}': {
    get: { summary: 'One booking', parameters: [id], responses: { 200: json(ref('Booking')), 404: error('No such booking (or not yours)'), ...denied } },
    patch: {
      summary: 'Change your booking before it starts; it goes back to requested', parameters: [id],
      requestBody: body({ type: 'object', properties: bookingFields }), responses: { 200: json(ref('Booking')), ...refusals, 404: error('No such booking of yours'), ...denied },
    },
  },
  '/api/bookings/{id}/approve': decided('Approve a requested booking (operators of its corridor)', 'optional'),
  '/api/bookings/{id}/reject': decided('Reject a requested booking, saying why (operators of its corridor)', 'required'),
  '/api/bookings/{id}/cancel': decided('Cancel a booking (the partner who booked it, or an operator of its corridor)', 'optional'),
  '/api/corridors/{id}/booking-rules': {
    get: { summary: 'The corridor’s booking rules', parameters: [id], responses: { 200: json(ref('BookingRules')), 404: error('No such corridor'), ...denied } },
    put: { summary: 'Set the corridor’s booking rules (its operators, admins)', parameters: [id], requestBody: body(ref('BookingRules')), responses: { 200: json(ref('BookingRules')), 400: error('Bad rule'), ...denied } },
  },
  '/api/corridors/{id}/availability': {
    get: {
      summary: 'Open hours, taken airspace (others’ without who) and free windows in a period (default the next 7 days, at most 31)',
      parameters: [id, { name: 'from', in: 'query', schema: iso }, { name: 'to', in: 'query', schema: iso }],
      responses: { 200: json(ref('Availability')), 400: error('Bad period'), 404: error('No such corridor'), ...denied },
    },
  },
  '/api/organisations/{id}/webhook': {
    get: { summary: 'The organisation’s webhook (its partners, admins)', parameters: [id], responses: { 200: json(ref('Webhook')), 404: error('None'), ...denied } },
    put: {
      summary: 'Set the webhook: decisions on bookings and alerts on aircraft are POSTed, signed `X-Corridor-Signature: sha256=<HMAC of the body>`; the secret is shown once',
      parameters: [id], requestBody: body({ type: 'object', required: ['url'], properties: { url: { type: 'string', format: 'uri' } } }),
      responses: { 200: json(ref('Webhook')), 400: error('Bad or private URL'), ...denied },
    },
    delete: { summary: 'Remove the webhook', parameters: [id], responses: { 204: { description: 'Removed' }, 404: error('None'), ...denied } },
  },
  '/api/organisations/{id}/webhook/deliveries': {
    get: { summary: 'The last 100 deliveries with their attempts (retried after 1, 5 and 30 s)', parameters: [id], responses: { 200: json(page('WebhookDelivery')), ...denied } },
  },
} as const;

export const bookingSchemas = {
  Aircraft: {
    type: 'object',
    properties: {
      id: { type: 'string' }, organisationId: { type: 'string' }, organisationName: { type: 'string' }, systemId: { type: 'integer' }, callsign: { type: 'string' },
      model: { type: 'string' }, serialNumber: { type: 'string' }, weightClass, isSigned: { type: 'boolean' }, retired: { type: 'boolean' }, createdAtMs: { type: 'number' },
    },
  },
  Booking: {
    type: 'object',
    properties: {
      id: { type: 'string' }, corridorId: { type: 'string' }, organisationId: { type: 'string' }, organisationName: { type: 'string' },
      aircraftId: { type: ['string', 'null'] }, aircraftCallsign: { type: ['string', 'null'] },
      status: { enum: ['requested', 'approved', 'rejected', 'active', 'completed', 'cancelled'] }, startsAtMs: { type: 'number' }, endsAtMs: { type: 'number' },
      area: { type: 'object' }, isWholeCorridor: { type: 'boolean' }, altitudeMinM: { type: 'number' }, altitudeMaxM: { type: 'number' }, altitudeReference: { enum: ['AGL', 'MSL'] },
      purpose: { type: ['string', 'null'] }, pilotInCommand: { type: ['string', 'null'] }, requestedAtMs: { type: 'number' }, decidedAtMs: { type: ['number', 'null'] },
      decisionReason: { type: ['string', 'null'] },
    },
  },
  BookingRules: {
    type: 'object',
    properties: {
      corridorId: { type: 'string' }, timezone: { type: 'string' }, opensAt: { type: 'string', description: 'HH:MM local' }, closesAt: { type: 'string', description: 'HH:MM local, or 24:00' },
      daylightOnly: { type: 'boolean' }, minLeadMinutes: { type: 'integer' }, minDurationMinutes: { type: 'integer' }, maxDurationMinutes: { type: 'integer' },
      wholeCorridorExclusive: { type: 'boolean' },
    },
  },
  Availability: {
    type: 'object',
    properties: {
      corridorId: { type: 'string' }, fromMs: { type: 'number' }, toMs: { type: 'number' }, rules: ref('BookingRules'),
      openWindows: { type: 'array', items: { type: 'object' } }, taken: { type: 'array', items: { type: 'object' } }, freeWindows: { type: 'array', items: { type: 'object' } },
    },
  },
  Webhook: { type: 'object', properties: { organisationId: { type: 'string' }, url: { type: 'string' }, createdAtMs: { type: 'number' }, secret: { type: 'string' } } },
  WebhookDelivery: {
    type: 'object',
    properties: { id: { type: 'string' }, event: { type: 'string' }, attempts: { type: 'integer' }, lastStatus: { type: ['integer', 'null'] }, lastError: { type: ['string', 'null'] }, createdAtMs: { type: 'number' }, deliveredAtMs: { type: ['number', 'null'] } },
  },
} as const;
