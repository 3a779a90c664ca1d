/**
 * The HTTP calls the live map makes, typed by the server's public contract. The client keeps the
 * session's CSRF token and sends it as X-CSRF-Token on every change (the server refuses a
 * cookie-authenticated POST without it), and reports a 401 from any data call as "signed out".
 */
import type { AlertView, ApiError, CorridorView, Page, SessionView, VehicleView } from '../server/contracts/index.ts';

/** A non-2xx answer: the HTTP status and the server's own message (shown to people as it is). */
export class ApiRequestError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export interface ApiClientOptions {
  /** Called when a data call answers 401: the session expired or was revoked. */
  onSignedOut: () => void;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

async function errorOf(path: string, response: Response): Promise<ApiRequestError> {
  // The body may be HTML or empty (a proxy, a crash): then the status is all there is to say.
  const body = (await response.json().catch(() => null)) as ApiError | null;
  return new ApiRequestError(path, response.status, body?.error?.message ?? `${path}: HTTP ${response.status}`);
}

export class ApiClient {
  private csrfToken: string | null = null;

  constructor(private readonly options: ApiClientOptions) {}

  /** Who is signed in, or null when nobody is (401); throws ApiRequestError on any other failure. */
  async session(): Promise<SessionView | null> {
    const response = await this.send('GET', '/api/auth/session');
    if (response.status === 401) return null;
    return this.remember(await this.read<SessionView>('/api/auth/session', response));
  }

  /** Sign in with email and password; throws ApiRequestError with the server's message (401 wrong, 429 throttled). */
  async signIn(email: string, password: string): Promise<SessionView> {
    const response = await this.send('POST', '/api/auth/login', { email, password });
    return this.remember(await this.read<SessionView>('/api/auth/login', response));
  }

  /** End the session (204); a 401 means it had already ended, which is what was asked. */
  async signOut(): Promise<void> {
    const response = await this.send('POST', '/api/auth/logout');
    if (!response.ok && response.status !== 401) throw await errorOf('/api/auth/logout', response);
    this.csrfToken = null;
  }

  fetchCorridors = () => this.get<Page<CorridorView>>('/api/corridors').then((page) => page.items);
  fetchVehicles = () => this.get<Page<VehicleView>>('/api/vehicles?limit=500').then((page) => page.items);
  fetchAlerts = () => this.get<Page<AlertView>>('/api/alerts?limit=50').then((page) => page.items);

  private async get<T>(path: string): Promise<T> {
    const response = await this.send('GET', path);
    if (response.status === 401) this.options.onSignedOut();
    return this.read<T>(path, response);
  }

  private send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (!SAFE_METHODS.has(method) && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  }

  private async read<T>(path: string, response: Response): Promise<T> {
    if (!response.ok) throw await errorOf(path, response);
    return (await response.json()) as T;
  }

  private remember(session: SessionView): SessionView {
    this.csrfToken = session.csrfToken;
    return session;
  }
}
