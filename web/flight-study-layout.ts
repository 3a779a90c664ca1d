/**
 * The frame of a flight study — one flight, or several replayed together: a heading with the way
 * back to the list, the map with its tools above and the replay bar and altitude profile below,
 * and a side column of panels. Built fresh for each study (and emptied when it is left), so the
 * elements' ids are unique on the page.
 */
import { createElement } from './create-element.ts';

export interface StudyLayout {
  tools: HTMLElement;
  map: HTMLElement;
  replay: HTMLElement;
  profile: HTMLElement;
  /** The side panels, by the ids asked for. */
  panels: Record<string, HTMLElement>;
}

/** Build the frame into `host` with `title` and one side panel per [id, heading]. */
export function buildStudyLayout(host: HTMLElement, title: string, panels: ReadonlyArray<[string, string]>): StudyLayout {
  const tools = createElement('div', { className: 'study-tools' });
  const map = createElement('div', { className: 'study-map', attrs: { id: 'flight-map', 'aria-label': 'Flight map' } });
  const replay = createElement('div', { className: 'study-replay', attrs: { id: 'replay-host' } });
  const profile = createElement('div', { className: 'study-profile', attrs: { id: 'altitude-profile' } });
  const sections = panels.map(([id, heading]) => [id, createElement('div', { attrs: { id } })] as const);
  host.replaceChildren(
    createElement('div', { className: 'study-head' }, [
      createElement('a', { className: 'study-back', text: '← All flights', attrs: { href: '#flights' } }),
      createElement('h2', { className: 'study-title', text: title, attrs: { id: 'study-title' } }),
    ]),
    createElement('div', { className: 'study-body' }, [
      createElement('div', { className: 'study-main' }, [tools, map, replay, profile]),
      createElement('aside', { className: 'study-side' }, sections.map(([id, element]) =>
        createElement('section', { className: 'panel', attrs: { 'aria-labelledby': `${id}-heading` } }, [
          createElement('h2', { text: panels.find(([panelId]) => panelId === id)![1], attrs: { id: `${id}-heading` } }), element,
        ]))),
    ]),
  );
  return { tools, map, replay, profile, panels: Object.fromEntries(sections) };
}
