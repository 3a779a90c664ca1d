/**
 * The alerts the page has seen, whichever way they came (the first load, `alert:raised`,
 * `alert:acknowledged`, a catch-up after a reconnect), merged by id so none is shown twice, and
 * the newest raise time seen — what the page asks `since` when it reconnects, so nothing raised
 * while it was disconnected is lost.
 */
import type { AlertView } from '../server/contracts/index.ts';

/** What taking an alert changed. */
export type AlertChange = 'new' | 'updated' | 'unchanged';

export class AlertFeed {
  private readonly alerts = new Map<string, AlertView>();
  /** The newest raisedAtMs seen (server clock); null before any alert. */
  newestRaisedAtMs: number | null = null;

  /** Take one alert: new, a newer state of a known one (acknowledged), or nothing new. */
  take(alert: AlertView): AlertChange {
    const known = this.alerts.get(alert.id);
    this.newestRaisedAtMs = Math.max(this.newestRaisedAtMs ?? -Infinity, alert.raisedAtMs);
    if (!known) {
      this.alerts.set(alert.id, alert);
      return 'new';
    }
    // An acknowledgement never goes back: an older copy (a page fetched before the ack) must not undo it.
    if (known.acknowledgedAtMs !== null || alert.acknowledgedAtMs === null) return 'unchanged';
    this.alerts.set(alert.id, alert);
    return 'updated';
  }

  get(alertId: string): AlertView | undefined {
    return this.alerts.get(alertId);
  }

  /** The newest `limit` alerts, newest first (ties by id, so the order is stable). */
  newest(limit: number): AlertView[] {
    return [...this.alerts.values()].sort((a, b) => b.raisedAtMs - a.raisedAtMs || b.id.localeCompare(a.id)).slice(0, limit);
  }
}
