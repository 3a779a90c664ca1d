/**
 * The HTTP calls of the bookings pages (aircraft, booking rules, availability, bookings), typed by
 * the server's public contract. Like ApiClient it sends the session's CSRF token as X-CSRF-Token on
 * every change and reports a 401 as "signed out"; refusals become BookingsApiError (an
 * ApiRequestError) carrying the server's own message, which the pages show word for word.
 */
import type {
  AircraftView, ApiError, AvailabilityView, BookingRulesView, BookingStatus, BookingView, Page,
} from '../server/contracts/index.ts';
import { ApiRequestError } from './api.ts';

/** POST /api/bookings: a test slot asked for; `area` null books the whole corridor. */
export interface BookingRequest {
  corridorId: string;
  /** Null: any of the organisation's aircraft. */
  aircraftId: string | null;
  startsAt: string;
  endsAt: string;
  area: GeoJSON.Polygon | null;
  altitudeMinM: number;
  altitudeMaxM: number;
  purpose: string;
  pilotInCommand: string;
}

/** POST /api/aircraft: a partner registers an aircraft for its own organisation. */
export interface AircraftRegistration {
  systemId: number;
  callsign: string;
  model: string;
  serialNumber: string;
  weightClass: AircraftView['weightClass'];
  /** 64 hex characters (a MAVLink 2 signing key), or null for an unsigned aircraft. */
  signingKey: string | null;
}

/** What an operator may set (PUT /api/corridors/:id/booking-rules); the time zone is the corridor's own. */
export type BookingRulesChange = Omit<BookingRulesView, 'corridorId' | 'timezone'>;

export interface BookingsApiOptions {
  /** The session's CSRF token (null for API tokens, which browsers never hold). */
  csrfToken: string | null;
  /** Called when a call answers 401: the session expired or was revoked. */
  onSignedOut: () => void;
}

/** A refusal with the server's `details` too (a 409 names the approved booking's window: {startsAtMs, endsAtMs}). */
export class BookingsApiError extends ApiRequestError {
  constructor(path: string, status: number, message: string, readonly details: unknown) {
    super(path, status, message);
  }
}

/** Most pages a list is followed for (500 each): far beyond what a corridor's bookings page shows. */
const MAX_PAGES = 10;

export class BookingsApi {
  constructor(private readonly options: BookingsApiOptions) {}

  listAircraft = () => this.call<Page<AircraftView>>('GET', '/api/aircraft').then((page) => page.items);
  registerAircraft = (registration: AircraftRegistration) => this.call<AircraftView>('POST', '/api/aircraft', registration);
  retireAircraft = (aircraftId: string) => this.call<unknown>('DELETE', `/api/aircraft/${encodeURIComponent(aircraftId)}`);

  rules = (corridorId: string) => this.call<BookingRulesView>('GET', `/api/corridors/${encodeURIComponent(corridorId)}/booking-rules`);
  saveRules = (corridorId: string, rules: BookingRulesChange) =>
    this.call<BookingRulesView>('PUT', `/api/corridors/${encodeURIComponent(corridorId)}/booking-rules`, rules);

  /** Open, taken and free times of a corridor in [fromMs, toMs) (the server allows at most 31 days). */
  availability = (corridorId: string, fromMs: number, toMs: number) => {
    const query = new URLSearchParams({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() });
    return this.call<AvailabilityView>('GET', `/api/corridors/${encodeURIComponent(corridorId)}/availability?${query}`);
  };

  /** Every booking the caller may see that matches, following the pages. */
  async listBookings(filter: { status?: BookingStatus; corridorId?: string } = {}): Promise<BookingView[]> {
    const items: BookingView[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ limit: '500', ...filter, ...(cursor ? { cursor } : {}) });
      const answer: Page<BookingView> = await this.call('GET', `/api/bookings?${query}`);
      items.push(...answer.items);
      cursor = answer.nextCursor;
      if (!cursor) break;
    }
    return items;
  }

  requestBooking = (request: BookingRequest) => this.call<BookingView>('POST', '/api/bookings', request);
  cancelBooking = (bookingId: string, reason: string | null) => this.call<BookingView>('POST', `${bookingPath(bookingId)}/cancel`, reason ? { reason } : {});
  approveBooking = (bookingId: string) => this.call<BookingView>('POST', `${bookingPath(bookingId)}/approve`, {});
  rejectBooking = (bookingId: string, reason: string) => this.call<BookingView>('POST', `${bookingPath(bookingId)}/reject`, { reason });

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.options.csrfToken) headers['x-csrf-token'] = this.options.csrfToken;
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    if (response.status === 401) this.options.onSignedOut();
    if (!response.ok) {
      // The body may be HTML or empty (a proxy, a crash): then the status is all there is to say.
      const error = (await response.json().catch(() => null)) as ApiError | null;
      throw new BookingsApiError(path, response.status, error?.error?.message ?? `${method} ${path}: HTTP ${response.status}`, error?.error?.details);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
}

const bookingPath = (bookingId: string) => `/api/bookings/${encodeURIComponent(bookingId)}`;
