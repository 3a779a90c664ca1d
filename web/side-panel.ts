/**
 * Building blocks of the live map's side panel: the shown corridor's facts, and keyed list
 * updates. The aircraft and alert lists change several times a second with hundreds of items;
 * rebuilding them would reset scroll positions, half-typed acknowledgement comments and focus,
 * so each item keeps its element and only items out of place are moved.
 */
import type { CorridorView } from '../server/contracts/index.ts';

/** Name, ceiling, zones and (once loaded: null before) today's booked volumes of the shown corridor, as text. */
export function renderCorridorInfo(element: HTMLElement, corridor: CorridorView, bookings: { drawn: number; active: number } | null): void {
  const name = document.createElement('strong');
  name.textContent = corridor.name;
  const facts = [
    `Ceiling ${corridor.ceilingM} m ${corridor.ceilingReference}`,
    `${corridor.zones.length} zones`,
    bookings ? `${bookings.drawn} booked volume${bookings.drawn === 1 ? '' : 's'} today (${bookings.active} active)` : 'bookings loading…',
    ...(corridor.isApproximate ? ['coordinates approximate'] : []),
  ];
  element.replaceChildren(name, `, ${corridor.country}`, document.createElement('br'), facts.join(' · '));
}

/**
 * Make `parent`'s children exactly `children`, in order, moving only those out of place (an
 * element already where it belongs is not touched, so it keeps focus and what is typed in it).
 */
export function syncChildren(parent: HTMLElement, children: readonly Element[]): void {
  const wanted = new Set(children);
  for (const child of [...parent.children]) if (!wanted.has(child)) child.remove();
  children.forEach((child, index) => {
    const current = parent.children[index];
    if (current !== child) parent.insertBefore(child, current ?? null);
  });
}

/** Set `element`'s text only when it differs (an unchanged text costs no style or layout work). */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Set data attributes only when they differ, for the same reason. */
export function setData(element: HTMLElement, data: Record<string, string>): void {
  for (const [key, value] of Object.entries(data)) if (element.dataset[key] !== value) element.dataset[key] = value;
}
