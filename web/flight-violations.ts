/**
 * A flight's violations with their evidence: which zone (and which version of it) and which limit,
 * when it began and how long it lasted, where it began, how far outside the aircraft went
 * horizontally and vertically, and the stored positions that show it. "Jump to" moves the replay
 * to the violation's start and the map to where it began. Names are other people's words: text only.
 */
import type { ViolationView, ZoneKind } from '../server/contracts/index.ts';
import { createElement } from './create-element.ts';
import { formatDuration, formatNumber, formatUtc, formatClock } from './review-format.ts';

const LIMIT_NAMES: Record<ViolationView['limit'], string> = { horizontal: 'area', ceiling: 'ceiling', floor: 'floor' };

/** '33.482911, -13.034402' — [lon, lat] as GeoJSON has them, with the order named in the heading. */
const describePoint = ([lon, lat]: readonly [number, number]) => `${lon.toFixed(6)}, ${lat.toFixed(6)}`;

function evidenceTable(violation: ViolationView): HTMLElement {
  const rows = violation.evidence.map((point) => createElement('tr', {}, [
    formatClock(point.timeMs), point.lon.toFixed(6), point.lat.toFixed(6), point.altitudeMslM.toFixed(1), point.altitudeAglM.toFixed(1),
  ].map((text) => createElement('td', { text }))));
  return createElement('details', { className: 'violation-evidence' }, [
    createElement('summary', { text: `Evidence: ${violation.evidence.length} stored position${violation.evidence.length === 1 ? '' : 's'}` }),
    createElement('table', { className: 'review-table' }, [
      createElement('thead', {}, [createElement('tr', {}, ['time (UTC)', 'lon', 'lat', 'MSL (m)', 'AGL (m)'].map((text) => createElement('th', { text })))]),
      createElement('tbody', {}, rows),
    ]),
  ]);
}

/**
 * How far, in the words that fit the zone: the geofence measures an exclusion's breach as depth
 * inside it (to its nearest edge, and to the nearer end of its band) and an inclusion's as distance
 * outside it; for a zone not among those drawn, the numbers alone.
 */
function describeExcursion(violation: ViolationView, kind: ZoneKind | null): string {
  const horizontal = formatNumber(violation.maxHorizontalExcursionM, 'm');
  const vertical = formatNumber(violation.maxVerticalExcursionM, 'm');
  if (kind === 'exclusion') return `up to ${horizontal} inside its edge, ${vertical} inside its altitude band`;
  if (kind === 'inclusion') return `up to ${horizontal} outside its area, ${vertical} outside its altitude band`;
  return `${horizontal} horizontally, ${vertical} vertically`;
}

/** Fill `list` with `violations` (oldest first); "Jump to" calls `onJump`; `zoneKind` says whether each zone kept aircraft out or in. */
export function showFlightViolations(list: HTMLElement, violations: readonly ViolationView[], onJump: (violation: ViolationView) => void, zoneKind: (zoneId: string) => ZoneKind | null = () => null): void {
  if (violations.length === 0) {
    list.replaceChildren(createElement('li', { className: 'empty', text: 'No violations: the flight stayed within every zone and the ceiling.' }));
    return;
  }
  list.replaceChildren(...violations.map((violation) => {
    const jump = createElement('button', { className: 'violation-jump', text: 'Jump to', attrs: { type: 'button' } });
    jump.addEventListener('click', () => onJump(violation));
    const lasted = violation.endedAtMs === null ? 'not ended when the flight closed' : formatDuration((violation.endedAtMs - violation.startedAtMs) / 1000);
    return createElement('li', { className: 'violation-item', data: { violationId: violation.id, limit: violation.limit } }, [
      createElement('div', { className: 'violation-head' }, [
        createElement('strong', { text: `${violation.zoneName} (v${violation.zoneVersion})` }),
        createElement('span', { className: 'violation-limit', text: `${LIMIT_NAMES[violation.limit]} limit` }),
        jump,
      ]),
      createElement('dl', { className: 'violation-facts' }, [
        createElement('dt', { text: 'When' }), createElement('dd', { text: formatUtc(violation.startedAtMs) }),
        createElement('dt', { text: 'How long' }), createElement('dd', { className: 'violation-duration', text: lasted }),
        createElement('dt', { text: 'Where (lon, lat)' }), createElement('dd', { text: describePoint(violation.startPosition) }),
        createElement('dt', { text: 'How far' }),
        createElement('dd', { className: 'violation-excursion', text: describeExcursion(violation, zoneKind(violation.zoneId)) }),
      ]),
      evidenceTable(violation),
    ]);
  }));
}
