/**
 * Importing a corridor's zones from a file, for its operators and admins: a GeoJSON
 * FeatureCollection (the platform's own exchange form, as exported) or an ED-269 (EUROCAE UAS
 * geographical zones) document. The server stores all of the file's zones or none; when it refuses
 * it names every bad zone and where, one per line, and that message is shown as it is.
 */
import { ApiRequestError } from './api.ts';
import type { ZoneApi, ZoneFileFormat } from './zone-api.ts';

const IMPORT_HTML = `
  <form id="zone-import-form" class="zone-form" novalidate>
    <div class="form-row">
      <label>Format
        <select id="zone-import-format"><option value="geojson">GeoJSON FeatureCollection</option><option value="ed269">ED-269 (JSON)</option></select>
      </label>
      <label>File <input id="zone-import-file" type="file" accept=".json,.geojson,application/json,application/geo+json" /></label>
    </div>
    <p class="form-note">All of the file's zones are stored, or none: a refusal names each zone to put right.</p>
    <pre id="zone-import-error" class="form-error zone-import-error" role="alert"></pre>
    <p id="zone-import-result" class="form-result" role="status"></p>
    <button id="zone-import-submit" type="submit" class="primary">Import</button>
  </form>`;

const MESSAGES = {
  noFile: 'Choose a file to import.',
  notJson: (name: string, error: unknown) => `${name} is not JSON (${error instanceof Error ? error.message : String(error)}).`,
  imported: (count: number, names: readonly string[]) => `Imported ${count} zone${count === 1 ? '' : 's'}: ${names.join(', ')}.`,
  unreachable: (error: unknown) => `Could not reach the server (${error instanceof Error ? error.message : String(error)}); try again.`,
} as const;

export interface ZoneImportOptions {
  api: ZoneApi;
  corridorId: () => string;
  /** The zones were stored: reload them. */
  onImported: () => Promise<void>;
}

export class ZoneImport {
  private readonly field = <T extends HTMLElement>(id: string) => this.host.querySelector<T>(`#${id}`)!;

  constructor(private readonly host: HTMLElement, private readonly options: ZoneImportOptions) {
    host.innerHTML = IMPORT_HTML;
    this.field('zone-import-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
  }

  /** A corridor switch: old messages no longer apply. */
  reset(): void {
    this.field('zone-import-error').textContent = '';
    this.field('zone-import-result').textContent = '';
  }

  private async submit(): Promise<void> {
    const file = this.field<HTMLInputElement>('zone-import-file').files?.[0];
    const button = this.field<HTMLButtonElement>('zone-import-submit');
    this.reset();
    if (!file) return void (this.field('zone-import-error').textContent = MESSAGES.noFile);
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch (error) {
      return void (this.field('zone-import-error').textContent = MESSAGES.notJson(file.name, error));
    }
    button.disabled = true;
    try {
      const format = this.field<HTMLSelectElement>('zone-import-format').value as ZoneFileFormat;
      const created = await this.options.api.importFile(this.options.corridorId(), format, document);
      this.field('zone-import-result').textContent = MESSAGES.imported(created.length, created.map((zone) => zone.name));
      this.field<HTMLInputElement>('zone-import-file').value = '';
      await this.options.onImported();
    } catch (error) {
      this.field('zone-import-error').textContent = error instanceof ApiRequestError ? error.message : MESSAGES.unreachable(error);
    } finally {
      button.disabled = false;
    }
  }
}
