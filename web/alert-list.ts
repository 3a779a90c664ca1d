/**
 * The alerts list: newest first, each with its severity, time and message; acknowledged ones say
 * by whom, when and what they wrote. Operators of the alert's corridor get an "Acknowledge…"
 * button that opens a comment field (the server refuses an acknowledgement without one). Clicking
 * an alert selects it (the map then highlights its aircraft and zone). Items keep their elements
 * across updates (side-panel.ts), so a comment being typed survives new alerts arriving.
 * Hooks: li[data-alert-id][data-severity][data-kind][data-vehicle-id][data-system-id][data-acknowledged].
 */
import type { AlertView } from '../server/contracts/index.ts';
import { createElement } from './create-element.ts';
import { setData, setText, syncChildren } from './side-panel.ts';

/** How many alerts the list shows (the newest). */
const SHOWN_ALERTS = 100;

export interface AlertListOptions {
  canAcknowledge: (alert: AlertView) => boolean;
  /** Send the acknowledgement; rejects with the server's message (e.g. 409 naming who already did). */
  acknowledge: (alertId: string, comment: string) => Promise<AlertView>;
  onSelect: (alert: AlertView) => void;
}

interface Row {
  item: HTMLLIElement;
  acknowledgement: HTMLElement;
  form: HTMLFormElement | null;
}

const time = (ms: number) => new Date(ms).toLocaleTimeString();

export class AlertList {
  private readonly rows = new Map<string, Row>();
  private selectedId: string | null = null;

  constructor(private readonly list: HTMLElement, private readonly options: AlertListOptions) {}

  /** Show the newest of `alerts` (newest first). */
  render(alerts: readonly AlertView[]): void {
    syncChildren(this.list, alerts.slice(0, SHOWN_ALERTS).map((alert) => this.update(alert)));
  }

  select(alertId: string | null): void {
    if (this.selectedId) this.rows.get(this.selectedId)?.item.setAttribute('aria-selected', 'false');
    this.selectedId = alertId;
    if (alertId) this.rows.get(alertId)?.item.setAttribute('aria-selected', 'true');
  }

  private update(alert: AlertView): HTMLLIElement {
    const row = this.rows.get(alert.id) ?? this.create(alert);
    setData(row.item, { acknowledged: String(alert.acknowledgedAtMs !== null) });
    if (alert.acknowledgedAtMs !== null) {
      const comment = alert.acknowledgementComment ? `: “${alert.acknowledgementComment}”` : '';
      setText(row.acknowledgement, `Acknowledged by ${alert.acknowledgedBy ?? 'someone'} at ${time(alert.acknowledgedAtMs)}${comment}`);
      row.form?.remove();
      row.form = null;
      row.item.querySelector('.ack-open')?.remove();
    }
    return row.item;
  }

  private create(alert: AlertView): Row {
    const item = createElement('li', {
      className: 'alert-item',
      data: { alertId: alert.id, severity: alert.severity, kind: alert.kind, vehicleId: alert.vehicleId, systemId: String(alert.systemId) },
      attrs: { 'aria-selected': String(alert.id === this.selectedId), tabindex: '0' },
    }, [
      createElement('div', { className: 'alert-head' }, [
        createElement('span', { className: 'severity', text: alert.severity }),
        createElement('time', { text: time(alert.raisedAtMs), attrs: { datetime: new Date(alert.raisedAtMs).toISOString() } }),
      ]),
      createElement('div', { className: 'alert-message', text: alert.message }),
    ]);
    const acknowledgement = createElement('div', { className: 'alert-ack' });
    item.append(acknowledgement);
    const row: Row = { item, acknowledgement, form: null };
    if (alert.acknowledgedAtMs === null && this.options.canAcknowledge(alert)) this.addAcknowledgeControls(row, alert.id);
    item.addEventListener('click', (event) => {
      if (!(event.target as HTMLElement).closest('button, form')) this.options.onSelect(alert);
    });
    item.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.target === item) this.options.onSelect(alert);
    });
    this.rows.set(alert.id, row);
    return row;
  }

  private addAcknowledgeControls(row: Row, alertId: string): void {
    const open = createElement('button', { className: 'ack-open', text: 'Acknowledge…', attrs: { type: 'button' } });
    const comment = createElement('textarea', { className: 'ack-comment', attrs: { rows: '2', maxlength: '1000', 'aria-label': 'What was done', placeholder: 'What was done (required)' } });
    const submit = createElement('button', { className: 'ack-submit', text: 'Acknowledge', attrs: { type: 'submit' } });
    const cancel = createElement('button', { className: 'ack-cancel', text: 'Cancel', attrs: { type: 'button' } });
    const error = createElement('p', { className: 'ack-error', attrs: { role: 'alert' } });
    const form = createElement('form', { className: 'ack-form' }, [comment, createElement('div', { className: 'ack-buttons' }, [submit, cancel]), error]);
    form.hidden = true;
    row.form = form;
    row.item.append(open, form);
    open.addEventListener('click', () => {
      form.hidden = false;
      open.hidden = true;
      comment.focus();
    });
    cancel.addEventListener('click', () => {
      form.hidden = true;
      open.hidden = false;
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!comment.value.trim()) {
        error.textContent = 'Say what was done: the comment is kept with the acknowledgement.';
        return;
      }
      submit.disabled = true;
      error.textContent = '';
      this.options.acknowledge(alertId, comment.value.trim()).then(
        (acknowledged) => this.update(acknowledged),
        (failure: unknown) => {
          submit.disabled = false;
          error.textContent = failure instanceof Error ? failure.message : String(failure);
        },
      );
    });
  }
}
