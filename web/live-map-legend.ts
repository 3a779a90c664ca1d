/**
 * The map's key: what each aircraft colour and booked-volume outline means, and whether labels name the callsign or the
 * partner (remembered in localStorage, as a control-room screen is set up once).
 */
import L from 'leaflet';
import { STATE_COLOURS, type AircraftDisplayState, type LabelMode } from './aircraft-state.ts';
import { createElement } from './create-element.ts';
import { BOOKING_COLOURS } from './live-bookings.ts';

const LABEL_MODE_KEY = 'corridor-ops:label-mode';
const MEANINGS: ReadonlyArray<[AircraftDisplayState, string]> = [
  ['nominal', 'nominal'], ['approaching', 'approaching / predicted'], ['breach', 'breach / outside corridors'],
  ['lost', 'link lost (last position)'], ['unbooked', 'unbooked / unregistered'],
];

export class LiveMapLegend extends L.Control {
  private mode: LabelMode;

  constructor(private readonly onChange: () => void, private readonly storage: Storage = localStorage) {
    super({ position: 'bottomleft' });
    this.mode = storage.getItem(LABEL_MODE_KEY) === 'partner' ? 'partner' : 'callsign';
  }

  /** Which name the aircraft labels show. */
  get labelMode(): LabelMode {
    return this.mode;
  }

  override onAdd(): HTMLElement {
    const select = createElement('select', { attrs: { id: 'label-mode', 'aria-label': 'Aircraft labels' } }, [new Option('callsign', 'callsign'), new Option('partner', 'partner')]);
    select.value = this.mode;
    select.addEventListener('change', () => {
      this.mode = select.value === 'partner' ? 'partner' : 'callsign';
      this.storage.setItem(LABEL_MODE_KEY, this.mode);
      this.onChange();
    });
    const key = (colour: string, meaning: string, shape: 'dot' | 'line') => {
      const swatch = createElement('span', { className: `legend-swatch is-${shape}` });
      swatch.style.background = colour;
      return createElement('li', {}, [swatch, meaning]);
    };
    const keys = [
      ...MEANINGS.map(([state, meaning]) => key(STATE_COLOURS[state], meaning, 'dot')),
      key(BOOKING_COLOURS.approved, 'booked volume (approved)', 'line'),
      key(BOOKING_COLOURS.active, 'booked volume (active now)', 'line'),
    ];
    const element = createElement('div', { className: 'map-legend' }, [
      createElement('ul', {}, keys),
      createElement('label', {}, ['Labels ', select]),
    ]);
    // Clicks and scrolls on the key are not map gestures.
    L.DomEvent.disableClickPropagation(element);
    L.DomEvent.disableScrollPropagation(element);
    return element;
  }
}
