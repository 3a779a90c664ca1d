/** The header's account corner: who is signed in, what they may do, and the Sign out button. */
import type { SessionView } from '../server/contracts/index.ts';
import { describeGrants } from './role-summary.ts';

export interface SessionHeaderElements {
  name: HTMLElement;
  roles: HTMLElement;
  signOut: HTMLButtonElement;
}

/**
 * Show the signed-in person and call `signOut` when the button is pressed. While it runs the
 * button is disabled; if it fails, the button says so and can be pressed again.
 */
export function showSessionHeader(elements: SessionHeaderElements, session: SessionView, signOut: () => Promise<void>): void {
  const { name, roles, signOut: button } = elements;
  name.textContent = session.user?.displayName ?? session.token?.name ?? 'Signed in';
  name.title = session.user?.email ?? '';
  roles.textContent = describeGrants(session.grants);
  button.addEventListener('click', () => {
    button.disabled = true;
    button.textContent = 'Signing out…';
    signOut().catch((error: unknown) => {
      // Still signed in on the server: say so rather than pretend, and let the person retry.
      button.disabled = false;
      button.textContent = 'Sign out failed — retry';
      button.title = error instanceof Error ? error.message : String(error);
    });
  });
}
