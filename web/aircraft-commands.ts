/**
 * Operator commands to the selected aircraft — RTL, Land, Loiter, Brake — each behind a
 * confirmation naming the aircraft, then the aircraft's own answer (its COMMAND_ACK result, e.g.
 * ACCEPTED or DENIED) or the server's reason it was not sent (link lost, a command pending, no
 * answer). Shown only to operators of the aircraft's corridor; the server checks again.
 * Hooks: button[data-command], #command-confirm, #command-result[data-result] ('error' on refusal).
 */
import type { OperatorCommandName, VehicleView } from '../server/contracts/index.ts';
import { ApiRequestError, type ApiClient } from './api.ts';
import { createElement } from './create-element.ts';

const COMMANDS: ReadonlyArray<{ command: OperatorCommandName; label: string; meaning: string }> = [
  { command: 'rtl', label: 'RTL', meaning: 'return to launch' },
  { command: 'land', label: 'Land', meaning: 'land where it is' },
  { command: 'loiter', label: 'Loiter', meaning: 'hold position' },
  { command: 'brake', label: 'Brake', meaning: 'stop now and hover' },
];

export class AircraftCommands {
  private readonly buttons = createElement('div', { className: 'command-buttons' });
  private readonly confirm = createElement('div', { className: 'command-confirm', attrs: { id: 'command-confirm', role: 'alertdialog' } });
  private readonly result = createElement('p', { className: 'command-result', attrs: { id: 'command-result', role: 'status' } });
  private vehicle: VehicleView | null = null;

  constructor(private readonly container: HTMLElement, private readonly api: Pick<ApiClient, 'sendCommand'>) {
    this.confirm.hidden = true;
    for (const { command, label, meaning } of COMMANDS) {
      const button = createElement('button', { text: label, data: { command }, attrs: { type: 'button', title: `${label}: ${meaning}` } });
      button.addEventListener('click', () => this.ask(command));
      this.buttons.append(button);
    }
    container.append(createElement('h3', { text: 'Commands' }), this.buttons, this.confirm, this.result);
  }

  /** Show the commands for `vehicle` when `isAllowed`; a different aircraft clears the confirmation and the last answer. */
  show(vehicle: VehicleView, isAllowed: boolean): void {
    if (this.vehicle?.id !== vehicle.id) {
      this.confirm.hidden = true;
      this.result.textContent = '';
      delete this.result.dataset.result;
    }
    this.vehicle = vehicle;
    this.container.hidden = !isAllowed;
  }

  private ask(command: OperatorCommandName): void {
    const vehicle = this.vehicle;
    if (!vehicle) return;
    const { label, meaning } = COMMANDS.find((item) => item.command === command)!;
    const send = createElement('button', { className: 'command-send', text: `Send ${label}`, attrs: { type: 'button' } });
    const cancel = createElement('button', { className: 'command-cancel', text: 'Cancel', attrs: { type: 'button' } });
    this.confirm.replaceChildren(createElement('p', { text: `Send ${label} (${meaning}) to ${vehicle.callsign}?` }), send, cancel);
    this.confirm.hidden = false;
    cancel.addEventListener('click', () => void (this.confirm.hidden = true));
    send.addEventListener('click', () => {
      this.confirm.hidden = true;
      void this.send(vehicle, command, label);
    });
    send.focus();
  }

  private async send(vehicle: VehicleView, command: OperatorCommandName, label: string): Promise<void> {
    for (const button of this.buttons.querySelectorAll('button')) button.disabled = true;
    this.result.dataset.result = 'pending';
    this.result.textContent = `Sending ${label} to ${vehicle.callsign}…`;
    try {
      const answer = await this.api.sendCommand(vehicle.id, command);
      this.result.dataset.result = answer.result;
      const tookMs = answer.ackAtMs - answer.sentAtMs;
      this.result.textContent = `${vehicle.callsign} answered ${label}: ${answer.result} (in ${tookMs < 1000 ? `${tookMs} ms` : `${(tookMs / 1000).toFixed(1)} s`})`;
    } catch (error) {
      this.result.dataset.result = 'error';
      const status = error instanceof ApiRequestError ? ` (HTTP ${error.status})` : '';
      this.result.textContent = `${label} to ${vehicle.callsign} failed: ${error instanceof Error ? error.message : String(error)}${status}`;
    } finally {
      for (const button of this.buttons.querySelectorAll('button')) button.disabled = false;
    }
  }
}
