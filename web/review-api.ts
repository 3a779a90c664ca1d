/**
 * The HTTP calls of the Flights view, typed by the server's public contract: the flight list and
 * its statistics, one flight with its telemetry, violations, booking and the zones in force when it
 * flew, and verification of a flight's or a corridor's seals. Every call reads (GET), so the view
 * changes nothing, whoever uses it; the download links are built here too so their paths live in
 * one place. Refusals are RequestRefusedErrors carrying the server's own message.
 */
import type {
  AircraftView, BookingView, CorridorView, FlightStatisticsView, FlightView, OrganisationView, Page, TelemetrySampleView, VerificationView, ViolationView, ZoneVersionView,
} from '../server/contracts/index.ts';
import type { FlightFilter } from './flight-filter.ts';
import { filterQuery } from './flight-filter.ts';
import { requestJson, type JsonRequestOptions } from './json-request.ts';

/** The formats a flight is exported in, by file extension. */
export const EXPORT_FORMATS = ['geojson', 'csv', 'kml', 'tlog'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Telemetry is read in pages of this many samples (the server's most). */
const TELEMETRY_PAGE = 500;
/** Most telemetry pages followed: 100,000 samples, over 5 h at the server's 5 Hz. */
const MAX_TELEMETRY_PAGES = 200;

const flightPath = (flightId: string) => `/api/flights/${encodeURIComponent(flightId)}`;

/** Where a flight's export in `format` is downloaded from. */
export const exportUrl = (flightId: string, format: ExportFormat) => `${flightPath(flightId)}/export.${format}`;
/** The flight's printable violation report (HTML). */
export const reportUrl = (flightId: string) => `${flightPath(flightId)}/report`;
/** The flights matching `filter` as CSV (in recorded order: the server's CSV takes no sort). */
export const flightsCsvUrl = (filter: FlightFilter) => `/api/flights.csv?${filterQuery(filter, 'csv')}`;
/** The statistics matching `filter` as CSV. */
export const statisticsCsvUrl = (filter: FlightFilter) => `/api/flights/statistics.csv?${filterQuery(filter, 'statistics')}`;

export class ReviewApi {
  constructor(private readonly options: JsonRequestOptions) {}

  corridors = () => this.get<Page<CorridorView>>('/api/corridors').then((page) => page.items);
  organisations = () => this.get<Page<OrganisationView>>('/api/organisations').then((page) => page.items);
  aircraft = () => this.get<Page<AircraftView>>('/api/aircraft?includeRetired=true').then((page) => page.items);

  /** One page of flights matching `filter`; pass the answer's nextCursor back for the next. */
  flights = (filter: FlightFilter, limit: number, cursor: string | null) => {
    const query = filterQuery(filter);
    query.set('limit', String(limit));
    if (cursor) query.set('cursor', cursor);
    return this.get<Page<FlightView>>(`/api/flights?${query}`);
  };
  statistics = (filter: FlightFilter) => this.get<FlightStatisticsView>(`/api/flights/statistics?${filterQuery(filter, 'statistics')}`);

  flight = (flightId: string) => this.get<FlightView>(flightPath(flightId));
  violations = (flightId: string) => this.get<Page<ViolationView>>(`${flightPath(flightId)}/violations`).then((page) => page.items);
  booking = (bookingId: string) => this.get<BookingView>(`/api/bookings/${encodeURIComponent(bookingId)}`);
  /** The zones of `corridorId` as they were in force at `atMs`. */
  zonesAt = (corridorId: string, atMs: number) =>
    this.get<Page<ZoneVersionView>>(`/api/corridors/${encodeURIComponent(corridorId)}/zones?at=${encodeURIComponent(new Date(atMs).toISOString())}`).then((page) => page.items);

  /** Every stored sample of the flight, oldest first. */
  async telemetry(flightId: string): Promise<TelemetrySampleView[]> {
    const samples: TelemetrySampleView[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_TELEMETRY_PAGES; page++) {
      const query = new URLSearchParams({ limit: String(TELEMETRY_PAGE), ...(cursor ? { cursor } : {}) });
      const answer: Page<TelemetrySampleView> = await this.get(`${flightPath(flightId)}/telemetry?${query}`);
      samples.push(...answer.items);
      cursor = answer.nextCursor;
      if (!cursor) break;
    }
    return samples;
  }

  verifyFlight = (flightId: string) => this.get<VerificationView>(`${flightPath(flightId)}/verify`);
  verifyCorridor = (corridorId: string) => this.get<VerificationView>(`/api/corridors/${encodeURIComponent(corridorId)}/verify`);

  private get<T>(path: string): Promise<T> {
    return requestJson<T>('GET', path, undefined, this.options);
  }
}
