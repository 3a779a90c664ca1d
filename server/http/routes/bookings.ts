/**
 * Test-slot bookings. Partners request, change and cancel their organisation's; operators of the
 * corridor approve, reject and cancel; everyone signed in reads those they may see. Also each
 * corridor's booking rules (its operators set them), its availability, and an iCalendar feed.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AvailabilityView, BookingRulesView, BookingView, CorridorView, Page, TakenSlotView } from '../../contracts/index.ts';
import type { BookingFilter } from '../../db/booking-store.ts';
import type { BookingRulesChanges } from '../../db/booking-schedule.ts';
import type { AuditActor } from '../../db/audit-repository.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { canMaintainZones, canOperate, canSee, organisationsOf, visibilityOf } from '../../services/access-policy.ts';
import { bookingsToIcs } from '../../services/booking-calendar.ts';
import type { BookingDesk, BookingRequest } from '../../services/booking-desk.ts';
import { freeWindows, openWindows } from '../../services/booking-rules.ts';
import { corridorOr404 as findCorridorOr404 } from '../find-or-404.ts';
import { actorOf, allow, principalOf } from '../access.ts';
import { isUuid, parseCursor, parseInput } from '../parse-input.ts';

export interface BookingRouteDeps {
  bookingDesk: BookingDesk;
  listCorridors: () => Promise<CorridorView[]>;
  findBooking: (id: string) => Promise<BookingView | null>;
  listBookings: (filter: BookingFilter) => Promise<Page<BookingView>>;
  findBookingRules: (corridorId: string) => Promise<BookingRulesView | null>;
  updateBookingRules: (corridorId: string, changes: BookingRulesChanges, actor: AuditActor) => Promise<BookingRulesView>;
  listTakenSlots: (corridorId: string, period: { fromMs: number; toMs: number }, mine: readonly string[]) => Promise<TakenSlotView[]>;
  clock: () => number;
}

const DAY_MS = 86_400_000;
const iso = z.iso.datetime({ offset: true });
const polygonal = z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.array(z.any()).min(1)).min(1) }).strict();
const requestFields = {
  corridorId: z.uuid(),
  aircraftId: z.uuid().nullable(),
  startsAt: iso,
  endsAt: iso,
  area: polygonal.nullable(),
  altitudeMinM: z.number().min(0).max(10_000),
  altitudeMaxM: z.number().positive().max(10_000),
  purpose: z.string().trim().min(1).max(500),
  pilotInCommand: z.string().trim().min(1).max(200),
};
const newBookingSchema = z.object({ ...requestFields, aircraftId: requestFields.aircraftId.default(null), area: requestFields.area.default(null), altitudeMinM: requestFields.altitudeMinM.default(0), organisationId: z.uuid().optional() }).strict();
const bookingChangesSchema = z.object({ ...requestFields, corridorId: z.undefined() }).partial().strict();
const listSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().min(1).max(500).optional(),
  status: z.string().regex(/^(requested|approved|rejected|active|completed|cancelled)(,(requested|approved|rejected|active|completed|cancelled))*$/, 'comma-separated statuses').optional(),
  corridorId: z.uuid().optional(),
  from: iso.optional(),
  to: iso.optional(),
}).strict();
const reasonSchema = z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict();
const rejectSchema = z.object({ reason: z.string().trim().min(1, 'say why').max(500) }).strict();
const hhmm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "'HH:MM', 24-hour (closing may be 24:00)");
const rulesSchema = z.object({
  opensAt: hhmm, closesAt: hhmm, daylightOnly: z.boolean(), minLeadMinutes: z.number().int().min(0).max(60 * 24 * 60),
  minDurationMinutes: z.number().int().min(1).max(60 * 24), maxDurationMinutes: z.number().int().min(1).max(60 * 24 * 14), wholeCorridorExclusive: z.boolean(),
}).partial().strict();
const periodSchema = z.object({ from: iso.optional(), to: iso.optional() }).strict();
const feedSchema = z.object({ access_token: z.string().optional() }).strict();

const MESSAGES = {
  noBooking: (id: string) => `No booking '${id}'`,
  whichOrganisation: "Body field 'organisationId': you are a partner of several organisations; say which one books",
  notYourOrganisation: "Body field 'organisationId': not an organisation you are a partner of",
  notOperator: 'Only operators of the booking’s corridor may decide on it',
  notYours: 'Only the partner who booked, or an operator of the corridor, may cancel it',
} as const;

const msOf = (text: string) => Date.parse(text);

export function bookingRoutes(deps: BookingRouteDeps): Router {
  const router = Router();
  const corridorOr404 = (idOrSlug: string) => findCorridorOr404(deps.listCorridors, idOrSlug);
  const bookingOr404 = async (response: Response, id: string) => {
    const booking = isUuid(id) ? await deps.findBooking(id) : null;
    if (!booking || !canSee(principalOf(response), { corridorId: booking.corridorId, organisationId: booking.organisationId })) throw new NotFoundError(MESSAGES.noBooking(id));
    return booking;
  };
  /** The booking, which must be the caller's organisation's (partners change only their own). */
  const ownBookingOr404 = async (response: Response, id: string) => {
    const booking = await bookingOr404(response, id);
    if (!organisationsOf(principalOf(response)).includes(booking.organisationId)) throw new NotFoundError(MESSAGES.noBooking(id));
    return booking;
  };
  const listFor = (response: Response, query: z.infer<typeof listSchema>) => deps.listBookings({
    scope: visibilityOf(principalOf(response)), limit: query.limit, cursor: query.cursor ? parseCursor(query.cursor, ['startsAt', 'id']) : null,
    status: query.status?.split(',') as BookingFilter['status'], corridorId: query.corridorId,
    fromMs: query.from ? msOf(query.from) : undefined, toMs: query.to ? msOf(query.to) : undefined,
  });

  router.get('/bookings', allow('signed-in'), async (request, response) => {
    response.json(await listFor(response, parseInput(listSchema, request.query, 'Query parameter')));
  });
  // A calendar app sends no cookie or header: the feed also takes an API token as ?access_token= (see authenticate).
  router.get('/bookings.ics', allow('signed-in'), async (request, response) => {
    parseInput(feedSchema, request.query, 'Query parameter');
    const scope = visibilityOf(principalOf(response));
    const bookings = (await deps.listBookings({ scope, limit: 500, cursor: null, fromMs: deps.clock() - 90 * DAY_MS })).items;
    const ics = bookingsToIcs(bookings, await deps.listCorridors(), { name: 'Corridor test slots', host: request.hostname, nowMs: deps.clock() });
    response.type('text/calendar; charset=utf-8').send(ics);
  });
  router.get('/bookings/:id', allow('signed-in'), async (request, response) => {
    response.json(await bookingOr404(response, request.params.id));
  });
  router.post('/bookings', allow(['partner']), async (request, response) => {
    const body = parseInput(newBookingSchema, request.body, 'Body field');
    const organisations = organisationsOf(principalOf(response));
    if (body.organisationId === undefined && organisations.length > 1) throw new ValidationError(MESSAGES.whichOrganisation);
    const organisationId = body.organisationId ?? organisations[0]!;
    if (!organisations.includes(organisationId)) throw new ValidationError(MESSAGES.notYourOrganisation);
    const { startsAt, endsAt, organisationId: _ignored, ...rest } = body;
    const booking: BookingRequest = { ...rest, organisationId, startsAtMs: msOf(startsAt), endsAtMs: msOf(endsAt) };
    response.status(201).json(await deps.bookingDesk.request(booking, actorOf(request, response)));
  });
  router.patch('/bookings/:id', allow(['partner']), async (request, response) => {
    const current = await ownBookingOr404(response, request.params.id);
    const body = parseInput(bookingChangesSchema, request.body, 'Body field');
    const merged: BookingRequest = {
      corridorId: current.corridorId, organisationId: current.organisationId, aircraftId: body.aircraftId !== undefined ? body.aircraftId : current.aircraftId,
      startsAtMs: body.startsAt ? msOf(body.startsAt) : current.startsAtMs, endsAtMs: body.endsAt ? msOf(body.endsAt) : current.endsAtMs,
      area: body.area !== undefined ? body.area : current.isWholeCorridor ? null : current.area,
      altitudeMinM: body.altitudeMinM ?? current.altitudeMinM, altitudeMaxM: body.altitudeMaxM ?? current.altitudeMaxM,
      purpose: body.purpose ?? current.purpose, pilotInCommand: body.pilotInCommand ?? current.pilotInCommand,
    };
    response.json(await deps.bookingDesk.change(current, merged, actorOf(request, response)));
  });
  router.post('/bookings/:id/cancel', allow(['partner', 'operator']), async (request, response) => {
    const booking = await bookingOr404(response, request.params.id);
    const { reason } = parseInput(reasonSchema, request.body ?? {}, 'Body field');
    const principal = principalOf(response);
    if (!organisationsOf(principal).includes(booking.organisationId) && !canOperate(principal, booking.corridorId)) throw new ForbiddenError(MESSAGES.notYours);
    response.json(await deps.bookingDesk.decide(booking.id, 'cancel', reason ?? null, actorOf(request, response)));
  });
  for (const action of ['approve', 'reject'] as const) {
    router.post(`/bookings/:id/${action}`, allow(['operator']), async (request: Request<{ id: string }>, response) => {
      const booking = await bookingOr404(response, request.params.id);
      const { reason } = parseInput(action === 'reject' ? rejectSchema : reasonSchema, request.body ?? {}, 'Body field');
      if (!canOperate(principalOf(response), booking.corridorId)) throw new ForbiddenError(MESSAGES.notOperator);
      response.json(await deps.bookingDesk.decide(booking.id, action, reason ?? null, actorOf(request, response)));
    });
  }

  router.get('/corridors/:id/booking-rules', allow('signed-in'), async (request, response) => {
    const corridor = await corridorOr404(request.params.id);
    response.json(await deps.findBookingRules(corridor.id));
  });
  router.put('/corridors/:id/booking-rules', allow(['admin', 'operator']), async (request, response) => {
    const corridor = await corridorOr404(request.params.id);
    if (!canMaintainZones(principalOf(response), corridor.id)) throw new ForbiddenError(`Only admins and operators of corridor '${corridor.name}' may set its booking rules`);
    const changes = parseInput(rulesSchema, request.body, 'Body field');
    const current = (await deps.findBookingRules(corridor.id))!;
    const next = { ...current, ...changes };
    if (next.opensAt >= next.closesAt) throw new ValidationError(`Body field 'closesAt': must be after 'opensAt' (${next.opensAt})`);
    if (next.minDurationMinutes > next.maxDurationMinutes) throw new ValidationError(`Body field 'maxDurationMinutes': must be at least 'minDurationMinutes' (${next.minDurationMinutes})`);
    response.json(await deps.updateBookingRules(corridor.id, changes, actorOf(request, response)));
  });
  router.get('/corridors/:id/availability', allow('signed-in'), async (request, response) => {
    const corridor = await corridorOr404(request.params.id);
    const query = parseInput(periodSchema, request.query, 'Query parameter');
    const fromMs = query.from ? msOf(query.from) : deps.clock();
    const toMs = query.to ? msOf(query.to) : fromMs + 7 * DAY_MS;
    if (toMs <= fromMs || toMs - fromMs > 31 * DAY_MS) throw new ValidationError("Query parameter 'to': must be after 'from' and at most 31 days later");
    const rules = (await deps.findBookingRules(corridor.id))!;
    const open = openWindows(rules, corridor.center, fromMs, toMs);
    const taken = await deps.listTakenSlots(corridor.id, { fromMs, toMs }, organisationsOf(principalOf(response)));
    const held = taken.filter((slot) => slot.status !== 'requested');
    const body: AvailabilityView = { corridorId: corridor.id, fromMs, toMs, rules, openWindows: open, taken, freeWindows: freeWindows(open, held) };
    response.json(body);
  });
  return router;
}
