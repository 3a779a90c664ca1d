/**
 * The booking desk: partners request, change and cancel test slots; operators approve and reject
 * them; the clock makes approved slots active and then completed. Requests are judged against the
 * corridor's rules here (a 400 naming the reason) and against the airspace already held by the
 * database (a 409 naming the held window). Every change goes out to `onChanged` (live clients,
 * webhooks, the live conformance check). Knows nothing of Express or knex.
 */
import type { AircraftView, BookingRulesView, BookingView, CorridorView } from '../contracts/index.ts';
import type { AuditActor } from '../db/audit-repository.ts';
import type { BookingDraft } from '../db/booking-store.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { findRuleBreach, nextStatus, type BookingAction } from './booking-rules.ts';

/** What a partner asks for; `area` null is the whole corridor. */
export interface BookingRequest {
  corridorId: string;
  organisationId: string;
  aircraftId: string | null;
  startsAtMs: number;
  endsAtMs: number;
  area: GeoJSON.Polygon | GeoJSON.MultiPolygon | null;
  altitudeMinM: number;
  altitudeMaxM: number;
  purpose: string | null;
  pilotInCommand: string | null;
}

export interface BookingDeskDeps {
  findCorridor(id: string): Promise<CorridorView | null>;
  findRules(corridorId: string): Promise<BookingRulesView | null>;
  findAircraft(id: string): Promise<AircraftView | null>;
  isInsideCorridor(corridorId: string, area: GeoJSON.Polygon | GeoJSON.MultiPolygon): Promise<boolean>;
  storeRequest(draft: BookingDraft, actor: AuditActor, nowMs: number): Promise<BookingView>;
  /** Under a row lock: `decide` returns the change for the current booking, or throws; the trigger may refuse it (409). */
  updateBooking(id: string, action: string, decide: (current: BookingView) => BookingChange, actor: AuditActor, nowMs: number): Promise<BookingView>;
  advanceClock(nowMs: number): Promise<BookingView[]>;
  onChanged(booking: BookingView, event: BookingEvent): void;
  clock: () => number;
}

/** What an update writes: a new status (with the decision), or a changed draft (back to 'requested'). */
export type BookingChange =
  | { kind: 'status'; status: BookingView['status']; decidedBy: string | null; reason: string | null; isDecision: boolean }
  | { kind: 'draft'; draft: BookingDraft };

export type BookingEvent = 'requested' | 'changed' | 'approved' | 'rejected' | 'cancelled' | 'active' | 'completed';

const MESSAGES = {
  noCorridor: (id: string) => `No corridor '${id}'`,
  noAircraft: (id: string) => `Body field 'aircraftId': no aircraft '${id}' in your organisation`,
  retired: (callsign: string) => `Body field 'aircraftId': ${callsign} is retired`,
  outside: (corridor: string) => `Body field 'area': the area reaches outside ${corridor}; draw it inside the corridor's boundary`,
  badArea: (problem: string) => `Body field 'area': ${problem}`,
  notNow: (status: string, action: BookingAction) => `A booking that is ${status} cannot be ${{ approve: 'approved', reject: 'rejected', cancel: 'cancelled', change: 'changed', begin: 'begun', complete: 'completed' }[action]}`,
  started: 'The slot has already started; cancel it instead of changing it',
} as const;

export class BookingDesk {
  constructor(private readonly deps: BookingDeskDeps) {}

  /** Check a request against the corridor's rules and store it as 'requested'. */
  async request(request: BookingRequest, actor: AuditActor): Promise<BookingView> {
    const draft = await this.checked(request);
    const booking = await this.deps.storeRequest(draft, actor, this.deps.clock());
    this.deps.onChanged(booking, 'requested');
    return booking;
  }

  /** Change a requested or approved booking before it starts; it goes back to 'requested'. */
  async change(current: BookingView, request: BookingRequest, actor: AuditActor): Promise<BookingView> {
    const draft = await this.checked(request);
    const decide = (latest: BookingView): BookingChange => {
      if (nextStatus(latest.status, 'change') === null) throw new ConflictError(MESSAGES.notNow(latest.status, 'change'));
      if (latest.startsAtMs <= this.deps.clock()) throw new ConflictError(MESSAGES.started);
      return { kind: 'draft', draft };
    };
    const booking = await this.deps.updateBooking(current.id, 'booking.change', decide, actor, this.deps.clock());
    this.deps.onChanged(booking, 'changed');
    return booking;
  }

  /** Approve, reject or cancel; `reason` is kept with the decision. */
  async decide(id: string, action: 'approve' | 'reject' | 'cancel', reason: string | null, actor: AuditActor): Promise<BookingView> {
    const decide = (latest: BookingView): BookingChange => {
      const status = nextStatus(latest.status, action);
      if (status === null) throw new ConflictError(MESSAGES.notNow(latest.status, action));
      return { kind: 'status', status, decidedBy: actor.userId, reason, isDecision: action !== 'cancel' };
    };
    const booking = await this.deps.updateBooking(id, `booking.${action}`, decide, actor, this.deps.clock());
    this.deps.onChanged(booking, booking.status === 'cancelled' ? 'cancelled' : action === 'approve' ? 'approved' : 'rejected');
    return booking;
  }

  /** Move slots that began or ended; returns how many moved. */
  async tick(): Promise<number> {
    const moved = await this.deps.advanceClock(this.deps.clock());
    for (const booking of moved) this.deps.onChanged(booking, booking.status === 'active' ? 'active' : 'completed');
    return moved.length;
  }

  private async checked(request: BookingRequest): Promise<BookingDraft> {
    const corridor = await this.deps.findCorridor(request.corridorId);
    const rules = corridor ? await this.deps.findRules(corridor.id) : null;
    if (!corridor || !rules) throw new NotFoundError(MESSAGES.noCorridor(request.corridorId));
    if (request.aircraftId !== null) {
      const aircraft = await this.deps.findAircraft(request.aircraftId);
      if (!aircraft || aircraft.organisationId !== request.organisationId) throw new ValidationError(MESSAGES.noAircraft(request.aircraftId));
      if (aircraft.retired) throw new ValidationError(MESSAGES.retired(aircraft.callsign));
    }
    const breach = findRuleBreach(request, corridor, rules, this.deps.clock());
    if (breach) throw new ValidationError(breach);
    if (request.area !== null) {
      let inside: boolean;
      try {
        inside = await this.deps.isInsideCorridor(corridor.id, request.area);
      } catch (error) {
        throw new ValidationError(MESSAGES.badArea((error as Error).message)); // PostGIS refused the geometry itself
      }
      if (!inside) throw new ValidationError(MESSAGES.outside(corridor.name));
    }
    return { ...request, altitudeReference: corridor.ceilingReference };
  }
}
