/** The few HTTP calls the live map makes, typed by the server's public contract. */
import type { AlertView, CorridorView, Page, VehicleView } from '../server/contracts/index.ts';

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export const fetchCorridors = () => getJson<Page<CorridorView>>('/api/corridors').then((page) => page.items);
export const fetchVehicles = () => getJson<Page<VehicleView>>('/api/vehicles?limit=500').then((page) => page.items);
export const fetchAlerts = () => getJson<Page<AlertView>>('/api/alerts?limit=50').then((page) => page.items);
