/**
 * Every aircraft on one canvas: an arrow rotated to its heading and coloured by its display
 * state (aircraft-state.ts), a ring for the selected one and for the aircraft of the selected
 * alert, and a label with callsign (or partner) and height. Arrows of one colour are filled as
 * one path, so 500 aircraft cost a handful of fills a frame, not 500 DOM nodes; a click is
 * hit-tested against where each arrow was last drawn.
 *
 * Observability: after each frame the canvas carries data-drawn (aircraft drawn) and
 * data-drawn-lost, and dispatches 'aircraft-drawn' with how long each newly drawn position took
 * from the server receiving it (its lastPositionAtMs) and from the page receiving it to this
 * frame — the load test reads it.
 */
import type L from 'leaflet';
import type { VehicleView } from '../server/contracts/index.ts';
import { aircraftLabel, displayStateOf, STATE_COLOURS, type AircraftDisplayState, type LabelMode } from './aircraft-state.ts';
import { CanvasOverlay, type CanvasFrame } from './live-canvas-overlay.ts';
import type { LiveFleet } from './live-fleet.ts';

/** Above this many aircraft in view only those in breach, lost or approaching (and the selected one) are labelled, and unregistered ones not ringed. */
const LABEL_LIMIT = 150;
/** How close (px) a click must be to an arrow to pick it. */
const HIT_RADIUS_PX = 14;
/** Drawn last (on top): the most urgent. */
const DRAW_ORDER: readonly AircraftDisplayState[] = ['nominal', 'unbooked', 'approaching', 'lost', 'breach'];
/** The arrow, nose up, in px around its centre (as the old SVG marker: M12 2 L20 21 L12 16 L4 21 Z). */
const ARROW: ReadonlyArray<readonly [number, number]> = [[0, -10], [8, 9], [0, 4], [-8, 9]];

/** The detail of the 'aircraft-drawn' event. */
export interface AircraftDrawnDetail {
  atMs: number;
  drawn: number;
  /** ms from the server receiving each position to the frame that first drew it (same clock on one machine). */
  lagsMs: number[];
  /** ms from the page receiving each position (its socket event) to that frame. */
  pageLagsMs: number[];
  /** How long this frame's drawing took, ms. */
  drawMs: number;
}

interface Placed {
  vehicle: VehicleView;
  state: AircraftDisplayState;
  x: number;
  y: number;
}

export class AircraftCanvasLayer {
  readonly overlay: CanvasOverlay;
  private selectedId: string | null = null;
  private highlightedId: string | null = null;
  /** Where each aircraft was last drawn, in container px, for hit tests. */
  private placed: Array<{ id: string; x: number; y: number }> = [];
  /** Positions received since the last frame: vehicle id → when the server and the page received them. */
  private readonly unseen = new Map<string, { serverMs: number; pageMs: number }>();

  constructor(
    private readonly fleet: LiveFleet,
    private readonly labelMode: () => LabelMode,
  ) {
    // New positions redraw at most 10 times a second (each aircraft reports twice a second); panning and zooming at every frame.
    this.overlay = new CanvasOverlay({ pane: 'aircraft', paneZIndex: 450, className: 'aircraft-canvas', marginRatio: 0.1, dataIntervalMs: 100, draw: (frame) => this.draw(frame) });
  }

  /** A vehicle changed: draw it in the next frame. */
  updated(vehicle: VehicleView): void {
    if (vehicle.position) this.unseen.set(vehicle.id, { serverMs: vehicle.lastPositionAtMs ?? vehicle.lastHeardAtMs, pageMs: Date.now() });
    this.overlay.requestDataDraw();
  }

  /** Ring the selected aircraft (null: none). */
  select(vehicleId: string | null): void {
    this.selectedId = vehicleId;
    this.overlay.requestDraw();
  }

  /** Ring the aircraft of the selected alert (null: none). */
  highlight(vehicleId: string | null): void {
    this.highlightedId = vehicleId;
    this.overlay.requestDraw();
  }

  /** The aircraft drawn nearest to `point` (container px) within HIT_RADIUS_PX, if any. */
  hitTest(point: L.Point): string | null {
    let best: string | null = null;
    let bestDistance = HIT_RADIUS_PX ** 2;
    for (const { id, x, y } of this.placed) {
      const distance = (x - point.x) ** 2 + (y - point.y) ** 2;
      if (distance <= bestDistance) [best, bestDistance] = [id, distance];
    }
    return best;
  }

  private draw(frame: CanvasFrame): void {
    const nowMs = Date.now();
    const buckets = new Map<AircraftDisplayState, Placed[]>(DRAW_ORDER.map((state) => [state, []]));
    for (const vehicle of this.fleet.vehicles.values()) {
      if (!vehicle.position) continue;
      const x = frame.x(vehicle.position.lon);
      const y = frame.y(vehicle.position.lat);
      if (x < -20 || y < -20 || x > frame.widthPx + 20 || y > frame.heightPx + 20) continue;
      const state = displayStateOf(vehicle);
      buckets.get(state)!.push({ vehicle, state, x, y });
    }
    const placed = DRAW_ORDER.flatMap((state) => buckets.get(state)!);
    const { context } = frame;
    for (const state of DRAW_ORDER) this.drawArrows(context, buckets.get(state)!, STATE_COLOURS[state], state === 'lost');
    this.drawRings(context, placed, placed.length > LABEL_LIMIT);
    this.drawLabels(context, placed, nowMs);
    this.placed = placed.map(({ vehicle, x, y }) => ({ id: vehicle.id, x: x - frame.offsetPx.x, y: y - frame.offsetPx.y }));
    this.report(placed, nowMs, performance.now() - frame.startedAtMs);
  }

  private drawArrows(context: CanvasRenderingContext2D, aircraft: readonly Placed[], colour: string, isLost: boolean): void {
    if (aircraft.length === 0) return;
    context.beginPath();
    for (const { vehicle, x, y } of aircraft) {
      const radians = (vehicle.position!.headingDeg * Math.PI) / 180;
      const [cos, sin] = [Math.cos(radians), Math.sin(radians)];
      ARROW.forEach(([dx, dy], index) => {
        const [px, py] = [x + dx * cos - dy * sin, y + dx * sin + dy * cos];
        if (index === 0) context.moveTo(px, py);
        else context.lineTo(px, py);
      });
      context.closePath();
    }
    context.fillStyle = colour;
    context.globalAlpha = isLost ? 0.7 : 1;
    context.fill();
    context.globalAlpha = 1;
    context.lineWidth = 1.5;
    context.strokeStyle = '#0b1020';
    context.stroke();
    if (!isLost) return;
    // A dashed circle says "this is where it was", not where it is.
    context.beginPath();
    for (const { x, y } of aircraft) {
      context.moveTo(x + 14, y);
      context.arc(x, y, 14, 0, 2 * Math.PI);
    }
    context.setLineDash([3, 3]);
    context.strokeStyle = STATE_COLOURS.lost;
    context.stroke();
    context.setLineDash([]);
  }

  /** Rings: white for the selected aircraft, yellow for the selected alert's, violet for an unregistered one (unless crowded: its arrow is violet already). */
  private drawRings(context: CanvasRenderingContext2D, placed: readonly Placed[], isCrowded: boolean): void {
    for (const { vehicle, x, y } of placed) {
      const isSelected = vehicle.id === this.selectedId;
      const isHighlighted = vehicle.id === this.highlightedId;
      if (!isSelected && !isHighlighted && (vehicle.isRegistered || isCrowded)) continue;
      context.beginPath();
      context.arc(x, y, isHighlighted ? 20 : 16, 0, 2 * Math.PI);
      context.lineWidth = isSelected || isHighlighted ? 3 : 2;
      context.strokeStyle = isHighlighted ? '#fde047' : isSelected ? '#f8fafc' : STATE_COLOURS.unbooked;
      context.stroke();
    }
  }

  private drawLabels(context: CanvasRenderingContext2D, placed: readonly Placed[], nowMs: number): void {
    const isCrowded = placed.length > LABEL_LIMIT;
    const mode = this.labelMode();
    context.font = '600 11px system-ui, sans-serif';
    context.textBaseline = 'middle';
    context.lineWidth = 3;
    context.strokeStyle = 'rgba(2, 6, 23, 0.85)';
    for (const { vehicle, state, x, y } of placed) {
      const isPicked = vehicle.id === this.selectedId || vehicle.id === this.highlightedId;
      if (isCrowded && (state === 'nominal' || state === 'unbooked') && !isPicked) continue;
      const label = aircraftLabel(vehicle, mode, nowMs);
      context.strokeText(label, x + 14, y);
      context.fillStyle = state === 'lost' ? '#cbd5e1' : '#f8fafc';
      context.fillText(label, x + 14, y);
    }
  }

  private report(placed: readonly Placed[], nowMs: number, drawMs: number): void {
    const canvas = this.overlay.element;
    canvas.dataset.drawn = String(placed.length);
    canvas.dataset.drawnLost = String(placed.filter((item) => item.state === 'lost').length);
    if (this.unseen.size === 0) return;
    const lagsMs: number[] = [];
    const pageLagsMs: number[] = [];
    for (const { vehicle } of placed) {
      const received = this.unseen.get(vehicle.id);
      if (!received) continue;
      lagsMs.push(nowMs - received.serverMs);
      pageLagsMs.push(nowMs - received.pageMs);
    }
    this.unseen.clear();
    const detail: AircraftDrawnDetail = { atMs: nowMs, drawn: placed.length, lagsMs, pageLagsMs, drawMs };
    canvas.dispatchEvent(new CustomEvent('aircraft-drawn', { detail }));
  }
}
