/**
 * The sign-in form: email and password → POST /api/auth/login. On 401 or 429 it shows the
 * server's own message (wrong password, or how long to wait), so the wording lives in one place.
 */
import type { SessionView } from '../server/contracts/index.ts';
import { ApiRequestError, type ApiClient } from './api.ts';

// Static markup only: nothing the user or the server says is put into it as HTML.
const FORM_HTML = `
  <form id="sign-in-form" class="sign-in-card" novalidate>
    <h2>Sign in</h2>
    <p class="sign-in-lead">Live map of the drone testing corridors. Sign in with your platform account.</p>
    <p id="sign-in-notice" class="sign-in-notice" hidden></p>
    <label for="sign-in-email">Email</label>
    <input id="sign-in-email" name="email" type="email" autocomplete="username" required spellcheck="false" />
    <label for="sign-in-password">Password</label>
    <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required />
    <p id="sign-in-error" class="sign-in-error" role="alert" aria-live="assertive"></p>
    <button id="sign-in-submit" type="submit">Sign in</button>
  </form>`;

export interface SignInOptions {
  /** Why the form is shown again (e.g. the session ended); shown above the fields. */
  notice?: string;
}

function messageOf(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  return `Could not reach the server (${error instanceof Error ? error.message : String(error)}); try again.`;
}

/**
 * Show the sign-in form in `container` (replacing what is there) and resolve with the session
 * once the person has signed in. Failed attempts stay on the form with the reason; never rejects.
 */
export function showSignIn(container: HTMLElement, api: ApiClient, options: SignInOptions = {}): Promise<SessionView> {
  container.innerHTML = FORM_HTML;
  container.hidden = false;
  const field = <T extends HTMLElement>(id: string) => container.querySelector<T>(`#${id}`)!;
  const form = field<HTMLFormElement>('sign-in-form');
  const email = field<HTMLInputElement>('sign-in-email');
  const password = field<HTMLInputElement>('sign-in-password');
  const submit = field<HTMLButtonElement>('sign-in-submit');
  const error = field('sign-in-error');
  const notice = field('sign-in-notice');
  if (options.notice) {
    notice.textContent = options.notice;
    notice.hidden = false;
  }
  email.focus();
  return new Promise((resolve) => {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!email.value.trim() || !password.value) {
        error.textContent = 'Enter your email and password.';
        return;
      }
      submit.disabled = true;
      submit.textContent = 'Signing in…';
      error.textContent = '';
      api.signIn(email.value.trim(), password.value).then(
        (session) => {
          container.hidden = true;
          container.replaceChildren();
          resolve(session);
        },
        (failure: unknown) => {
          error.textContent = messageOf(failure);
          submit.disabled = false;
          submit.textContent = 'Sign in';
          password.select();
        },
      );
    });
  });
}
