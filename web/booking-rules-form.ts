/**
 * A corridor's booking rules, for its operators (and admins) to set: opening hours in the
 * corridor's local time, daylight only, minimum notice, shortest and longest slot, and whether a
 * whole-corridor booking excludes everyone else. PUT /api/corridors/:id/booking-rules; the
 * server's refusal is shown as it words it. Also the one-line summary everyone else sees.
 */
import type { BookingRulesView } from '../server/contracts/index.ts';
import { ApiRequestError } from './api.ts';
import type { BookingsApi } from './bookings-api.ts';

// Static markup only: nothing the user or the server says is put into it as HTML. Hours are text,
// not <input type="time">, which cannot say 24:00 (a corridor open until midnight).
const FORM_HTML = `
  <form id="booking-rules-form" class="booking-rules-form" novalidate>
    <p id="rules-timezone" class="form-note"></p>
    <div class="form-row">
      <label>Opens at <input id="rules-opens-at" type="text" inputmode="numeric" pattern="[0-9]{2}:[0-9]{2}" placeholder="HH:MM" required /></label>
      <label>Closes at <input id="rules-closes-at" type="text" inputmode="numeric" pattern="[0-9]{2}:[0-9]{2}" placeholder="HH:MM (24:00 for midnight)" required /></label>
    </div>
    <label class="check"><input id="rules-daylight-only" type="checkbox" /> Daylight only (sunrise to sunset at the corridor's centre)</label>
    <label>Minimum notice (minutes) <input id="rules-min-lead" type="number" min="0" step="1" required /></label>
    <div class="form-row">
      <label>Shortest slot (min) <input id="rules-min-duration" type="number" min="1" step="1" required /></label>
      <label>Longest slot (min) <input id="rules-max-duration" type="number" min="1" step="1" required /></label>
    </div>
    <label class="check"><input id="rules-whole-corridor-exclusive" type="checkbox" /> A whole-corridor booking excludes every other booking at the same time</label>
    <p id="rules-error" class="form-error" role="alert" aria-live="assertive"></p>
    <p id="rules-result" class="form-result" role="status"></p>
    <button id="rules-submit" type="submit" class="primary">Save rules</button>
  </form>`;

const MESSAGES = {
  saved: 'Saved. New requests are judged by these rules.',
  unreachable: (error: unknown) => `Could not reach the server (${error instanceof Error ? error.message : String(error)}); try again.`,
} as const;

/** 'Open 06:00–18:00 Africa/Blantyre · daylight only · book 60 min ahead · slots 15–480 min'. */
export function describeRules(rules: BookingRulesView): string {
  return [
    `Open ${rules.opensAt}–${rules.closesAt} ${rules.timezone}`,
    ...(rules.daylightOnly ? ['daylight only'] : []),
    `book ${rules.minLeadMinutes} min ahead`,
    `slots ${rules.minDurationMinutes}–${rules.maxDurationMinutes} min`,
    ...(rules.wholeCorridorExclusive ? ['whole-corridor bookings exclusive'] : []),
  ].join(' · ');
}

export class BookingRulesForm {
  private corridorId: string | null = null;
  private readonly field = <T extends HTMLElement>(id: string) => this.host.querySelector<T>(`#${id}`)!;

  constructor(private readonly host: HTMLElement, private readonly api: BookingsApi, private readonly onSaved: (rules: BookingRulesView) => void) {
    host.innerHTML = FORM_HTML;
    this.field('booking-rules-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
  }

  /** Show `rules` (a corridor switch, or a save made elsewhere). */
  show(rules: BookingRulesView): void {
    if (this.corridorId !== rules.corridorId) {
      this.field('rules-error').textContent = '';
      this.field('rules-result').textContent = '';
    }
    this.corridorId = rules.corridorId;
    this.field('rules-timezone').textContent = `Hours are local to the corridor: ${rules.timezone}.`;
    this.input('rules-opens-at').value = rules.opensAt.slice(0, 5);
    this.input('rules-closes-at').value = rules.closesAt.slice(0, 5);
    this.input('rules-daylight-only').checked = rules.daylightOnly;
    this.input('rules-min-lead').value = String(rules.minLeadMinutes);
    this.input('rules-min-duration').value = String(rules.minDurationMinutes);
    this.input('rules-max-duration').value = String(rules.maxDurationMinutes);
    this.input('rules-whole-corridor-exclusive').checked = rules.wholeCorridorExclusive;
  }

  private input(id: string): HTMLInputElement {
    return this.field<HTMLInputElement>(id);
  }

  private async save(): Promise<void> {
    if (!this.corridorId) return;
    const error = this.field('rules-error');
    const result = this.field('rules-result');
    const submit = this.field<HTMLButtonElement>('rules-submit');
    error.textContent = '';
    result.textContent = '';
    submit.disabled = true;
    try {
      const saved = await this.api.saveRules(this.corridorId, {
        opensAt: this.input('rules-opens-at').value,
        closesAt: this.input('rules-closes-at').value,
        daylightOnly: this.input('rules-daylight-only').checked,
        minLeadMinutes: Number(this.input('rules-min-lead').value),
        minDurationMinutes: Number(this.input('rules-min-duration').value),
        maxDurationMinutes: Number(this.input('rules-max-duration').value),
        wholeCorridorExclusive: this.input('rules-whole-corridor-exclusive').checked,
      });
      result.textContent = MESSAGES.saved;
      this.onSaved(saved);
    } catch (failure) {
      error.textContent = failure instanceof ApiRequestError ? failure.message : MESSAGES.unreachable(failure);
    } finally {
      submit.disabled = false;
    }
  }
}
