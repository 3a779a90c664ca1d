/**
 * The versions of the chosen zone (GET /api/zones/:id/versions), oldest first: when each was in
 * force, in the corridor's local time, and its band — what a regulator reads to see how a zone
 * changed, and an operator to check that a change was stored as a new version.
 */
import type { ZoneVersionView } from '../server/contracts/index.ts';
import { createElement } from './create-element.ts';
import type { ZoneApi } from './zone-api.ts';
import { describeBand, describeMargin } from './zone-list.ts';
import { describeDate, zonedClockOf, zonedDateOf } from './zoned-time.ts';

const at = (atMs: number, timeZone: string) => `${describeDate(zonedDateOf(atMs, timeZone))} ${zonedClockOf(atMs, timeZone)}`;

/** 'v2 · since Fri 14 Jun 2030 08:00 · 0–90 m AGL · no margin · prohibited exclusion'. */
function describeVersion(version: ZoneVersionView, timeZone: string): string {
  const span = version.validToMs === null ? `since ${at(version.validFromMs, timeZone)} (current)` : `${at(version.validFromMs, timeZone)} → ${at(version.validToMs, timeZone)}`;
  return `v${version.version} · ${span} · ${describeBand(version)} · ${describeMargin(version.marginM)} · ${version.restriction} ${version.kind}`;
}

export class ZoneHistory {
  /** Which request's answer may still be shown: a later choice wins over an earlier, slower answer. */
  private shownZoneId: string | null = null;

  constructor(private readonly section: HTMLElement, private readonly list: HTMLElement, private readonly api: ZoneApi) {}

  /** List `zone`'s versions (times in `timeZone`); null hides the section. */
  async show(zone: ZoneVersionView | null, timeZone: string): Promise<void> {
    this.shownZoneId = zone?.id ?? null;
    this.section.hidden = zone === null;
    if (!zone) return;
    this.section.querySelector('h2')!.textContent = `History of “${zone.name}”`;
    try {
      const versions = await this.api.versions(zone.id);
      if (this.shownZoneId !== zone.id) return;
      this.list.replaceChildren(...versions.map((version) =>
        createElement('li', { text: describeVersion(version, timeZone), data: { zoneId: version.id, version: String(version.version), current: String(version.validToMs === null) } })));
    } catch (error) {
      if (this.shownZoneId !== zone.id) return;
      this.list.replaceChildren(createElement('li', { className: 'empty', text: `Could not load the history: ${error instanceof Error ? error.message : String(error)}` }));
    }
  }
}
