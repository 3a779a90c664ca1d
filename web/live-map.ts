/**
 * The live operations map: loads corridors, vehicles and recent alerts over HTTP, then
 * follows Socket.IO events. On reconnect it reloads vehicles and alerts, so nothing raised
 * while disconnected is missed.
 */
import 'leaflet/dist/leaflet.css';
import './styles.css';
import { io, type Socket } from 'socket.io-client';
import type { AlertView, ClientToServerEvents, CorridorView, ServerToClientEvents, VehicleView } from '../server/contracts/index.ts';
import { fetchAlerts, fetchCorridors, fetchVehicles } from './api.ts';
import { MapView } from './map-view.ts';
import { renderAlerts, renderCorridorInfo, renderVehicles } from './side-panel.ts';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const mapView = new MapView(byId('map'));
const vehicles = new Map<string, VehicleView>();
const alerts = new Map<string, AlertView>();
let corridors: CorridorView[] = [];

function selectedCorridor(): CorridorView | undefined {
  return corridors.find((corridor) => corridor.id === byId<HTMLSelectElement>('corridor-select').value);
}

function refreshPanels(): void {
  renderVehicles(byId('vehicle-list'), byId('vehicle-count'), [...vehicles.values()], corridors);
  renderAlerts(byId('alert-list'), [...alerts.values()]);
}

function showBanner(alert: AlertView): void {
  const banner = byId('alert-banner');
  byId('alert-banner-text').textContent = alert.message;
  banner.dataset.alertId = alert.id;
  banner.dataset.vehicleId = alert.vehicleId;
  banner.hidden = false;
}

/** Switch to the vehicle's corridor and centre the map on it. */
function focusVehicle(vehicleId: string | undefined): void {
  const vehicle = vehicleId ? vehicles.get(vehicleId) : undefined;
  if (!vehicle?.position) return;
  const select = byId<HTMLSelectElement>('corridor-select');
  if (vehicle.corridorId && select.value !== vehicle.corridorId) {
    select.value = vehicle.corridorId;
    select.dispatchEvent(new Event('change'));
  }
  mapView.centreOn(vehicle.position.lon, vehicle.position.lat);
}

function onVehicle(vehicle: VehicleView): void {
  vehicles.set(vehicle.id, vehicle);
  mapView.upsertVehicle(vehicle);
}

function onAlert(alert: AlertView): void {
  alerts.set(alert.id, alert);
  if (alert.severity === 'critical') {
    showBanner(alert);
    if (alert.zoneId) mapView.highlightZone(alert.zoneId);
  }
  refreshPanels();
}

function setConnection(state: 'connecting' | 'live' | 'stale'): void {
  const element = byId('connection-state');
  element.dataset.state = state;
  element.textContent = state === 'live' ? 'live' : state === 'stale' ? 'disconnected — data may be stale' : 'connecting…';
}

async function catchUp(): Promise<void> {
  const [latestVehicles, latestAlerts] = await Promise.all([fetchVehicles(), fetchAlerts()]);
  latestVehicles.forEach(onVehicle);
  latestAlerts.forEach((alert) => alerts.set(alert.id, alert));
  refreshPanels();
}

async function start(): Promise<void> {
  corridors = await fetchCorridors();
  const select = byId<HTMLSelectElement>('corridor-select');
  select.replaceChildren(...corridors.map((corridor) => new Option(`${corridor.country} — ${corridor.name}`, corridor.id)));
  const fromHash = corridors.find((corridor) => `#${corridor.slug}` === location.hash);
  if (fromHash) select.value = fromHash.id;
  mapView.showCorridors(corridors);
  const focus = () => {
    const corridor = selectedCorridor();
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

  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ['websocket'] });
  socket.on('connect', () => {
    setConnection('live');
    void catchUp();
  });
  socket.on('disconnect', () => setConnection('stale'));
  socket.on('vehicle:telemetry', onVehicle);
  socket.on('vehicle:link', (vehicle) => {
    onVehicle(vehicle);
    refreshPanels();
  });
  socket.on('alert:raised', onAlert);
  setInterval(refreshPanels, 1000);
}

void start();
