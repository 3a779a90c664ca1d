/**
 * The flight list's filter bar: corridor, partner, aircraft, UTC date range, with or without
 * violations, booked or unbooked, and the sort order. Every change is reported at once (these are
 * questions, not edits: nothing is sent but a GET). The choices come from what the person may see.
 */
import type { AircraftView, CorridorView, OrganisationView } from '../server/contracts/index.ts';
import { createElement } from './create-element.ts';
import { EMPTY_FILTER, type FlightFilter, type FlightSort, type TriState } from './flight-filter.ts';

export interface FilterChoices {
  corridors: readonly CorridorView[];
  organisations: readonly OrganisationView[];
  aircraft: readonly AircraftView[];
}

const SORTS: ReadonlyArray<[FlightSort, string]> = [['newest', 'Newest first'], ['oldest', 'Oldest first'], ['longest', 'Longest first'], ['most-violations', 'Most violations first']];

const select = (id: string, label: string, options: ReadonlyArray<[string, string]>) =>
  createElement('select', { attrs: { id, 'aria-label': label } }, options.map(([value, text]) => new Option(text, value)));
const labelled = (text: string, control: HTMLElement) => createElement('label', {}, [text, control]);
const triState = (id: string, label: string, yes: string, no: string) => select(id, label, [['', 'any'], ['true', yes], ['false', no]]);

export class FlightFilterForm {
  private readonly corridor: HTMLSelectElement;
  private readonly organisation: HTMLSelectElement;
  private readonly aircraft: HTMLSelectElement;
  private readonly fromDate = createElement('input', { attrs: { id: 'flight-filter-from', type: 'date', 'aria-label': 'From (UTC day)' } });
  private readonly toDate = createElement('input', { attrs: { id: 'flight-filter-to', type: 'date', 'aria-label': 'To (UTC day, included)' } });
  private readonly hasViolations = triState('flight-filter-violations', 'Violations', 'with violations', 'without violations');
  private readonly booked = triState('flight-filter-booked', 'Booking', 'booked', 'unbooked');
  private readonly sort = select('flight-filter-sort', 'Sort', SORTS);

  constructor(host: HTMLElement, choices: FilterChoices, onChange: (filter: FlightFilter) => void) {
    this.corridor = select('flight-filter-corridor', 'Corridor', [['', 'all corridors'], ...choices.corridors.map((corridor): [string, string] => [corridor.id, corridor.name])]);
    const partners = choices.organisations.filter((organisation) => organisation.kind === 'partner');
    this.organisation = select('flight-filter-partner', 'Partner', [['', 'all partners'], ...partners.map((organisation): [string, string] => [organisation.id, organisation.name])]);
    const aircraft = [...choices.aircraft].sort((a, b) => a.callsign.localeCompare(b.callsign));
    this.aircraft = select('flight-filter-aircraft', 'Aircraft', [['', 'all aircraft'], ...aircraft.map((one): [string, string] => [one.id, `${one.callsign} (${one.organisationName})`])]);
    host.replaceChildren(createElement('form', { className: 'flight-filter', attrs: { id: 'flight-filter', role: 'search' } }, [
      labelled('Corridor', this.corridor), labelled('Partner', this.organisation), labelled('Aircraft', this.aircraft),
      labelled('From', this.fromDate), labelled('to', this.toDate), createElement('span', { className: 'filter-note', text: 'UTC days' }),
      labelled('Violations', this.hasViolations), labelled('Booking', this.booked), labelled('Sort', this.sort),
    ]));
    host.querySelector('form')!.addEventListener('submit', (event) => event.preventDefault());
    host.addEventListener('change', () => onChange(this.value()));
  }

  /** The filter the controls show. */
  value(): FlightFilter {
    return {
      corridorId: this.corridor.value,
      organisationId: this.organisation.value,
      aircraftId: this.aircraft.value,
      fromDate: this.fromDate.value,
      toDate: this.toDate.value,
      hasViolations: this.hasViolations.value as TriState,
      booked: this.booked.value as TriState,
      sort: (this.sort.value || EMPTY_FILTER.sort) as FlightSort,
    };
  }
}
