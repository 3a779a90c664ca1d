/**
 * The fields of a zone's rule, for its corridor's operators: name, kind, restriction class,
 * altitude band and reference, margin, an optional time window in the corridor's local time, and
 * provenance (approximate, note). fill() shows a zone (or a new one's defaults); read() gives the
 * API's ZoneFields or says which field is wrong; changesFrom() keeps only what differs from a
 * stored version, so a PUT sends just the change.
 */
import type { ZoneVersionView } from '../server/contracts/index.ts';
import type { ZoneFields } from './zone-api.ts';
import { windowInputOf, windowMsOf } from './zone-window.ts';
import { offsetLabel } from './zoned-time.ts';

// Static markup only: zone names and notes are other people's words and go in as values, never as HTML.
const FORM_HTML = `
  <label>Name <input id="zone-name" type="text" maxlength="200" required /></label>
  <div class="form-row">
    <label>Kind
      <select id="zone-kind"><option value="exclusion">exclusion (keep out)</option><option value="inclusion">inclusion (stay inside)</option></select>
    </label>
    <label>Restriction class
      <select id="zone-restriction"><option value="prohibited">prohibited</option><option value="authorisation">authorisation</option><option value="conditional">conditional</option></select>
    </label>
  </div>
  <div class="form-row three">
    <label>Lowest (m) <input id="zone-altitude-min" type="number" step="any" required /></label>
    <label>Highest (m) <input id="zone-altitude-max" type="number" step="any" required /></label>
    <label>Reference <select id="zone-altitude-reference"><option value="AGL">AGL</option><option value="MSL">MSL</option></select></label>
  </div>
  <label>Margin around it (m) <input id="zone-margin" type="number" min="0" step="any" required /></label>
  <fieldset class="zone-window">
    <legend>In force (leave empty for always)</legend>
    <div class="form-row">
      <label>From <input id="zone-window-start" type="datetime-local" /></label>
      <label>Until <input id="zone-window-end" type="datetime-local" /></label>
    </div>
    <p id="zone-timezone" class="form-note"></p>
  </fieldset>
  <label class="check"><input id="zone-approximate" type="checkbox" /> Position or extent approximate</label>
  <label>Note <textarea id="zone-note" rows="2" maxlength="2000"></textarea></label>`;

/** A new zone's rule until someone changes it: the commonest case, a no-fly area up to 120 m. */
const NEW_ZONE: ZoneFields = {
  name: '', kind: 'exclusion', restriction: 'prohibited', altitudeMinM: 0, altitudeMaxM: 120, altitudeReference: 'AGL',
  marginM: 0, windowStartMs: null, windowEndMs: null, isApproximate: false, note: null,
};

const MESSAGES = {
  noName: 'Give the zone a name.',
  notNumber: (label: string) => `${label}: give a number of metres.`,
  badWindow: (label: string, problem: string) => `${label}: ${problem}.`,
  timeZone: (zone: string, offset: string) => `Times are local to the corridor: ${zone} (${offset}).`,
} as const;

const FIELD_NAMES = Object.keys(NEW_ZONE) as Array<keyof ZoneFields>;

export class ZoneForm {
  private timeZone = 'UTC';
  private readonly field = <T extends HTMLElement>(id: string) => this.host.querySelector<T>(`#${id}`)!;

  constructor(private readonly host: HTMLElement) {
    host.innerHTML = FORM_HTML;
  }

  /** Show `zone`'s rule (or a new zone's defaults), its window in `timeZone`'s wall time. */
  fill(zone: ZoneFields | null, timeZone: string): void {
    const fields = zone ?? NEW_ZONE;
    this.timeZone = timeZone;
    this.input('zone-name').value = fields.name;
    this.select('zone-kind').value = fields.kind;
    this.select('zone-restriction').value = fields.restriction;
    this.input('zone-altitude-min').value = String(fields.altitudeMinM);
    this.input('zone-altitude-max').value = String(fields.altitudeMaxM);
    this.select('zone-altitude-reference').value = fields.altitudeReference;
    this.input('zone-margin').value = String(fields.marginM);
    this.input('zone-window-start').value = windowInputOf(fields.windowStartMs, timeZone);
    this.input('zone-window-end').value = windowInputOf(fields.windowEndMs, timeZone);
    this.input('zone-approximate').checked = fields.isApproximate;
    this.field<HTMLTextAreaElement>('zone-note').value = fields.note ?? '';
    this.field('zone-timezone').textContent = MESSAGES.timeZone(timeZone, offsetLabel(timeZone, fields.windowStartMs ?? Date.now()));
  }

  /** The rule as typed, or a message naming the first field that is not usable. */
  read(): { fields: ZoneFields } | { problem: string } {
    const name = this.input('zone-name').value.trim();
    if (name === '') return { problem: MESSAGES.noName };
    const numbers: Array<[string, string]> = [['zone-altitude-min', 'Lowest'], ['zone-altitude-max', 'Highest'], ['zone-margin', 'Margin']];
    for (const [id, label] of numbers) if (this.input(id).value.trim() === '' || !Number.isFinite(this.input(id).valueAsNumber)) return { problem: MESSAGES.notNumber(label) };
    const window: Array<number | null> = [];
    for (const [id, label] of [['zone-window-start', 'From'], ['zone-window-end', 'Until']] as const) {
      try {
        window.push(windowMsOf(this.input(id).value, this.timeZone));
      } catch (error) {
        return { problem: MESSAGES.badWindow(label, (error as Error).message) };
      }
    }
    const note = this.field<HTMLTextAreaElement>('zone-note').value.trim();
    return {
      fields: {
        name,
        kind: this.select('zone-kind').value as ZoneFields['kind'],
        restriction: this.select('zone-restriction').value as ZoneFields['restriction'],
        altitudeMinM: this.input('zone-altitude-min').valueAsNumber,
        altitudeMaxM: this.input('zone-altitude-max').valueAsNumber,
        altitudeReference: this.select('zone-altitude-reference').value as ZoneFields['altitudeReference'],
        marginM: this.input('zone-margin').valueAsNumber,
        windowStartMs: window[0] ?? null,
        windowEndMs: window[1] ?? null,
        isApproximate: this.input('zone-approximate').checked,
        note: note === '' ? null : note,
      },
    };
  }

  setDisabled(isDisabled: boolean): void {
    for (const control of this.host.querySelectorAll<HTMLInputElement>('input, select, textarea')) control.disabled = isDisabled;
  }

  private input(id: string): HTMLInputElement {
    return this.field<HTMLInputElement>(id);
  }

  private select(id: string): HTMLSelectElement {
    return this.field<HTMLSelectElement>(id);
  }
}

/** The window inputs show whole minutes: a stored end with seconds, shown and read back unchanged, is no change. */
const WINDOW_FIELDS: ReadonlySet<keyof ZoneFields> = new Set(['windowStartMs', 'windowEndMs']);
const isSameMinute = (a: unknown, b: unknown) => typeof a === 'number' && typeof b === 'number' && Math.floor(a / 60_000) === Math.floor(b / 60_000);

/** The fields of `fields` that differ from the stored version `current`. */
export function changesFrom(fields: ZoneFields, current: ZoneVersionView): Partial<ZoneFields> {
  const changes: Partial<ZoneFields> = {};
  for (const name of FIELD_NAMES) {
    if (fields[name] === current[name] || (WINDOW_FIELDS.has(name) && isSameMinute(fields[name], current[name]))) continue;
    Object.assign(changes, { [name]: fields[name] });
  }
  return changes;
}
