/**
 * The track colouring switch above the flight map — by altitude or by conformance — with the key
 * of the colours shown. The choice is remembered for the session's next flight (sessionStorage:
 * a reviewer going through flights keeps one way of looking at them).
 */
import { createElement } from './create-element.ts';
import { altitudeLegend, FENCE_COLOURS, type TrackColouring } from './flight-track-style.ts';

const STORAGE_KEY = 'corridor-ops:track-colouring';

function keyOf(colouring: TrackColouring, ceilingM: number): HTMLElement {
  const entries = colouring === 'altitude' ? altitudeLegend(ceilingM) : Object.entries(FENCE_COLOURS).map(([status, colour]): [string, string] => [colour, status]);
  return createElement('span', { className: 'track-key' }, entries.map(([colour, label]) => {
    const swatch = createElement('span', { className: 'legend-swatch' });
    swatch.style.background = colour;
    return createElement('span', { className: 'track-key-item' }, [swatch, label]);
  }));
}

/** Build the switch into `host`; calls `onChange` now and at every change. `ceilingM` labels the altitude bands. */
export function showColouringToggle(host: HTMLElement, ceilingM: number, onChange: (colouring: TrackColouring) => void): void {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  let colouring: TrackColouring = stored === 'conformance' ? 'conformance' : 'altitude';
  const radios = (['altitude', 'conformance'] as const).map((value) => {
    const input = createElement('input', { attrs: { type: 'radio', name: 'track-colouring', value, id: `track-colouring-${value}` } });
    input.checked = value === colouring;
    return createElement('label', { className: 'check' }, [input, value === 'altitude' ? 'by altitude' : 'by conformance']);
  });
  const key = createElement('span', { className: 'track-key-host' });
  host.replaceChildren(createElement('fieldset', { className: 'track-colouring', attrs: { id: 'track-colouring' } }, [createElement('legend', { text: 'Track colour' }), ...radios]), key);
  const apply = () => {
    key.replaceChildren(keyOf(colouring, ceilingM));
    host.dataset.colouring = colouring;
    onChange(colouring);
  };
  host.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name !== 'track-colouring') return;
    colouring = target.value === 'conformance' ? 'conformance' : 'altitude';
    sessionStorage.setItem(STORAGE_KEY, colouring);
    apply();
  });
  apply();
}
