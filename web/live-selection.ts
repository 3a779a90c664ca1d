/**
 * What the operator is looking at: the selected aircraft (ringed on the map, its trail bright, its
 * item marked in the list, its panel open; followed on request) and the selected alert (its
 * aircraft ringed in yellow and its zone outlined). Selecting something in another corridor
 * switches the map to that corridor first, as the map shows one corridor at a time.
 */
import type { AlertView, VehicleView } from '../server/contracts/index.ts';
import type { AircraftCanvasLayer } from './aircraft-canvas-layer.ts';
import type { AircraftPanel } from './aircraft-panel.ts';
import type { AircraftTrailLayer } from './aircraft-trail-layer.ts';
import type { AlertList } from './alert-list.ts';
import type { LiveAircraftList } from './live-aircraft-list.ts';
import type { LiveFleet } from './live-fleet.ts';
import type { MapView } from './map-view.ts';

export interface LiveSelectionDeps {
  fleet: LiveFleet;
  mapView: MapView;
  aircraftLayer: AircraftCanvasLayer;
  trailLayer: AircraftTrailLayer;
  aircraftList: LiveAircraftList;
  alertList: AlertList;
  panel: AircraftPanel;
  canCommand: (vehicle: VehicleView) => boolean;
  /** Show corridor `corridorId` if it is not the one shown. */
  showCorridor: (corridorId: string) => void;
}

export class LiveSelection {
  private vehicleId: string | null = null;
  private alert: AlertView | null = null;
  private isFollowing = false;

  constructor(private readonly deps: LiveSelectionDeps) {}

  /** Select an aircraft; `centre` also brings the map to it (from a list or an alert, not from a click on the map). */
  selectVehicle(vehicleId: string | null, options: { centre: boolean }): void {
    const { fleet, mapView, aircraftLayer, trailLayer, aircraftList, panel } = this.deps;
    // Another aircraft chosen: the selected alert (and its yellow ring and zone) no longer applies.
    if (this.alert && this.alert.vehicleId !== vehicleId) this.clearAlert();
    this.vehicleId = vehicleId;
    aircraftLayer.select(vehicleId);
    trailLayer.select(vehicleId);
    aircraftList.select(vehicleId);
    const vehicle = vehicleId ? fleet.vehicles.get(vehicleId) : undefined;
    if (!vehicle) return panel.hide();
    this.refresh(Date.now());
    if (options.centre && vehicle.position) {
      if (vehicle.corridorId) this.deps.showCorridor(vehicle.corridorId);
      mapView.centreOn(vehicle.position.lon, vehicle.position.lat);
    }
  }

  /** Select an alert: highlight its aircraft and zone (in the alert's corridor) and select the aircraft. */
  selectAlert(alert: AlertView): void {
    const { alertList, aircraftLayer, mapView } = this.deps;
    this.alert = alert;
    alertList.select(alert.id);
    aircraftLayer.highlight(alert.vehicleId);
    const corridorId = alert.corridorId ?? this.deps.fleet.vehicles.get(alert.vehicleId)?.corridorId ?? null;
    if (corridorId) this.deps.showCorridor(corridorId);
    mapView.highlightZone(alert.zoneId);
    this.selectVehicle(alert.vehicleId, { centre: true });
  }

  /** Follow mode (from the panel's toggle; a drag of the map turns it off through the panel). */
  setFollowing(isFollowing: boolean): void {
    this.isFollowing = isFollowing;
    if (isFollowing) this.followSelected();
  }

  /** A vehicle's new view arrived: update the panel and the view if it is the selected one. */
  vehicleChanged(vehicle: VehicleView): void {
    if (vehicle.id !== this.vehicleId) return;
    this.refresh(Date.now());
    if (this.isFollowing) this.followSelected();
  }

  /** Refresh the panel (its "last heard" counts on while the aircraft is silent). */
  refresh(nowMs: number): void {
    const vehicle = this.vehicleId ? this.deps.fleet.vehicles.get(this.vehicleId) : undefined;
    if (vehicle) this.deps.panel.show(vehicle, nowMs, this.deps.canCommand(vehicle));
  }

  private clearAlert(): void {
    this.alert = null;
    this.deps.alertList.select(null);
    this.deps.aircraftLayer.highlight(null);
    this.deps.mapView.highlightZone(null);
  }

  private followSelected(): void {
    const position = this.vehicleId ? this.deps.fleet.vehicles.get(this.vehicleId)?.position : null;
    if (position) this.deps.mapView.follow(position.lon, position.lat);
  }
}
