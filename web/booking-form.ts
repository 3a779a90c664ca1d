/**
 * The partner's request for a test slot: aircraft (or any of theirs), date and start/end in the
 * corridor's local time (the zone is named beside them), altitude band, purpose, pilot in command,
 * and the whole corridor or an area drawn on a small map of the corridor. It sends
 * POST /api/bookings and shows a refusal in the server's own words (a conflict's window also in
 * local time) — the server, not this form, knows the rules (hours, daylight, lead time, ceiling,
 * overlaps).
 */
import type { AircraftView, BookingView, BookingRulesView, CorridorView } from '../server/contracts/index.ts';
import { ApiRequestError } from './api.ts';
import { AreaDrawing } from './area-drawing.ts';
import type { BookingsApi } from './bookings-api.ts';
import { withLocalConflictWindow } from './conflict-window.ts';
import { CorridorSketchMap, type SketchArea } from './corridor-sketch-map.ts';
import { createElement } from './create-element.ts';
import type { Interval } from './timeline-layout.ts';
import { addDays, describeWindow, offsetLabel, zonedClockOf, zonedTimeToMs } from './zoned-time.ts';

// Static markup only: nothing the user or the server says is put into it as HTML.
const FORM_HTML = `
  <form id="booking-form" class="booking-form" novalidate>
    <label>Aircraft <select id="booking-aircraft"></select></label>
    <label>Date <input id="booking-date" type="date" required /></label>
    <div class="form-row">
      <label>Start <input id="booking-start" type="time" required /></label>
      <label>End <input id="booking-end" type="time" required /></label>
    </div>
    <p id="booking-timezone" class="form-note"></p>
    <div class="form-row">
      <label>Lowest (m) <input id="booking-altitude-min" type="number" min="0" step="1" required /></label>
      <label>Highest (m) <input id="booking-altitude-max" type="number" min="1" step="1" required /></label>
    </div>
    <label>Purpose <input id="booking-purpose" type="text" maxlength="500" placeholder="e.g. BVLOS medical delivery trial" /></label>
    <label>Pilot in command <input id="booking-pilot" type="text" maxlength="200" /></label>
    <fieldset class="area-choice">
      <legend>Area</legend>
      <label><input type="radio" name="booking-area" value="whole" checked /> Whole corridor</label>
      <label><input type="radio" name="booking-area" value="drawn" /> Drawn area</label>
      <button id="booking-area-clear" type="button">Clear</button>
      <span id="booking-area-status" class="form-note"></span>
    </fieldset>
    <p id="booking-error" class="form-error" role="alert" aria-live="assertive"></p>
    <p id="booking-result" class="form-result" role="status"></p>
    <button id="booking-submit" type="submit" class="primary">Request booking</button>
  </form>`;

const MESSAGES = {
  drawHint: 'Click the map to add corners.',
  corners: (count: number) => (count >= 3 ? `${count} corners drawn.` : `${count} of at least 3 corners — keep clicking the map.`),
  needArea: 'Draw the area with at least three corners on the map, or choose the whole corridor.',
  needTimes: 'Choose a date, a start time and an end time.',
  requested: (window: string) => `Requested ${window}: waiting for the corridor operator's decision.`,
  unreachable: (error: unknown) => `Could not reach the server (${error instanceof Error ? error.message : String(error)}); try again.`,
} as const;

export interface BookingFormContext {
  corridor: CorridorView;
  rules: BookingRulesView;
  /** The organisation's aircraft in service. */
  aircraft: readonly AircraftView[];
  date: string;
}

export interface BookingFormOptions {
  api: BookingsApi;
  /** The date field changed: the page shows that day's availability. */
  onDateChange: (date: string) => void;
  onRequested: (booking: BookingView) => void;
}

/** The end instant: an end of 00:00 is the midnight that closes `date` (a time input cannot say 24:00). */
function endOf(date: string, clock: string, timeZone: string): number {
  return clock === '00:00' ? zonedTimeToMs(addDays(date, 1), clock, timeZone) : zonedTimeToMs(date, clock, timeZone);
}

export class BookingForm {
  private readonly sketch: CorridorSketchMap;
  private readonly drawing: AreaDrawing;
  private context: BookingFormContext | null = null;
  private readonly field = <T extends HTMLElement>(id: string) => this.host.querySelector<T>(`#${id}`)!;

  constructor(private readonly host: HTMLElement, mapElement: HTMLElement, private readonly options: BookingFormOptions) {
    host.innerHTML = FORM_HTML;
    this.sketch = new CorridorSketchMap(mapElement, { isInteractive: false });
    this.drawing = new AreaDrawing(this.sketch.map, {
      onChange: (corners) => {
        if (corners > 0) this.areaRadio('drawn').checked = true;
        this.field('booking-area-status').textContent = corners === 0 ? MESSAGES.drawHint : MESSAGES.corners(corners);
      },
    });
    this.drawing.setEnabled(true);
    this.field('booking-area-status').textContent = MESSAGES.drawHint;
    this.field('booking-area-clear').addEventListener('click', () => this.drawing.clear());
    this.field<HTMLInputElement>('booking-date').addEventListener('change', (event) => {
      const date = (event.target as HTMLInputElement).value;
      if (date) options.onDateChange(date);
    });
    this.field('booking-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
  }

  /** Book in `context.corridor` on `context.date` (a new corridor clears the drawing and resets the band). */
  show(context: BookingFormContext): void {
    const isNewCorridor = this.context?.corridor.id !== context.corridor.id;
    this.context = context;
    const select = this.field<HTMLSelectElement>('booking-aircraft');
    const chosen = select.value;
    select.replaceChildren(new Option('Any of our aircraft', ''), ...context.aircraft.map((aircraft) => new Option(`${aircraft.callsign} (system id ${aircraft.systemId})`, aircraft.id)));
    if (context.aircraft.some((aircraft) => aircraft.id === chosen)) select.value = chosen;
    this.setDate(context.date);
    const { timezone } = context.rules;
    this.field('booking-timezone').textContent = `Times are local to the corridor: ${timezone} (${offsetLabel(timezone, zonedTimeToMs(context.date, '12:00', timezone))}). An end of 00:00 is midnight at the end of the day.`;
    if (isNewCorridor) {
      this.field<HTMLInputElement>('booking-altitude-min').value = '0';
      this.field<HTMLInputElement>('booking-altitude-max').value = String(context.corridor.ceilingM);
      this.field<HTMLInputElement>('booking-altitude-max').title = `Corridor ceiling ${context.corridor.ceilingM} m ${context.corridor.ceilingReference}`;
      this.sketch.showCorridor(context.corridor);
      this.drawing.clear();
      this.areaRadio('whole').checked = true;
    }
  }

  setDate(date: string): void {
    this.field<HTMLInputElement>('booking-date').value = date;
  }

  /** Fill the start and end from a window (a free window picked on the timeline). */
  setWindow(window: Interval): void {
    if (!this.context) return;
    const { timezone } = this.context.rules;
    this.field<HTMLInputElement>('booking-start').value = zonedClockOf(window.startsAtMs, timezone);
    this.field<HTMLInputElement>('booking-end').value = zonedClockOf(window.endsAtMs, timezone);
  }

  /** The day's booked areas, for context while drawing. */
  showTaken(areas: readonly SketchArea[]): void {
    this.sketch.showAreas(areas);
  }

  resized(): void {
    this.sketch.resized();
  }

  private areaRadio(value: 'whole' | 'drawn'): HTMLInputElement {
    return this.host.querySelector<HTMLInputElement>(`input[name="booking-area"][value="${value}"]`)!;
  }

  private async submit(): Promise<void> {
    const { context } = this;
    if (!context) return;
    const value = (id: string) => this.field<HTMLInputElement>(id).value.trim();
    const error = this.field('booking-error');
    const result = this.field('booking-result');
    error.textContent = '';
    result.textContent = '';
    const [date, start, end] = [value('booking-date'), value('booking-start'), value('booking-end')];
    if (!date || !start || !end) return void (error.textContent = MESSAGES.needTimes);
    const isDrawn = this.areaRadio('drawn').checked;
    const area = isDrawn ? this.drawing.polygon() : null;
    if (isDrawn && !area) return void (error.textContent = MESSAGES.needArea);
    const { timezone } = context.rules;
    const submit = this.field<HTMLButtonElement>('booking-submit');
    submit.disabled = true;
    try {
      const booking = await this.options.api.requestBooking({
        corridorId: context.corridor.id,
        aircraftId: this.field<HTMLSelectElement>('booking-aircraft').value || null,
        startsAt: new Date(zonedTimeToMs(date, start, timezone)).toISOString(),
        endsAt: new Date(endOf(date, end, timezone)).toISOString(),
        area,
        altitudeMinM: Number(value('booking-altitude-min')),
        altitudeMaxM: Number(value('booking-altitude-max')),
        purpose: value('booking-purpose'),
        pilotInCommand: value('booking-pilot'),
      });
      result.replaceChildren(createElement('span', { text: MESSAGES.requested(describeWindow(booking.startsAtMs, booking.endsAtMs, timezone)), data: { bookingId: booking.id } }));
      this.drawing.clear();
      this.options.onRequested(booking);
    } catch (failure) {
      const explained = withLocalConflictWindow(failure, timezone);
      error.textContent = explained instanceof ApiRequestError ? explained.message : MESSAGES.unreachable(explained);
    } finally {
      submit.disabled = false;
    }
  }
}
