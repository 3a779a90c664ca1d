/**
 * Uploading a .tlog recorded by a ground station (admins and operators any; partners logs of their own
 * aircraft — the server decides again and audits it): the file's bytes go as application/octet-stream
 * and become flights checked against the zones and bookings in force at their recorded times.
 * Regulators are never shown this form: it is the only control in the Flights view that changes anything.
 */
import type { ApiError, GrantView, TlogImportView } from '../server/contracts/index.ts';
import { createElement } from './create-element.ts';

/** Whether the holder of `grants` may import flight logs (admins, operators of any corridor, partners). Throws nothing. */
export const canImportFlights = (grants: readonly GrantView[]) => grants.some((grant) => grant.role !== 'regulator');

/** The server takes names of letters, digits, spaces, dot, dash and underscore. */
const safeName = (name: string) => name.replace(/[^\w.\- ]+/g, '_').slice(0, 200) || 'upload.tlog';

export interface FlightImportOptions {
  csrfToken: string | null;
  /** Flights were imported: the list should show them. */
  onImported: (result: TlogImportView) => void;
}

/** Build the upload form into `host`. */
export function showFlightImport(host: HTMLElement, options: FlightImportOptions): void {
  const file = createElement('input', { attrs: { id: 'flight-import-file', type: 'file', accept: '.tlog,application/octet-stream', 'aria-label': '.tlog file' } });
  const submit = createElement('button', { className: 'primary', text: 'Import', attrs: { id: 'flight-import-submit', type: 'submit' } });
  const result = createElement('p', { className: 'form-result', attrs: { id: 'flight-import-result', role: 'status' } });
  const form = createElement('form', { className: 'flight-import', attrs: { id: 'flight-import' } }, [file, submit, result]);
  host.replaceChildren(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return void (result.textContent = 'Choose a .tlog file first.');
    submit.disabled = true;
    result.textContent = 'Importing…';
    void (async () => {
      const headers: Record<string, string> = { 'content-type': 'application/octet-stream', accept: 'application/json' };
      if (options.csrfToken) headers['x-csrf-token'] = options.csrfToken;
      const response = await fetch(`/api/flights/import?name=${encodeURIComponent(safeName(chosen.name))}`, { method: 'POST', headers, body: chosen, credentials: 'same-origin' });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as ApiError | null;
        throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
      }
      const imported = (await response.json()) as TlogImportView;
      result.textContent = `Imported ${imported.flightIds.length} flight(s), ${imported.positions} positions.`;
      options.onImported(imported);
    })().catch((error: unknown) => void (result.textContent = `Not imported: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => void (submit.disabled = false));
  });
}
