/**
 * The amber banner under the header for the storage alarms of the server process the page is
 * connected to (`platform:alarms`): the database unreachable, the telemetry spool full, positions
 * dropped. It shows while the server's list has alarms and hides when the list is empty; the server
 * sends the list on connecting, when an alarm starts or ends, and its counts now and then, so the
 * page counts the elapsed time itself — on the server's clock (the event's atMs), not the browser's.
 */
import type { PlatformAlarmView, PlatformAlarmsEvent } from '../server/contracts/index.ts';
import { createElement } from './create-element.ts';
import { formatDuration } from './review-format.ts';

/** One alarm in words: what and since when, how long (null: nothing ongoing to count), and what it means. */
export interface PlatformAlarmText {
  what: string;
  elapsed: string | null;
  detail: string;
}

const clockTime = (atMs: number) => new Date(atMs).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const count = (n: number) => n.toLocaleString('en-GB');

/** The words for `alarm` at `serverNowMs` (ms since the epoch, the server's clock); times of day in the browser's zone. */
export function platformAlarmText(alarm: PlatformAlarmView, serverNowMs: number): PlatformAlarmText {
  // Whole seconds gone (counting up, never ahead of the clock); a clock a little behind the server's says 0 s.
  const elapsed = formatDuration(Math.max(0, Math.floor((serverNowMs - alarm.sinceMs) / 1000)));
  switch (alarm.kind) {
    case 'database-unreachable':
      return {
        what: `Database unreachable since ${clockTime(alarm.sinceMs)}`,
        elapsed,
        // Held writes are stored once it is back, unless the spool also filled (its own alarm says how many were dropped).
        detail: `${count(alarm.heldWrites)} writes held; live map and alerts continue${alarm.droppedPositions === 0 ? ', nothing is lost' : ''}`,
      };
    case 'spool-full':
      return {
        what: `Telemetry spool full since ${clockTime(alarm.sinceMs)}`,
        elapsed,
        detail: `${count(alarm.droppedPositions)} positions dropped so far (not stored); live map and alerts continue`,
      };
    case 'positions-dropped':
      return { what: `${count(alarm.droppedPositions)} positions were not stored`, elapsed: null, detail: `the telemetry spool was full (from ${clockTime(alarm.sinceMs)})` };
    case 'writes-refused':
      return {
        what: `${count(alarm.refusedWrites)} ${alarm.refusedWrites === 1 ? 'write' : 'writes'} refused by the database`,
        elapsed: null,
        detail: `set aside from ${clockTime(alarm.sinceMs)} so the rest are stored; positions stay in their flight's .tlog; the server log names each`,
      };
  }
}

const setText = (node: HTMLElement, text: string) => {
  // Only real changes: a screen reader announces every change inside role="alert".
  if (node.textContent !== text) node.textContent = text;
};

export class PlatformAlarmBanner {
  private alarms: PlatformAlarmView[] = [];
  /** Browser clock minus server clock, from the latest event. */
  private clockOffsetMs = 0;
  private readonly list = createElement('ul', { className: 'platform-alarm-list' });

  /** `banner`: the hidden role="alert" element under the header (#platform-alarm). */
  constructor(private readonly banner: HTMLElement) {
    banner.replaceChildren(createElement('strong', { className: 'platform-alarm-title', text: 'Storage alarm' }), this.list);
  }

  /** The server's list (`platform:alarms`), received at `receivedAtMs` on the browser's clock. */
  show(event: PlatformAlarmsEvent, receivedAtMs: number): void {
    this.alarms = event.alarms;
    this.clockOffsetMs = receivedAtMs - event.atMs;
    this.render(receivedAtMs);
  }

  /** Count the elapsed times on (called about once a second). */
  tick(nowMs: number): void {
    if (this.alarms.length > 0) this.render(nowMs);
  }

  /** One item per alarm, kept while the alarm lasts so only what changed is rewritten (and announced). */
  private render(nowMs: number): void {
    const serverNowMs = nowMs - this.clockOffsetMs;
    const items = this.alarms.map((alarm) => {
      const key = `${alarm.kind}@${alarm.sinceMs}`;
      const item = [...this.list.children].find((child) => (child as HTMLElement).dataset.key === key) as HTMLLIElement | undefined;
      return this.fill(item ?? this.newItem(alarm, key), platformAlarmText(alarm, serverNowMs));
    });
    const current = [...this.list.children];
    if (items.length !== current.length || items.some((item, i) => item !== current[i])) this.list.replaceChildren(...items);
    this.banner.dataset.kinds = this.alarms.map((alarm) => alarm.kind).join(' ');
    this.banner.hidden = this.alarms.length === 0;
  }

  private newItem(alarm: PlatformAlarmView, key: string): HTMLLIElement {
    // The elapsed time changes every second: hidden from screen readers (the "since" time says it), or it would be read out each second.
    return createElement('li', { data: { key, kind: alarm.kind } }, [
      createElement('span', { className: 'platform-alarm-what' }),
      createElement('span', { className: 'platform-alarm-elapsed', attrs: { 'aria-hidden': 'true' } }),
      createElement('span', { className: 'platform-alarm-detail' }),
    ]);
  }

  private fill(item: HTMLLIElement, text: PlatformAlarmText): HTMLLIElement {
    const [what, elapsed, detail] = [...item.children] as HTMLElement[];
    setText(what!, text.what);
    setText(elapsed!, text.elapsed === null ? '' : ` (${text.elapsed})`);
    setText(detail!, ` — ${text.detail}`);
    return item;
  }
}
