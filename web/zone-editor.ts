/**
 * The editor panel of the Zones view, for a corridor's operators and admins: a new zone (its rule
 * in the form, its area drawn on the map) saved with POST; a chosen zone changed — fields, shape or
 * both — with PUT, which the server stores as the next version; or retired, after a confirmation,
 * with DELETE. Refusals are shown in the server's words; a 409 (someone changed or retired the zone
 * first) is shown too, and the page reloads the zones so the current version is what is edited.
 */
import type { ZoneVersionView } from '../server/contracts/index.ts';
import { ApiRequestError } from './api.ts';
import type { ZoneApi } from './zone-api.ts';
import type { ZoneDrawing } from './zone-drawing.ts';
import { changesFrom, ZoneForm } from './zone-form.ts';
import { singlePolygonOf } from './zone-ring.ts';

const EDITOR_HTML = `
  <h2 id="zone-editor-title"></h2>
  <form id="zone-form" class="zone-form" novalidate>
    <div id="zone-fields" class="zone-fields"></div>
    <p id="zone-shape-note" class="form-note"></p>
    <p id="zone-error" class="form-error" role="alert"></p>
    <p id="zone-result" class="form-result" role="status"></p>
    <div class="zone-actions">
      <button id="zone-save" type="submit" class="primary"></button>
      <button id="zone-retire" type="button" class="danger">Retire…</button>
      <button id="zone-close" type="button"></button>
    </div>
    <div id="zone-retire-confirm" class="zone-confirm" hidden>
      <p id="zone-retire-question"></p>
      <button id="zone-retire-confirm-button" type="button" class="danger">Retire zone</button>
      <button id="zone-retire-keep" type="button">Keep it</button>
    </div>
  </form>`;

const MESSAGES = {
  newTitle: 'New zone',
  editTitle: (zone: ZoneVersionView) => `Edit “${zone.name}” (version ${zone.version})`,
  drawFirst: 'Draw the zone on the map first: a polygon (close it with Finish or its first corner) or a circle.',
  finishFirst: 'Finish or cancel the drawing on the map first.',
  nothingChanged: 'Nothing to save: change a field or the shape first.',
  multiPolygon: 'This zone has several parts: its shape can be replaced (draw a polygon or a circle) but not reshaped here.',
  reshape: 'Drag its corners, centre or edge on the map, or draw a new shape to replace it.',
  retireQuestion: (zone: ZoneVersionView) => `Retire “${zone.name}”? It stops applying to flights at once; its versions stay in the history.`,
  unreachable: (error: unknown) => `Could not reach the server (${error instanceof Error ? error.message : String(error)}); try again.`,
} as const;

/** What the page does after a stored change or a conflict: reload the zones and show `lineageId`'s current version (null: none). */
export type AfterChange = (next: { lineageId: string | null; result?: string; error?: string }) => Promise<void>;

/** Something the person must put right before anything is sent; shown as it is. */
class FormProblem extends Error {}

type Editing = { mode: 'none' } | { mode: 'new' } | { mode: 'edit'; zone: ZoneVersionView };

export interface ZoneEditorOptions {
  api: ZoneApi;
  drawing: ZoneDrawing;
  /** The corridor shown and its IANA time zone. */
  corridor: () => { id: string; timeZone: string };
  afterChange: AfterChange;
}

export class ZoneEditor {
  private editing: Editing = { mode: 'none' };
  private readonly form: ZoneForm;
  private readonly field = <T extends HTMLElement>(id: string) => this.section.querySelector<T>(`#${id}`)!;

  constructor(private readonly section: HTMLElement, private readonly options: ZoneEditorOptions) {
    section.innerHTML = EDITOR_HTML;
    this.form = new ZoneForm(this.field('zone-fields'));
    this.field('zone-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run(() => this.save());
    });
    this.field('zone-retire').addEventListener('click', () => this.askToRetire(true));
    this.field('zone-retire-keep').addEventListener('click', () => this.askToRetire(false));
    this.field('zone-retire-confirm-button').addEventListener('click', () => void this.run(() => this.retire()));
    this.field('zone-close').addEventListener('click', () => this.close());
    this.close();
  }

  /** The zone being edited (its lineage), if any. */
  editedLineageId = () => (this.editing.mode === 'edit' ? this.editing.zone.lineageId : null);
  isOpen = () => this.editing.mode !== 'none';

  /** Open the form for a new zone, unless one is already being drawn or edited. */
  startNew(): void {
    if (this.editing.mode !== 'none') return;
    this.editing = { mode: 'new' };
    this.open(null, MESSAGES.newTitle, 'Save zone', 'Discard');
  }

  /** Open `zone` (a current version) for changes, with a message from what happened before. */
  edit(zone: ZoneVersionView, notice: { result?: string; error?: string } = {}): void {
    this.editing = { mode: 'edit', zone };
    this.open(zone, MESSAGES.editTitle(zone), 'Save changes', 'Close');
    this.options.drawing.edit(zone);
    this.field('zone-shape-note').textContent = zone.circle || singlePolygonOf(zone.geometry) ? MESSAGES.reshape : MESSAGES.multiPolygon;
    this.field('zone-result').textContent = notice.result ?? '';
    this.field('zone-error').textContent = notice.error ?? '';
  }

  /** Cancel on the map: a new zone is dropped; an edited zone gets its stored shape back. */
  cancelDrawing(): void {
    if (this.editing.mode === 'edit') this.options.drawing.edit(this.editing.zone);
    else this.close();
  }

  close(): void {
    this.editing = { mode: 'none' };
    this.options.drawing.clear();
    this.section.hidden = true;
  }

  private open(zone: ZoneVersionView | null, title: string, saveLabel: string, closeLabel: string): void {
    this.form.fill(zone, this.options.corridor().timeZone);
    this.field('zone-editor-title').textContent = title;
    this.field('zone-save').textContent = saveLabel;
    this.field('zone-close').textContent = closeLabel;
    this.field('zone-retire').hidden = zone === null;
    this.field('zone-shape-note').textContent = '';
    this.field('zone-error').textContent = '';
    this.field('zone-result').textContent = '';
    this.askToRetire(false);
    this.section.hidden = false;
  }

  private askToRetire(isAsking: boolean): void {
    const confirm = this.field('zone-retire-confirm');
    confirm.hidden = !isAsking;
    if (isAsking && this.editing.mode === 'edit') this.field('zone-retire-question').textContent = MESSAGES.retireQuestion(this.editing.zone);
  }

  /** Run one request with the buttons disabled; show its refusal, and reload after a 409. */
  private async run(action: () => Promise<void>): Promise<void> {
    const buttons = [...this.section.querySelectorAll('button')];
    buttons.forEach((button) => (button.disabled = true));
    this.field('zone-error').textContent = '';
    this.field('zone-result').textContent = '';
    try {
      await action();
    } catch (error) {
      const message = error instanceof ApiRequestError || error instanceof FormProblem ? error.message : MESSAGES.unreachable(error);
      if (error instanceof ApiRequestError && error.status === 409) {
        await this.options.afterChange({ lineageId: this.editedLineageId(), error: message });
      } else {
        this.field('zone-error').textContent = message;
      }
    } finally {
      buttons.forEach((button) => (button.disabled = false));
    }
  }

  private async save(): Promise<void> {
    const read = this.form.read();
    if ('problem' in read) throw new FormProblem(read.problem);
    const { drawing, api } = this.options;
    if (drawing.isTakingClicks()) throw new FormProblem(MESSAGES.finishFirst);
    const area = drawing.area();
    if (this.editing.mode === 'new') {
      if (!area) throw new FormProblem(MESSAGES.drawFirst);
      const created = await api.create(this.options.corridor().id, { ...read.fields, ...area });
      await this.options.afterChange({ lineageId: created.lineageId, result: `Saved “${created.name}” as version ${created.version}.` });
    } else if (this.editing.mode === 'edit') {
      const { zone } = this.editing;
      const changes = { ...changesFrom(read.fields, zone), ...(area && drawing.state().isChanged ? area : {}) };
      if (Object.keys(changes).length === 0) throw new FormProblem(MESSAGES.nothingChanged);
      const revised = await api.revise(zone.id, changes);
      await this.options.afterChange({ lineageId: revised.lineageId, result: `Saved “${revised.name}” as version ${revised.version}.` });
    }
  }

  private async retire(): Promise<void> {
    if (this.editing.mode !== 'edit') return;
    const { zone } = this.editing;
    await this.options.api.retire(zone.id);
    await this.options.afterChange({ lineageId: null, result: `Retired “${zone.name}”; its versions stay in the history.` });
  }
}
