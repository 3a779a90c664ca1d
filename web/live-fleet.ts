/**
 * What the page knows of the aircraft: the latest view of each (never removed: a lost link keeps
 * its last position) and its trail of recent positions. Trails come from the server on load and
 * after a reconnect (GET /api/vehicles/trails) and grow from live telemetry in between, at the
 * server's own spacing, so a reload or a network drop leaves no gap.
 */
import type { TrailView, VehicleView } from '../server/contracts/index.ts';

/** [lon, lat, altitudeMslM, atMs], as the server sends trails. */
export type TrailPoint = [number, number, number, number];

export interface LiveFleetOptions {
  /** How much trail to keep, ms; default 5 minutes. */
  trailMs?: number;
  /** Fewest ms between two trail points; default 1000 (the server keeps about one a second). */
  trailSpacingMs?: number;
}

export class LiveFleet {
  readonly vehicles = new Map<string, VehicleView>();
  readonly trailMs: number;
  private readonly trailSpacingMs: number;
  private readonly trails = new Map<string, TrailPoint[]>();
  /** Grows whenever a trail gains or loses a point, so a layer can tell whether to redraw. */
  trailVersion = 0;

  constructor(options: LiveFleetOptions = {}) {
    this.trailMs = options.trailMs ?? 5 * 60_000;
    this.trailSpacingMs = options.trailSpacingMs ?? 1000;
  }

  /** Take a vehicle's latest view; its position extends the trail when it is far enough in time from the last point. */
  upsert(vehicle: VehicleView): void {
    this.vehicles.set(vehicle.id, vehicle);
    const position = vehicle.position;
    if (!position) return;
    const atMs = vehicle.lastPositionAtMs ?? vehicle.lastHeardAtMs;
    let trail = this.trails.get(vehicle.id);
    if (!trail) this.trails.set(vehicle.id, (trail = []));
    const last = trail[trail.length - 1];
    if (last && atMs - last[3] < this.trailSpacingMs) return;
    trail.push([position.lon, position.lat, position.altitudeMslM, atMs]);
    this.trailVersion++;
  }

  /** Replace trails with the server's, keeping any live points newer than the server's last one. */
  backfillTrails(trails: readonly TrailView[]): void {
    for (const { vehicleId, points } of trails) {
      const lastServerMs = points[points.length - 1]?.[3] ?? -Infinity;
      const newer = (this.trails.get(vehicleId) ?? []).filter((point) => point[3] > lastServerMs);
      this.trails.set(vehicleId, [...points.map((point) => [...point] as TrailPoint), ...newer]);
    }
    this.trailVersion++;
  }

  /** Drop trail points older than trailMs before `nowMs`. */
  trimTrails(nowMs: number): void {
    const oldestMs = nowMs - this.trailMs;
    for (const trail of this.trails.values()) {
      let drop = 0;
      while (drop < trail.length && trail[drop]![3] < oldestMs) drop++;
      if (drop > 0) {
        trail.splice(0, drop);
        this.trailVersion++;
      }
    }
  }

  /** The vehicle's trail, oldest first (empty when it has none). */
  trailOf(vehicleId: string): readonly TrailPoint[] {
    return this.trails.get(vehicleId) ?? [];
  }
}
