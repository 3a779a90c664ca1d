/**
 * A partner registers an aircraft for its own organisation: MAVLink system id, callsign, model,
 * serial number, weight class and, for aircraft that sign their MAVLink 2 packets, the signing
 * key. POST /api/aircraft; a refusal (a taken system id, a malformed key) is shown as the server
 * words it.
 */
import type { AircraftView } from '../server/contracts/index.ts';
import { ApiRequestError } from './api.ts';
import type { BookingsApi } from './bookings-api.ts';

// Static markup only: nothing the user or the server says is put into it as HTML.
const FORM_HTML = `
  <form id="aircraft-form" class="aircraft-form" novalidate>
    <div class="form-row">
      <label>System id <input id="aircraft-system-id" type="number" min="1" max="255" step="1" required /></label>
      <label>Callsign <input id="aircraft-callsign" type="text" maxlength="40" required /></label>
    </div>
    <div class="form-row">
      <label>Model <input id="aircraft-model" type="text" maxlength="200" required /></label>
      <label>Serial number <input id="aircraft-serial" type="text" maxlength="200" required /></label>
    </div>
    <label>Weight class
      <select id="aircraft-weight-class">
        <option value="under-250g">under 250 g</option>
        <option value="250g-2kg">250 g – 2 kg</option>
        <option value="2-25kg" selected>2 – 25 kg</option>
        <option value="25-150kg">25 – 150 kg</option>
        <option value="over-150kg">over 150 kg</option>
      </select>
    </label>
    <label>MAVLink 2 signing key (optional, 64 hex characters)
      <input id="aircraft-signing-key" type="text" maxlength="64" spellcheck="false" autocomplete="off" placeholder="leave empty for an unsigned aircraft" />
    </label>
    <p id="aircraft-error" class="form-error" role="alert" aria-live="assertive"></p>
    <p id="aircraft-result" class="form-result" role="status"></p>
    <button id="aircraft-submit" type="submit" class="primary">Register aircraft</button>
  </form>`;

const MESSAGES = {
  registered: (aircraft: AircraftView) => `Registered ${aircraft.callsign} (system id ${aircraft.systemId}${aircraft.isSigned ? ', signed' : ''}).`,
  unreachable: (error: unknown) => `Could not reach the server (${error instanceof Error ? error.message : String(error)}); try again.`,
} as const;

/** Fill `host` with the registration form; `onRegistered` runs after each aircraft the server accepts. */
export function showAircraftForm(host: HTMLElement, api: BookingsApi, onRegistered: (aircraft: AircraftView) => void): void {
  host.innerHTML = FORM_HTML;
  const field = <T extends HTMLElement>(id: string) => host.querySelector<T>(`#${id}`)!;
  const value = (id: string) => field<HTMLInputElement>(id).value.trim();
  const form = field<HTMLFormElement>('aircraft-form');
  const error = field('aircraft-error');
  const result = field('aircraft-result');
  const submit = field<HTMLButtonElement>('aircraft-submit');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.textContent = '';
    result.textContent = '';
    submit.disabled = true;
    api.registerAircraft({
      systemId: Number(value('aircraft-system-id')),
      callsign: value('aircraft-callsign'),
      model: value('aircraft-model'),
      serialNumber: value('aircraft-serial'),
      weightClass: field<HTMLSelectElement>('aircraft-weight-class').value as AircraftView['weightClass'],
      signingKey: value('aircraft-signing-key') || null,
    }).then(
      (aircraft) => {
        result.textContent = MESSAGES.registered(aircraft);
        for (const id of ['aircraft-system-id', 'aircraft-callsign', 'aircraft-serial', 'aircraft-signing-key']) field<HTMLInputElement>(id).value = '';
        onRegistered(aircraft);
      },
      (failure: unknown) => void (error.textContent = failure instanceof ApiRequestError ? failure.message : MESSAGES.unreachable(failure)),
    ).finally(() => (submit.disabled = false));
  });
}
