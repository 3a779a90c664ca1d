/**
 * The flights found, one table row each: the callsign opens the flight ('#flights/<id>'); a
 * checkbox picks it for "Replay together", which needs two or more flights of one corridor (their
 * zones and ceiling are the same, so they share one map). Paging follows the server's cursors:
 * the cursors of the pages already seen are kept, so Previous goes back without asking again how.
 */
import type { FlightView, Page } from '../server/contracts/index.ts';
import { createElement } from './create-element.ts';
import { formatDistance, formatDuration, formatNumber, formatUtc } from './review-format.ts';

export interface FlightListOptions {
  corridorName: (corridorId: string | null) => string;
  /** The page after `cursor` (null: the first). */
  loadPage: (cursor: string | null) => Promise<Page<FlightView>>;
  /** "Replay together" pressed with these flights (two or more, one corridor). */
  onReplay: (flightIds: string[]) => void;
}

export interface FlightListElements {
  body: HTMLTableSectionElement;
  previous: HTMLButtonElement;
  next: HTMLButtonElement;
  pageLabel: HTMLElement;
  replay: HTMLButtonElement;
  replayNote: HTMLElement;
}

const cell = (content: string | Node, className?: string) => createElement('td', className ? { className } : {}, [content]);

export class FlightList {
  /** The cursor each page was loaded with; the last is the page shown. */
  private cursors: Array<string | null> = [null];
  private nextCursor: string | null = null;
  private shown: FlightView[] = [];
  private readonly picked = new Map<string, FlightView>();
  /** Counts loads, so an answer overtaken by a newer request is dropped. */
  private loads = 0;

  constructor(private readonly elements: FlightListElements, private readonly options: FlightListOptions) {
    elements.previous.addEventListener('click', () => void this.go(this.cursors.length - 2));
    elements.next.addEventListener('click', () => this.nextCursor && void this.go(this.cursors.length, this.nextCursor));
    elements.replay.addEventListener('click', () => options.onReplay([...this.picked.keys()]));
    this.showPicked();
  }

  /** Start again from the first page (the filter changed); forgets the picked flights. */
  async reload(): Promise<void> {
    this.picked.clear();
    this.cursors = [null];
    await this.go(0);
  }

  /** Load the page at `index` (with `cursor` when it is a new one) and show it. */
  private async go(index: number, cursor?: string): Promise<void> {
    if (index < 0) return;
    if (cursor !== undefined) this.cursors.push(cursor);
    else this.cursors = this.cursors.slice(0, index + 1);
    const mine = ++this.loads;
    const page = await this.options.loadPage(this.cursors[index] ?? null);
    if (mine !== this.loads) return;
    this.shown = page.items;
    this.nextCursor = page.nextCursor;
    this.render();
  }

  private render(): void {
    const { body, previous, next, pageLabel } = this.elements;
    body.replaceChildren(...this.shown.map((flight) => this.rowOf(flight)));
    if (this.shown.length === 0) body.replaceChildren(createElement('tr', { className: 'empty' }, [createElement('td', { text: 'No flights match.', attrs: { colspan: '12' } })]));
    previous.disabled = this.cursors.length <= 1;
    next.disabled = this.nextCursor === null;
    pageLabel.textContent = `Page ${this.cursors.length}`;
    this.showPicked();
  }

  private rowOf(flight: FlightView): HTMLTableRowElement {
    const pick = createElement('input', { attrs: { type: 'checkbox', 'aria-label': `Pick ${flight.callsign} for replay together` } });
    pick.checked = this.picked.has(flight.id);
    pick.addEventListener('change', () => {
      if (pick.checked) this.picked.set(flight.id, flight);
      else this.picked.delete(flight.id);
      this.showPicked();
    });
    const open = createElement('a', { className: 'flight-open', text: flight.callsign, attrs: { href: `#flights/${flight.id}` } });
    const booking = flight.bookingId ? 'booked' : flight.organisationId ? 'unbooked' : '—';
    return createElement('tr', {
      className: 'flight-row',
      data: { flightId: flight.id, violations: String(flight.violations), booked: String(flight.bookingId !== null), corridorId: flight.corridorId ?? '' },
    }, [
      cell(pick, 'pick'), cell(open), cell(this.options.corridorName(flight.corridorId)), cell(flight.organisationName ?? 'unregistered'),
      cell(formatUtc(flight.startedAtMs), 'time'), cell(flight.endedAtMs === null ? 'in flight' : formatDuration(flight.durationS), 'number'),
      cell(formatDistance(flight.distanceM), 'number'), cell(formatNumber(flight.maxAltitudeRelativeM, 'm'), 'number'),
      cell(formatNumber(flight.maxGroundSpeedMps, 'm/s', 1), 'number'),
      cell(String(flight.violations), flight.violations > 0 ? 'number has-violations' : 'number'), cell(booking),
      cell(flight.seal ? 'sealed' : flight.endedAtMs === null ? 'open' : 'not sealed', 'seal-state'),
    ]);
  }

  /** Enable "Replay together" for two or more flights of one corridor, and say why not otherwise. */
  private showPicked(): void {
    const corridors = new Set([...this.picked.values()].map((flight) => flight.corridorId));
    const canReplay = this.picked.size >= 2 && corridors.size === 1 && !corridors.has(null);
    this.elements.replay.disabled = !canReplay;
    this.elements.replayNote.textContent = canReplay ? `${this.picked.size} flights picked`
      : this.picked.size < 2 ? 'Pick two or more flights of one corridor to replay them together.' : 'The picked flights must be of one corridor.';
  }
}
