/**
 * The side panel's list of every aircraft the person may see, those needing attention first
 * (breach, lost, approaching, unbooked, nominal; then by callsign). It is also the accessible
 * mirror of the canvas, which screen readers and tests cannot read: each item carries
 * data-vehicle-id, data-callsign, data-corridor-id, data-status (fence), data-state (display
 * state), data-link, data-registered, data-lon and data-lat. Refreshed about once a second, item
 * by item (side-panel.ts), not with every position.
 */
import type { CorridorView, VehicleView } from '../server/contracts/index.ts';
import { displayStateOf, secondsSince, STATE_ORDER } from './aircraft-state.ts';
import { setData, setText, syncChildren } from './side-panel.ts';

interface Row {
  item: HTMLLIElement;
  callsign: HTMLElement;
  state: HTMLElement;
  meta: HTMLElement;
}

export class LiveAircraftList {
  private readonly rows = new Map<string, Row>();
  private readonly corridorNames: Map<string, string>;
  private selectedId: string | null = null;

  constructor(
    private readonly list: HTMLElement,
    private readonly count: HTMLElement,
    corridors: readonly CorridorView[],
    onSelect: (vehicleId: string) => void,
  ) {
    this.corridorNames = new Map(corridors.map((corridor) => [corridor.id, corridor.name]));
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Aircraft');
    const selectFrom = (event: Event) => {
      const id = (event.target as HTMLElement).closest<HTMLElement>('li[data-vehicle-id]')?.dataset.vehicleId;
      if (id) onSelect(id);
    };
    list.addEventListener('click', selectFrom);
    list.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') selectFrom(event);
    });
  }

  /** Mark the selected aircraft's item (null: none) and bring it into view. */
  select(vehicleId: string | null): void {
    if (this.selectedId) this.rows.get(this.selectedId)?.item.setAttribute('aria-selected', 'false');
    this.selectedId = vehicleId;
    const row = vehicleId ? this.rows.get(vehicleId) : undefined;
    row?.item.setAttribute('aria-selected', 'true');
    row?.item.scrollIntoView({ block: 'nearest' });
  }

  /** Bring the list up to date with `vehicles`. */
  render(vehicles: Iterable<VehicleView>, nowMs: number): void {
    const sorted = [...vehicles].map((vehicle) => ({ vehicle, state: displayStateOf(vehicle) }))
      .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.vehicle.callsign.localeCompare(b.vehicle.callsign));
    setText(this.count, `(${sorted.length})`);
    syncChildren(this.list, sorted.map(({ vehicle, state }) => this.update(vehicle, state, nowMs)));
  }

  private update(vehicle: VehicleView, state: ReturnType<typeof displayStateOf>, nowMs: number): HTMLLIElement {
    const row = this.rows.get(vehicle.id) ?? this.create(vehicle.id);
    const position = vehicle.position;
    setData(row.item, {
      callsign: vehicle.callsign, corridorId: vehicle.corridorId ?? '', status: vehicle.fenceStatus, state, link: vehicle.linkState,
      registered: String(vehicle.isRegistered), lon: position ? position.lon.toFixed(6) : '', lat: position ? position.lat.toFixed(6) : '',
    });
    setText(row.callsign, vehicle.callsign);
    setText(row.state, vehicle.linkState === 'lost' ? 'link lost' : vehicle.fenceStatus);
    const where = vehicle.corridorId ? this.corridorNames.get(vehicle.corridorId) ?? '' : 'outside every corridor';
    const flight = position ? `${Math.round(position.altitudeRelativeM)} m AGL · ${position.groundSpeedMps.toFixed(1)} m/s` : 'no position';
    const parts = [
      where, flight,
      ...(vehicle.linkState === 'lost' ? [`lost ${secondsSince(vehicle.lastHeardAtMs, nowMs)} s ago`] : []),
      ...(vehicle.isRegistered ? [vehicle.organisationName ?? ''] : ['unregistered']),
      ...(vehicle.bookingStatus && vehicle.bookingStatus !== 'conforming' ? [vehicle.bookingStatus] : []),
    ];
    setText(row.meta, parts.filter(Boolean).join(' · '));
    return row.item;
  }

  private create(vehicleId: string): Row {
    const item = document.createElement('li');
    item.className = 'aircraft-row';
    item.dataset.vehicleId = vehicleId;
    item.setAttribute('role', 'option');
    item.tabIndex = 0;
    item.setAttribute('aria-selected', String(vehicleId === this.selectedId));
    const dot = document.createElement('span');
    dot.className = 'dot';
    const [callsign, state, meta] = ['strong', 'span', 'span'].map((tag) => document.createElement(tag)) as [HTMLElement, HTMLElement, HTMLElement];
    state.className = 'state';
    meta.className = 'meta';
    item.append(dot, callsign, state, meta);
    const row = { item, callsign, state, meta };
    this.rows.set(vehicleId, row);
    return row;
  }
}
