/** The side panel: corridor facts, the aircraft list and the alerts list. */
import type { AlertView, CorridorView, VehicleView } from '../server/contracts/index.ts';

function item(html: string, data: Record<string, string>): HTMLLIElement {
  const li = document.createElement('li');
  li.innerHTML = html;
  Object.assign(li.dataset, data);
  return li;
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Name, ceiling and note of the selected corridor. */
export function renderCorridorInfo(element: HTMLElement, corridor: CorridorView): void {
  element.innerHTML =
    `<strong>${escape(corridor.name)}</strong>, ${escape(corridor.country)}<br>` +
    `Ceiling ${corridor.ceilingM} m ${corridor.ceilingReference} · ${corridor.zones.length} zones` +
    (corridor.isApproximate ? ' · coordinates approximate' : '');
}

/** Every vehicle, breaches first, with corridor, altitude and speed. */
export function renderVehicles(list: HTMLElement, count: HTMLElement, vehicles: VehicleView[], corridors: CorridorView[]): void {
  const order = { breach: 0, 'outside-corridors': 1, predicted: 2, approaching: 3, nominal: 4 } as const;
  const corridorName = new Map(corridors.map((corridor) => [corridor.id, corridor.name]));
  const now = Date.now();
  count.textContent = `(${vehicles.length})`;
  list.replaceChildren(
    ...vehicles
      .sort((a, b) => order[a.fenceStatus] - order[b.fenceStatus] || a.callsign.localeCompare(b.callsign))
      .map((vehicle) => {
        const where = vehicle.corridorId ? corridorName.get(vehicle.corridorId) ?? '' : 'outside every corridor';
        const position = vehicle.position;
        const flight = position ? `${Math.round(position.altitudeRelativeM)} m · ${position.groundSpeedMps.toFixed(1)} m/s` : 'no position';
        const link = vehicle.linkState === 'lost' ? ` · link lost ${Math.round((now - vehicle.lastHeardAtMs) / 1000)} s ago` : '';
        const registered = vehicle.isRegistered ? '' : ' · unregistered';
        return item(
          `<span class="dot"></span><strong>${escape(vehicle.callsign)}</strong><span>${vehicle.fenceStatus}</span>` +
            `<span class="meta">${escape(where)} · ${flight}${link}${registered}</span>`,
          { vehicleId: vehicle.id, status: vehicle.fenceStatus, link: vehicle.linkState },
        );
      }),
  );
}

/** Alerts, newest first. */
export function renderAlerts(list: HTMLElement, alerts: AlertView[]): void {
  list.replaceChildren(
    ...alerts
      .sort((a, b) => b.raisedAtMs - a.raisedAtMs)
      .slice(0, 50)
      .map((alert) =>
        item(`<time>${new Date(alert.raisedAtMs).toLocaleTimeString()}</time>${escape(alert.message)}`, {
          alertId: alert.id,
          severity: alert.severity,
          kind: alert.kind,
          vehicleId: alert.vehicleId,
          systemId: String(alert.systemId),
        }),
      ),
  );
}
