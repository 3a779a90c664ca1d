/**
 * Where each aircraft has been in the last minutes, as thin lines in its state colour on a canvas
 * of their own (the selected aircraft's brighter). Trails change about once a second per aircraft,
 * so this canvas is redrawn only when the view moves or `refresh` finds a trail has changed — not
 * with every position, as the aircraft canvas is.
 */
import { displayStateOf, STATE_COLOURS } from './aircraft-state.ts';
import { CanvasOverlay, type CanvasFrame } from './live-canvas-overlay.ts';
import type { LiveFleet } from './live-fleet.ts';

export class AircraftTrailLayer {
  readonly overlay: CanvasOverlay;
  private selectedId: string | null = null;
  private drawnVersion = -1;

  constructor(private readonly fleet: LiveFleet) {
    // Below the aircraft (450) and above zones (overlay pane, 400); a wide margin, as it is redrawn less often.
    this.overlay = new CanvasOverlay({ pane: 'trails', paneZIndex: 420, className: 'trail-canvas', marginRatio: 0.3, draw: (frame) => this.draw(frame) });
  }

  /** Redraw if any trail changed since the last drawing. */
  refresh(): void {
    if (this.fleet.trailVersion !== this.drawnVersion) this.overlay.requestDataDraw();
  }

  select(vehicleId: string | null): void {
    this.selectedId = vehicleId;
    this.overlay.requestDraw();
  }

  private draw(frame: CanvasFrame): void {
    this.drawnVersion = this.fleet.trailVersion;
    const { context } = frame;
    context.lineJoin = 'round';
    let selected: { points: ReadonlyArray<readonly number[]>; colour: string } | null = null;
    for (const vehicle of this.fleet.vehicles.values()) {
      const points = this.fleet.trailOf(vehicle.id);
      if (points.length === 0 || !vehicle.position) continue;
      const colour = STATE_COLOURS[displayStateOf(vehicle)];
      // The line ends where the aircraft is now, not at the last once-a-second point.
      const line = [...points, [vehicle.position.lon, vehicle.position.lat]];
      if (vehicle.id === this.selectedId) selected = { points: line, colour };
      else this.stroke(frame, line, colour, 1.5, 0.45);
    }
    if (selected) this.stroke(frame, selected.points, selected.colour, 3, 0.95);
    frame.context.globalAlpha = 1;
  }

  private stroke(frame: CanvasFrame, points: ReadonlyArray<readonly number[]>, colour: string, widthPx: number, alpha: number): void {
    const { context } = frame;
    context.beginPath();
    points.forEach(([lon, lat], index) => {
      const [x, y] = [frame.x(lon!), frame.y(lat!)];
      if (index === 0) context.moveTo(x, y);
      else context.lineTo(x, y);
    });
    context.globalAlpha = alpha;
    context.strokeStyle = colour;
    context.lineWidth = widthPx;
    context.stroke();
  }
}
