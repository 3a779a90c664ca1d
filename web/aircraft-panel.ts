/**
 * The selected aircraft's panel, at the top of the side panel: its state in words, then altitude
 * AGL and MSL, ground speed, climb rate, heading, battery, GPS fix and satellites, mode, armed,
 * link quality, last heard, its booking status and partner; a Follow toggle that keeps the map
 * centred on it; and the operator commands (aircraft-commands.ts). Built here rather than in
 * index.html so the live map owns its whole panel. Hooks: #aircraft-panel[data-vehicle-id],
 * dd[data-field], #aircraft-follow[aria-pressed].
 */
import type { VehicleView } from '../server/contracts/index.ts';
import type { ApiClient } from './api.ts';
import { AircraftCommands } from './aircraft-commands.ts';
import { displayStateOf, gpsFixName, secondsSince } from './aircraft-state.ts';
import { createElement } from './create-element.ts';
import { setText } from './side-panel.ts';

const FIELDS = [
  ['status', 'Status'], ['partner', 'Partner'], ['booking', 'Booking'], ['altitude-agl', 'Altitude AGL'], ['altitude-msl', 'Altitude MSL'],
  ['ground-speed', 'Ground speed'], ['climb-rate', 'Climb rate'], ['heading', 'Heading'], ['battery', 'Battery'], ['gps', 'GPS'],
  ['mode', 'Mode'], ['armed', 'Armed'], ['link-quality', 'Link quality'], ['last-heard', 'Last heard'],
] as const;
type Field = (typeof FIELDS)[number][0];

const BOOKING_WORDS: Record<NonNullable<VehicleView['bookingStatus']>, string> = {
  conforming: 'flying within its booking',
  'outside-volume': 'outside its booked volume',
  'outside-window': 'outside its booked time',
  unbooked: 'no booking now',
};

const oneDecimal = (value: number, unit: string) => `${value.toFixed(1)} ${unit}`;

/** Each field's words for `vehicle` at `nowMs`; '—' where the aircraft has not said. */
function describe(vehicle: VehicleView, nowMs: number): Record<Field, string> {
  const position = vehicle.position;
  const battery = vehicle.battery;
  const link = vehicle.linkState === 'lost' ? 'LINK LOST' : 'link up';
  return {
    status: `${link} · ${vehicle.fenceStatus}`,
    partner: vehicle.organisationName ?? 'unregistered aircraft',
    booking: vehicle.bookingStatus ? BOOKING_WORDS[vehicle.bookingStatus] : vehicle.isRegistered ? 'not judged (not flying)' : 'unregistered: no booking possible',
    'altitude-agl': position ? `${Math.round(position.altitudeRelativeM)} m` : '—',
    'altitude-msl': position ? `${Math.round(position.altitudeMslM)} m` : '—',
    'ground-speed': position ? oneDecimal(position.groundSpeedMps, 'm/s') : '—',
    'climb-rate': position ? oneDecimal(position.climbRateMps, 'm/s') : '—',
    heading: position ? `${Math.round(position.headingDeg)}°` : '—',
    battery: battery ? [battery.remainingPct !== null ? `${battery.remainingPct} %` : null, battery.voltageV !== null ? oneDecimal(battery.voltageV, 'V') : null].filter(Boolean).join(' · ') || '—' : '—',
    gps: vehicle.gps ? `${gpsFixName(vehicle.gps.fixType)} · ${vehicle.gps.satellites} satellites` : '—',
    mode: vehicle.flightMode ?? '—',
    armed: vehicle.isArmed ? 'armed' : 'disarmed',
    'link-quality': vehicle.linkQualityPct !== null ? `${Math.round(vehicle.linkQualityPct)} %` : '—',
    'last-heard': `${secondsSince(vehicle.lastHeardAtMs, nowMs)} s ago`,
  };
}

export class AircraftPanel {
  readonly element = createElement('section', { className: 'aircraft-panel', attrs: { id: 'aircraft-panel', 'aria-label': 'Selected aircraft' } });
  private readonly title = createElement('strong', { attrs: { id: 'aircraft-callsign' } });
  private readonly followButton = createElement('button', { text: 'Follow', attrs: { id: 'aircraft-follow', type: 'button', 'aria-pressed': 'false' } });
  private readonly values = new Map<Field, HTMLElement>();
  private readonly commands: AircraftCommands;
  private isFollowing = false;

  constructor(api: Pick<ApiClient, 'sendCommand'>, private readonly handlers: { onClose: () => void; onFollowChange: (isFollowing: boolean) => void }) {
    const close = createElement('button', { className: 'panel-close', text: '×', attrs: { type: 'button', 'aria-label': 'Close the aircraft panel' } });
    const facts = createElement('dl', { className: 'aircraft-facts' });
    for (const [field, label] of FIELDS) {
      const value = createElement('dd', { data: { field } });
      this.values.set(field, value);
      facts.append(createElement('dt', { text: label }), value);
    }
    const commands = createElement('div', { className: 'aircraft-commands' });
    this.commands = new AircraftCommands(commands, api);
    this.element.append(
      createElement('div', { className: 'panel-head' }, [createElement('h2', { text: 'Selected aircraft' }), this.followButton, close]),
      createElement('div', { className: 'aircraft-title' }, [createElement('span', { className: 'dot' }), this.title]),
      facts, commands,
    );
    this.element.hidden = true;
    close.addEventListener('click', () => handlers.onClose());
    this.followButton.addEventListener('click', () => this.setFollowing(!this.isFollowing));
  }

  /** Show `vehicle` (its latest view); `canCommand` shows or hides the commands. */
  show(vehicle: VehicleView, nowMs: number, canCommand: boolean): void {
    if (this.element.dataset.vehicleId !== vehicle.id) this.setFollowing(false);
    this.element.hidden = false;
    this.element.dataset.vehicleId = vehicle.id;
    this.element.dataset.state = displayStateOf(vehicle);
    setText(this.title, vehicle.callsign);
    for (const [field, text] of Object.entries(describe(vehicle, nowMs)) as Array<[Field, string]>) setText(this.values.get(field)!, text);
    this.commands.show(vehicle, canCommand);
  }

  hide(): void {
    this.setFollowing(false);
    this.element.hidden = true;
    delete this.element.dataset.vehicleId;
  }

  /** Follow mode on or off (the person dragging the map turns it off). */
  setFollowing(isFollowing: boolean): void {
    if (this.isFollowing === isFollowing) return;
    this.isFollowing = isFollowing;
    this.followButton.setAttribute('aria-pressed', String(isFollowing));
    this.followButton.textContent = isFollowing ? 'Following' : 'Follow';
    this.handlers.onFollowChange(isFollowing);
  }
}
