/**
 * The buttons under a booking (Approve, Reject, Cancel …). An action that wants a reason asks for
 * it in place — an input and a confirm button instead of the row — rather than with a browser
 * dialog. While an action runs its buttons are disabled; a refusal is shown under the booking in
 * the server's own words (e.g. the 409 naming the approved booking an approval would overlap).
 */
import { ApiRequestError } from './api.ts';
import { createElement } from './create-element.ts';

export interface BookingAction {
  /** Goes on the button as data-action. */
  name: string;
  label: string;
  /** 'none': act at once; 'confirm': ask "sure?" first; 'optional' or 'required': ask for a reason first. */
  reason: 'none' | 'confirm' | 'optional' | 'required';
  /** Placeholder of the reason input, saying who will read it. */
  reasonPrompt?: string;
  run: (reason: string | null) => Promise<unknown>;
}

const MESSAGES = {
  reasonRequired: 'Give a reason: the partner sees it.',
  unreachable: (error: unknown) => `Could not reach the server (${error instanceof Error ? error.message : String(error)}); try again.`,
} as const;

const messageOf = (error: unknown) => (error instanceof ApiRequestError ? error.message : MESSAGES.unreachable(error));

/** The actions row and its error line, for appending to a booking's item. */
export function createBookingActions(actions: readonly BookingAction[]): HTMLElement[] {
  if (actions.length === 0) return [];
  const row = createElement('div', { className: 'booking-actions' });
  const error = createElement('p', { className: 'booking-error', attrs: { role: 'alert' } });

  const perform = async (action: BookingAction, reason: string | null, controls: HTMLElement) => {
    const buttons = [...controls.querySelectorAll('button')];
    buttons.forEach((button) => (button.disabled = true));
    error.textContent = '';
    try {
      await action.run(reason);
      // The list redraws this booking from the server's answer or the booking:changed event.
    } catch (failure) {
      error.textContent = messageOf(failure);
      buttons.forEach((button) => (button.disabled = false));
    }
  };

  const showButtons = () => {
    row.replaceChildren(...actions.map((action) => {
      const button = createElement('button', { text: action.label, data: { action: action.name }, attrs: { type: 'button' } });
      button.addEventListener('click', () => (action.reason === 'none' ? void perform(action, null, row) : askReason(action)));
      return button;
    }));
  };

  const askReason = (action: BookingAction) => {
    const input = createElement('input', { className: 'reason-input', attrs: { type: 'text', maxlength: '500', placeholder: action.reasonPrompt ?? 'Reason', 'aria-label': `Reason to ${action.label.toLowerCase()}` } });
    input.hidden = action.reason === 'confirm';
    const confirm = createElement('button', { text: action.label, className: 'is-confirm', data: { action: 'confirm', confirms: action.name }, attrs: { type: 'button' } });
    const back = createElement('button', { text: 'Back', data: { action: 'back' }, attrs: { type: 'button' } });
    confirm.textContent = action.reason === 'confirm' ? `Yes, ${action.label.toLowerCase()}` : action.label;
    confirm.addEventListener('click', () => {
      const reason = input.value.trim();
      if (!reason && action.reason === 'required') {
        error.textContent = MESSAGES.reasonRequired;
        return;
      }
      void perform(action, reason || null, row);
    });
    back.addEventListener('click', () => {
      error.textContent = '';
      showButtons();
    });
    row.replaceChildren(input, confirm, back);
    input.focus();
  };

  showButtons();
  return [row, error];
}
