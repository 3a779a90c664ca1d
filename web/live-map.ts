/**
 * The live operations map, once signed in — the composition of its parts, in order: the map with
 * one corridor at a time and its booked volumes; trails and aircraft on canvases of their own;
 * the side panel (selected aircraft, aircraft list, alerts with sound and acknowledgement); then
 * the socket. Every (re)connect loads or catches up over HTTP — vehicles, trails and the alerts
 * raised since the newest one seen — so a network drop loses no alert and leaves no trail gap.
 * Staff also see the server's storage alarms (database unreachable, spool full) in a banner.
 * A one-second tick refreshes the lists and the "lost 42 s ago" wordings.
 */
import type { AlertView, VehicleView } from '../server/contracts/index.ts';
import { ApiRequestError, type ApiClient } from './api.ts';
import { AircraftCanvasLayer } from './aircraft-canvas-layer.ts';
import { AircraftPanel } from './aircraft-panel.ts';
import { AircraftTrailLayer } from './aircraft-trail-layer.ts';
import { AlertBanner } from './alert-banner.ts';
import { AlertFeed } from './alert-feed.ts';
import { AlertList } from './alert-list.ts';
import { AlertSound } from './alert-sound.ts';
import { createElement } from './create-element.ts';
import { canOperateIn } from './live-abilities.ts';
import { LiveAircraftList } from './live-aircraft-list.ts';
import { LiveBookings } from './live-bookings.ts';
import { LiveConnection } from './live-connection.ts';
import { LiveFleet } from './live-fleet.ts';
import { LiveMapLegend } from './live-map-legend.ts';
import { LiveSelection } from './live-selection.ts';
import { MapView } from './map-view.ts';
import { PlatformAlarmBanner } from './platform-alarm-banner.ts';
import { renderCorridorInfo } from './side-panel.ts';

export interface LiveMapOptions {
  /** The server refused the socket for want of a session (expired or revoked). */
  onSignInNeeded: () => void;
  /** The server closed the socket on purpose: the session was revoked, or the person's grants changed. */
  onServerDisconnect: () => void;
}

export interface LiveMap {
  /** Disconnect the socket and stop refreshing (the map stays drawn). */
  stop(): void;
}

/** How many alerts a first load shows; a catch-up asks for everything since the newest seen. */
const FIRST_ALERTS = 50;
const TRAIL_MINUTES = 5;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function reportError(error: unknown): void {
  // A 401 has already sent the person back to the sign-in form; anything else is for the console.
  if (error instanceof ApiRequestError && error.status === 401) return;
  console.error('live map:', error);
}

/** Draw the map and follow live events; the #map element must be visible (Leaflet measures it). */
export async function startLiveMap(api: ApiClient, options: LiveMapOptions): Promise<LiveMap> {
  const [session, corridors, mapConfig] = await Promise.all([api.session(), api.fetchCorridors(), api.fetchMapConfig()]);
  const grants = session?.grants ?? [];
  const canOperate = (corridorId: string | null) => canOperateIn(grants, corridorId);
  const fleet = new LiveFleet({ trailMs: TRAIL_MINUTES * 60_000 });
  const feed = new AlertFeed();

  const mapView = new MapView(byId('map'));
  mapView.showTiles(mapConfig);
  const legend = new LiveMapLegend(() => aircraftLayer.overlay.requestDraw());
  legend.addTo(mapView.map);
  const trailLayer = new AircraftTrailLayer(fleet);
  const aircraftLayer = new AircraftCanvasLayer(fleet, () => legend.labelMode);
  trailLayer.overlay.addTo(mapView.map);
  aircraftLayer.overlay.addTo(mapView.map);
  const bookings = new LiveBookings(mapView.map, api);

  const panel = new AircraftPanel(api, { onClose: () => selection.selectVehicle(null, { centre: false }), onFollowChange: (isOn) => selection.setFollowing(isOn) });
  byId('vehicle-list').closest('aside')!.prepend(panel.element);
  const aircraftList = new LiveAircraftList(byId('vehicle-list'), byId('vehicle-count'), corridors, (id) => selection.selectVehicle(id, { centre: true }));
  const acknowledge = async (alertId: string, comment: string) => {
    const acknowledged = await api.acknowledgeAlert(alertId, comment);
    takeAlert(acknowledged, false);
    return acknowledged;
  };
  const alertList = new AlertList(byId('alert-list'), { canAcknowledge: (alert) => canOperate(alert.corridorId), acknowledge, onSelect: (alert) => selection.selectAlert(alert) });
  const soundButton = createElement('button', { className: 'alert-sound', attrs: { id: 'alert-sound' } });
  byId('alert-list').before(createElement('div', { className: 'alert-tools' }, [soundButton]));
  const sound = new AlertSound(soundButton);
  const banner = new AlertBanner((alert) => selection.selectAlert(alert));

  const select = byId<HTMLSelectElement>('corridor-select');
  let shownCorridorId: string | null = null;
  const showCorridor = (corridorId: string) => {
    const corridor = corridors.find((item) => item.id === corridorId);
    if (!corridor || shownCorridorId === corridorId) return;
    shownCorridorId = corridorId;
    select.value = corridorId;
    mapView.showCorridor(corridor, Date.now());
    renderCorridorInfo(byId('corridor-info'), corridor, null);
    bookings.show(corridorId, Date.now()).then(() => renderCorridorInfo(byId('corridor-info'), corridor, bookings.count(Date.now())), reportError);
    history.replaceState(null, '', `#${corridor.slug}`);
  };
  const selection = new LiveSelection({
    fleet, mapView, aircraftLayer, trailLayer, aircraftList, alertList, panel, showCorridor,
    canCommand: (vehicle) => canOperate(vehicle.corridorId),
  });

  select.replaceChildren(...corridors.map((corridor) => new Option(`${corridor.country} — ${corridor.name}`, corridor.id)));
  select.addEventListener('change', () => showCorridor(select.value));
  const fromHash = corridors.find((corridor) => `#${corridor.slug}` === location.hash) ?? corridors[0];
  if (fromHash) showCorridor(fromHash.id);
  mapView.map.on('click', (event) => {
    const hit = aircraftLayer.hitTest(event.containerPoint);
    if (hit) selection.selectVehicle(hit, { centre: false });
  });
  mapView.map.on('mousemove', (event) => {
    mapView.map.getContainer().classList.toggle('is-over-aircraft', aircraftLayer.hitTest(event.containerPoint) !== null);
  });
  mapView.map.on('dragstart', () => panel.setFollowing(false));

  let renderAlertsQueued = false;
  const renderAlerts = () => {
    if (renderAlertsQueued) return;
    renderAlertsQueued = true;
    queueMicrotask(() => {
      renderAlertsQueued = false;
      alertList.render(feed.newest(100));
    });
  };
  /** `isFresh`: raised while the page watches (live, or missed during a drop), so new critical ones are announced. */
  const takeAlert = (alert: AlertView, isFresh: boolean) => {
    const change = feed.take(alert);
    if (change === 'new' && isFresh && alert.severity === 'critical') {
      banner.show(alert);
      sound.cue();
    }
    if (change === 'updated') banner.acknowledged(alert);
    if (change !== 'unchanged') renderAlerts();
  };
  const takeVehicle = (vehicle: VehicleView) => {
    fleet.upsert(vehicle);
    aircraftLayer.updated(vehicle);
    selection.vehicleChanged(vehicle);
  };

  // Before any alert is seen, "since" falls back to a minute before the first load (the browser's
  // clock standing in for the server's), so even a quiet page's catch-up misses nothing raised meanwhile.
  const firstLoadAtMs = Date.now();
  const catchUp = async (isReconnect: boolean) => {
    const sinceMs = isReconnect ? feed.newestRaisedAtMs ?? firstLoadAtMs - 60_000 : null;
    const [vehicles, trails, latest, missed] = await Promise.all([
      api.fetchVehicles(), api.fetchTrails(TRAIL_MINUTES), api.fetchAlerts(FIRST_ALERTS), sinceMs === null ? [] : api.fetchAlertsSince(sinceMs),
    ]);
    // A live event may have overtaken this answer: keep whichever view is newer.
    for (const vehicle of vehicles) if ((fleet.vehicles.get(vehicle.id)?.lastHeardAtMs ?? -Infinity) <= vehicle.lastHeardAtMs) takeVehicle(vehicle);
    fleet.backfillTrails(trails);
    trailLayer.refresh();
    for (const alert of [...missed].reverse()) takeAlert(alert, isReconnect);
    for (const alert of latest) takeAlert(alert, false);
    aircraftList.render(fleet.vehicles.values(), Date.now());
  };

  const connection = new LiveConnection({
    indicator: byId('connection-state'), noticeHost: byId('map'), onSignInNeeded: options.onSignInNeeded, onServerDisconnect: options.onServerDisconnect,
    onConnect: (isReconnect) => void catchUp(isReconnect).catch(reportError),
  });
  connection.socket.on('vehicle:telemetry', takeVehicle);
  connection.socket.on('vehicle:link', takeVehicle);
  connection.socket.on('alert:raised', (alert) => takeAlert(alert, true));
  connection.socket.on('alert:acknowledged', (alert) => takeAlert(alert, false));
  connection.socket.on('booking:changed', (booking) => bookings.changed(booking, Date.now()));
  // Staff only: the server's storage alarms (a partner's socket is never sent them, so its banner stays hidden).
  const platformAlarm = new PlatformAlarmBanner(byId('platform-alarm'));
  connection.socket.on('platform:alarms', (event) => platformAlarm.show(event, Date.now()));

  let ticks = 0;
  const timer = setInterval(() => {
    const nowMs = Date.now();
    ticks += 1;
    aircraftList.render(fleet.vehicles.values(), nowMs);
    selection.refresh(nowMs);
    connection.tick();
    platformAlarm.tick(nowMs);
    fleet.trimTrails(nowMs);
    trailLayer.refresh();
    // Lost aircraft's labels count the seconds since they were last heard.
    if ([...fleet.vehicles.values()].some((vehicle) => vehicle.linkState === 'lost')) aircraftLayer.overlay.requestDraw();
    if (ticks % 60 === 0) bookings.draw(nowMs);
  }, 1000);
  return {
    stop() {
      clearInterval(timer);
      connection.stop();
    },
  };
}
