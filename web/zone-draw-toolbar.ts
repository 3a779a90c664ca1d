/**
 * The buttons above the Zones map for those who may change zones: draw a polygon or a circle (a
 * new zone, or a new shape for the one being edited), Finish, Cancel, the circle's radius in
 * metres, and a line saying what the next click does. The drawing itself is ZoneDrawing's.
 */
import type { DrawingState, ZoneDrawing } from './zone-drawing.ts';

const TOOLBAR_HTML = `
  <button id="zone-draw-polygon" type="button">Draw polygon</button>
  <button id="zone-draw-circle" type="button">Draw circle</button>
  <label class="zone-radius">Radius (m) <input id="zone-radius" type="number" min="1" step="any" disabled /></label>
  <button id="zone-draw-finish" type="button" class="primary" disabled>Finish</button>
  <button id="zone-draw-cancel" type="button" disabled>Cancel</button>
  <span id="zone-draw-status" class="zone-draw-status" role="status"></span>`;

const formatMetres = (metres: number) => `${Math.round(metres).toLocaleString('en-GB')} m`;

/** What the status line says for `state` (while drawing: what the next click does). */
export function describeDrawing(state: DrawingState): string {
  if (state.mode === 'polygon') {
    if (state.corners < 3) return `Click the map to place corners (${state.corners} so far, at least 3).`;
    return `${state.corners} corners: click the first corner or Finish to close the polygon.`;
  }
  if (state.mode === 'circle') return state.hasCenter ? 'Click the edge of the circle, or type its radius.' : 'Click the centre of the circle.';
  if (state.mode === 'done' && state.shape === 'polygon') return `Polygon with ${state.corners} corners: drag a corner to move it.`;
  if (state.mode === 'done' && state.shape === 'circle') return `Circle, radius ${formatMetres(state.radiusM ?? 0)}: drag its centre or edge, or type a radius.`;
  return 'Draw a polygon or a circle for a new zone, or choose a zone to change it.';
}

export interface ZoneDrawToolbarOptions {
  /** A drawing began (the page opens the form for a new zone when none is being edited). */
  onStart: () => void;
  /** Cancel was pressed: the page drops the new zone, or restores the edited zone's shape. */
  onCancel: () => void;
}

export class ZoneDrawToolbar {
  private readonly field = <T extends HTMLElement>(id: string) => this.host.querySelector<T>(`#${id}`)!;

  constructor(private readonly host: HTMLElement, drawing: ZoneDrawing, options: ZoneDrawToolbarOptions) {
    host.innerHTML = TOOLBAR_HTML;
    this.field('zone-draw-polygon').addEventListener('click', () => {
      options.onStart();
      drawing.startPolygon();
    });
    this.field('zone-draw-circle').addEventListener('click', () => {
      options.onStart();
      drawing.startCircle();
    });
    this.field('zone-draw-finish').addEventListener('click', () => drawing.finish());
    this.field('zone-draw-cancel').addEventListener('click', () => options.onCancel());
    const radius = this.field<HTMLInputElement>('zone-radius');
    // As typed, so the circle on the map follows the number.
    radius.addEventListener('input', () => drawing.setRadiusM(radius.valueAsNumber));
  }

  /** Follow the drawing: enable what applies and say what the next click does. */
  show(state: DrawingState): void {
    const isDrawing = state.mode === 'polygon' || state.mode === 'circle';
    this.field<HTMLButtonElement>('zone-draw-finish').disabled = !isDrawing;
    // Something to cancel: a drawing under way, or a shape not yet saved (new, or reshaped).
    this.field<HTMLButtonElement>('zone-draw-cancel').disabled = !isDrawing && !state.isChanged;
    const radius = this.field<HTMLInputElement>('zone-radius');
    radius.disabled = state.shape !== 'circle';
    if (state.shape === 'circle' && state.radiusM !== null) radius.value = String(Math.round(state.radiusM));
    if (state.shape !== 'circle') radius.value = '';
    this.field('zone-draw-status').textContent = describeDrawing(state);
    this.host.dataset.mode = state.mode;
  }
}
