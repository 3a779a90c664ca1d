/**
 * The red banner under the header for the newest critical alert, so a breach is seen even with
 * the alerts list scrolled away. Clicking it selects the alert (the map goes to its aircraft and
 * zone); Dismiss hides it until the next critical alert. An acknowledged alert's banner goes away.
 */
import type { AlertView } from '../server/contracts/index.ts';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export class AlertBanner {
  private readonly banner = byId('alert-banner');
  private readonly text = byId('alert-banner-text');
  private alert: AlertView | null = null;

  constructor(onSelect: (alert: AlertView) => void) {
    byId('alert-banner-dismiss').addEventListener('click', (event) => {
      event.stopPropagation();
      this.banner.hidden = true;
    });
    this.banner.addEventListener('click', () => {
      if (this.alert) onSelect(this.alert);
    });
  }

  /** Show `alert` (a new critical one). */
  show(alert: AlertView): void {
    this.alert = alert;
    this.text.textContent = alert.message;
    this.banner.dataset.alertId = alert.id;
    this.banner.dataset.vehicleId = alert.vehicleId;
    this.banner.hidden = false;
  }

  /** `alert` was acknowledged: its banner has done its job. */
  acknowledged(alert: AlertView): void {
    if (this.alert?.id === alert.id) this.banner.hidden = true;
  }
}
