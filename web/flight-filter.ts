/**
 * What the flight list is filtered and sorted by, as the server's query parameters. Dates are whole
 * UTC days ('YYYY-MM-DD'), the day of `to` included: a regulator compares flights across corridors
 * in different time zones, and UTC is the one clock the exports and the seal use too.
 */

export type FlightSort = 'newest' | 'oldest' | 'longest' | 'most-violations';
export type TriState = '' | 'true' | 'false';

export interface FlightFilter {
  corridorId: string;
  organisationId: string;
  aircraftId: string;
  /** 'YYYY-MM-DD' (UTC) or ''. */
  fromDate: string;
  toDate: string;
  hasViolations: TriState;
  booked: TriState;
  sort: FlightSort;
}

export const EMPTY_FILTER: FlightFilter = Object.freeze({
  corridorId: '', organisationId: '', aircraftId: '', fromDate: '', toDate: '', hasViolations: '', booked: '', sort: 'newest',
});

const DAY_MS = 86_400_000;

/** The start of UTC day `date` as ISO 8601, or null for ''; throws on a malformed date. */
function dayStartIso(date: string, dayOffset = 0): string | null {
  if (date === '') return null;
  // Date.parse alone is lenient (V8 reads '1 JuneT00:00:00Z'): check the form first.
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms)) throw new Error(`flight filter: expected a 'YYYY-MM-DD' date, got '${date}'`);
  return new Date(ms + dayOffset * DAY_MS).toISOString();
}

/** Which resource a query is for: the list takes every field; its CSV all but the sort (it is in recorded order); the statistics the four they group by. */
export type FilterPurpose = 'list' | 'csv' | 'statistics';

/**
 * The query string of `filter` for /api/flights ('list'), /api/flights.csv ('csv') or
 * /api/flights/statistics and its CSV ('statistics'); empty fields are left out.
 * @example filterQuery({ ...EMPTY_FILTER, hasViolations: 'true' }).toString() // 'hasViolations=true&sort=newest'
 */
export function filterQuery(filter: FlightFilter, purpose: FilterPurpose = 'list'): URLSearchParams {
  const fields: Array<[string, string | null]> = [
    ['corridorId', filter.corridorId], ['organisationId', filter.organisationId], ['from', dayStartIso(filter.fromDate)], ['to', dayStartIso(filter.toDate, 1)],
  ];
  if (purpose !== 'statistics') fields.push(['aircraftId', filter.aircraftId], ['hasViolations', filter.hasViolations], ['booked', filter.booked]);
  if (purpose === 'list') fields.push(['sort', filter.sort]);
  return new URLSearchParams(fields.filter((field): field is [string, string] => Boolean(field[1])));
}
