/**
 * The live operations map, once signed in: loads corridors, vehicles and recent alerts over HTTP,
 * then follows Socket.IO events (the server sends only what the person's grants may see). On
 * reconnect it reloads vehicles and alerts, so nothing raised while disconnected is missed.
 */
import { io, type Socket } from 'socket.io-client';
import type { AlertView, ClientToServerEvents, CorridorView, ServerToClientEvents, VehicleView } from '../server/contracts/index.ts';
import { ApiRequestError, type ApiClient } from './api.ts';
import { MapView } from './map-view.ts';
import { renderAlerts, renderCorridorInfo, renderVehicles } from './side-panel.ts';

/** The start of the server's connect_error message for a handshake without a live session. */
const SIGN_IN_FIRST = 'Sign in first';

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

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function reportError(error: unknown): void {
  // A 401 has already sent the person back to the sign-in form; anything else is for the console.
  if (error instanceof ApiRequestError && error.status === 401) return;
  console.error('live map:', error);
}

/** Draw the map and follow live events; the #map element must be visible (Leaflet measures it). */
export async function startLiveMap(api: ApiClient, options: LiveMapOptions): Promise<LiveMap> {
  const mapView = new MapView(byId('map'));
  const vehicles = new Map<string, VehicleView>();
  const alerts = new Map<string, AlertView>();
  const corridors: CorridorView[] = await api.fetchCorridors();
  const select = byId<HTMLSelectElement>('corridor-select');

  const refreshPanels = () => {
    renderVehicles(byId('vehicle-list'), byId('vehicle-count'), [...vehicles.values()], corridors);
    renderAlerts(byId('alert-list'), [...alerts.values()]);
  };
  const onVehicle = (vehicle: VehicleView) => {
    vehicles.set(vehicle.id, vehicle);
    mapView.upsertVehicle(vehicle);
  };
  const onAlert = (alert: AlertView) => {
    alerts.set(alert.id, alert);
    if (alert.severity === 'critical') {
      showBanner(alert);
      if (alert.zoneId) mapView.highlightZone(alert.zoneId);
    }
    refreshPanels();
  };
  /** Switch to the vehicle's corridor and centre the map on it. */
  const focusVehicle = (vehicleId: string | undefined) => {
    const vehicle = vehicleId ? vehicles.get(vehicleId) : undefined;
    if (!vehicle?.position) return;
    if (vehicle.corridorId && select.value !== vehicle.corridorId) {
      select.value = vehicle.corridorId;
      select.dispatchEvent(new Event('change'));
    }
    mapView.centreOn(vehicle.position.lon, vehicle.position.lat);
  };
  const catchUp = async () => {
    const [latestVehicles, latestAlerts] = await Promise.all([api.fetchVehicles(), api.fetchAlerts()]);
    latestVehicles.forEach(onVehicle);
    latestAlerts.forEach((alert) => alerts.set(alert.id, alert));
    refreshPanels();
  };

  select.replaceChildren(...corridors.map((corridor) => new Option(`${corridor.country} — ${corridor.name}`, corridor.id)));
  const fromHash = corridors.find((corridor) => `#${corridor.slug}` === location.hash);
  if (fromHash) select.value = fromHash.id;
  mapView.showCorridors(corridors);
  const focus = () => {
    const corridor = corridors.find((item) => item.id === select.value);
    if (!corridor) return;
    mapView.focusCorridor(corridor);
    renderCorridorInfo(byId('corridor-info'), corridor);
    history.replaceState(null, '', `#${corridor.slug}`);
  };
  select.addEventListener('change', focus);
  focus();
  byId('alert-banner-dismiss').addEventListener('click', (event) => {
    event.stopPropagation();
    byId('alert-banner').hidden = true;
  });
  byId('alert-banner').addEventListener('click', () => focusVehicle(byId('alert-banner').dataset.vehicleId));
  byId('vehicle-list').addEventListener('click', (event) => {
    focusVehicle((event.target as HTMLElement).closest<HTMLElement>('li')?.dataset.vehicleId);
  });

  // Same origin, so the browser sends the HTTP-only session cookie with the handshake.
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ['websocket'] });
  socket.on('connect', () => {
    setConnection('live');
    catchUp().catch(reportError);
  });
  socket.on('connect_error', (error) => {
    setConnection('stale');
    if (error.message.startsWith(SIGN_IN_FIRST)) options.onSignInNeeded();
  });
  socket.on('disconnect', (reason) => {
    setConnection('stale');
    // Socket.IO does not reconnect after a server-side disconnect: the page has to decide.
    if (reason === 'io server disconnect') options.onServerDisconnect();
  });
  socket.on('vehicle:telemetry', onVehicle);
  socket.on('vehicle:link', (vehicle) => {
    onVehicle(vehicle);
    refreshPanels();
  });
  socket.on('alert:raised', onAlert);
  const refreshTimer = setInterval(refreshPanels, 1000);
  return {
    stop() {
      clearInterval(refreshTimer);
      socket.off(); // so the deliberate disconnect below is not mistaken for the server's
      socket.disconnect();
      setConnection('stale');
    },
  };
}

function showBanner(alert: AlertView): void {
  const banner = byId('alert-banner');
  byId('alert-banner-text').textContent = alert.message;
  banner.dataset.alertId = alert.id;
  banner.dataset.vehicleId = alert.vehicleId;
  banner.hidden = false;
}

function setConnection(state: 'connecting' | 'live' | 'stale'): void {
  const element = byId('connection-state');
  element.dataset.state = state;
  element.textContent = state === 'live' ? 'live' : state === 'stale' ? 'disconnected — data may be stale' : 'connecting…';
}
