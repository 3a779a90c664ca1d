/**
 * Part of the composition root (platform.ts): everything bookings need wired together — the
 * booking desk over the database, the clock that moves slots along, the live conformance index
 * kept in step with every change, the registered aircraft the ingest matches system ids against,
 * and the webhooks that tell partners. Returns the HTTP deps and what the ingest needs.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AlertView, BookingView, CorridorView } from './contracts/index.ts';
import { listAircraft, type AircraftRecord } from './db/aircraft-repository.ts';
import { findRegisteredAircraft, listRegisteredAircraft, registerAircraft, updateAircraft } from './db/aircraft-registry.ts';
import { listApprovedBookings } from './db/booking-repository.ts';
import { advanceBookingClock, findBookingRules, listTakenSlots, updateBookingRules } from './db/booking-schedule.ts';
import { changeBooking, findBooking, isInsideCorridor, listBookings, storeRequest } from './db/booking-store.ts';
import { createDelivery, deleteWebhook, findWebhook, listDeliveries, recordAttempt, saveWebhook } from './db/webhook-repository.ts';
import type { AircraftRouteDeps } from './http/routes/aircraft.ts';
import type { BookingRouteDeps } from './http/routes/bookings.ts';
import type { WebhookRouteDeps } from './http/routes/webhooks.ts';
import { postWebhook } from './http/webhook-sender.ts';
import { BookingDesk, type BookingEvent } from './services/booking-desk.ts';
import { createBookingIndex, type BookingIndex } from './services/booking-index.ts';
import { WebhookDispatcher } from './services/webhook-dispatcher.ts';

/** Bookings loaded into the live check: those overlapping the last day and the next week. */
const bookingPeriod = (nowMs: number) => ({ fromMs: nowMs - 86_400_000, toMs: nowMs + 7 * 86_400_000 });

/** Decisions partners hear of by webhook. */
const WEBHOOK_EVENTS: ReadonlySet<BookingEvent> = new Set(['approved', 'rejected', 'cancelled']);

export interface BookingOptions {
  knex: Knex;
  clock: () => number;
  logger: Logger;
  allowPrivateWebhooks: boolean;
  /** How often the booking clock looks for slots that began or ended (and re-reads bookings). */
  clockTickMs: number;
  listCorridors: () => Promise<CorridorView[]>;
  /** Live clients hear of every change (set once the socket exists). */
  publish: { current: ((booking: BookingView) => void) | null };
}

export interface Bookings {
  http: Omit<BookingRouteDeps, 'listCorridors' | 'clock'> & AircraftRouteDeps & WebhookRouteDeps;
  index: BookingIndex;
  desk: BookingDesk;
  webhooks: WebhookDispatcher;
  /** The registered aircraft for a system id (several may share one: the one booked now wins). */
  findAircraft(systemId: number): AircraftRecord | null;
  /** Tell the partner's systems about an alert on their aircraft. */
  alertRaised(alert: AlertView): void;
  stop(): void;
}

export async function composeBookings(options: BookingOptions): Promise<Bookings> {
  const { knex, clock, logger } = options;
  const index = createBookingIndex(await listApprovedBookings(knex, bookingPeriod(clock())));
  const reloadIndex = async () => index.replace(await listApprovedBookings(knex, bookingPeriod(clock())));
  let aircraft = groupBySystemId(await listAircraft(knex));
  const webhooks = new WebhookDispatcher({
    findTarget: async (organisationId) => (await findWebhook(knex, organisationId))?.target ?? null,
    createDelivery: (webhookId, event, payload, nowMs) => createDelivery(knex, webhookId, event, payload, nowMs),
    recordAttempt: (deliveryId, outcome) => recordAttempt(knex, deliveryId, outcome),
    post: (url, body, headers) => postWebhook(url, body, headers, { allowPrivate: options.allowPrivateWebhooks }),
    clock,
    logger: logger.child({ name: 'server:webhooks' }),
  });
  const desk = new BookingDesk({
    findCorridor: async (id) => (await options.listCorridors()).find((corridor) => corridor.id === id) ?? null,
    findRules: (corridorId) => findBookingRules(knex, corridorId),
    findAircraft: (id) => findRegisteredAircraft(knex, id),
    isInsideCorridor: (corridorId, area) => isInsideCorridor(knex, corridorId, area),
    storeRequest: (draft, actor, nowMs) => storeRequest(knex, draft, actor, nowMs),
    updateBooking: (id, action, decide, actor, nowMs) => changeBooking(knex, id, action, decide, actor, nowMs),
    advanceClock: (nowMs) => advanceBookingClock(knex, nowMs),
    onChanged: (booking, event) => {
      options.publish.current?.(booking);
      if (WEBHOOK_EVENTS.has(event)) webhooks.dispatch(booking.organisationId, `booking.${event}`, booking);
      // The live check follows at once; a failed read keeps the previous bookings until the next tick.
      reloadIndex().catch((error: Error) => logger.warn({ err: error }, 'bookings reload failed'));
    },
    clock,
  });
  const tick = setInterval(() => {
    desk.tick().then(reloadIndex).catch((error: Error) => logger.warn({ err: error }, 'booking clock failed'));
  }, options.clockTickMs);
  tick.unref();
  await desk.tick();

  return {
    index,
    desk,
    webhooks,
    http: {
      bookingDesk: desk,
      findBooking: (id) => findBooking(knex, id),
      listBookings: (filter) => listBookings(knex, filter),
      findBookingRules: (corridorId) => findBookingRules(knex, corridorId),
      updateBookingRules: (corridorId, changes, actor) => updateBookingRules(knex, corridorId, changes, actor, clock()),
      listTakenSlots: (corridorId, period, mine) => listTakenSlots(knex, corridorId, period, mine),
      listRegisteredAircraft: (organisationIds) => listRegisteredAircraft(knex, organisationIds),
      findRegisteredAircraft: (id) => findRegisteredAircraft(knex, id),
      registerAircraft: (draft, actor) => registerAircraft(knex, draft, actor, clock()),
      updateAircraft: (id, changes, actor) => updateAircraft(knex, id, changes, actor, clock()),
      onAircraftChanged: async () => {
        aircraft = groupBySystemId(await listAircraft(knex));
      },
      findWebhook: (organisationId) => findWebhook(knex, organisationId),
      saveWebhook: (organisationId, url, secret, actor) => saveWebhook(knex, organisationId, url, secret, actor, clock()),
      deleteWebhook: (organisationId, actor) => deleteWebhook(knex, organisationId, actor, clock()),
      listDeliveries: (organisationId, limit) => listDeliveries(knex, organisationId, limit),
      allowPrivateWebhooks: options.allowPrivateWebhooks,
    },
    findAircraft(systemId) {
      const candidates = aircraft.get(systemId) ?? [];
      return candidates.length <= 1 ? (candidates[0] ?? null) : (candidates.find((item) => index.hasBookingAt(item, clock())) ?? candidates[0]!);
    },
    alertRaised(alert) {
      if (alert.organisationId) webhooks.dispatch(alert.organisationId, 'alert.raised', alert);
    },
    stop() {
      clearInterval(tick);
      webhooks.stop();
    },
  };
}

function groupBySystemId(records: readonly AircraftRecord[]): Map<number, AircraftRecord[]> {
  const bySystemId = new Map<number, AircraftRecord[]>();
  for (const record of records) bySystemId.set(record.systemId, [...(bySystemId.get(record.systemId) ?? []), record]);
  return bySystemId;
}
