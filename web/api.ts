/**
 * The HTTP calls the live map makes, typed by the server's public contract. The client keeps the
 * session's CSRF token and sends it as X-CSRF-Token on every change (the server refuses a
 * cookie-authenticated POST without it), and reports a 401 from any data call as "signed out".
 */
import type {
  AlertView, ApiError, BookingView, CommandResultView, CorridorView, MapConfigView, OperatorCommandName, Page, SessionView, TrailView, VehicleView,
} from '../server/contracts/index.ts';

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
/** Most pages a list is followed for (500 items each): far more aircraft or alerts than a screen shows. */
const MAX_PAGES = 10;

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
  /** Every vehicle the person may see (all pages). */
  fetchVehicles = () => this.getAll<VehicleView>('/api/vehicles', { limit: '500' });
  /** Each visible vehicle's positions of the last `minutes` (the server keeps 15). */
  fetchTrails = (minutes: number) => this.get<Page<TrailView>>(`/api/vehicles/trails?minutes=${minutes}`).then((page) => page.items);
  fetchMapConfig = () => this.get<MapConfigView>('/api/map-config');
  /** The newest `limit` alerts, newest first. */
  fetchAlerts = (limit = 50) => this.get<Page<AlertView>>(`/api/alerts?limit=${limit}`).then((page) => page.items);
  /** Every alert raised at or after `sinceMs` (all pages), newest first: what a page missed while disconnected. */
  fetchAlertsSince = (sinceMs: number) => this.getAll<AlertView>('/api/alerts', { limit: '500', since: new Date(sinceMs).toISOString() });
  /** Approved and active bookings of `corridorId` overlapping [fromMs, toMs). */
  fetchBookings = (corridorId: string, fromMs: number, toMs: number) =>
    this.getAll<BookingView>('/api/bookings', { corridorId, status: 'approved,active', from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), limit: '500' });
  /** Acknowledge an alert with a comment; ApiRequestError 409 (already acknowledged, naming by whom), 403, 404. */
  acknowledgeAlert = (alertId: string, comment: string) => this.post<AlertView>(`/api/alerts/${encodeURIComponent(alertId)}/ack`, { comment });
  /** Send `command` and resolve with the aircraft's COMMAND_ACK; ApiRequestError 409 (link lost, one pending), 503 (no answer). */
  sendCommand = (vehicleId: string, command: OperatorCommandName) =>
    this.post<CommandResultView>(`/api/vehicles/${encodeURIComponent(vehicleId)}/commands`, { command });

  private async get<T>(path: string): Promise<T> {
    const response = await this.send('GET', path);
    if (response.status === 401) this.options.onSignedOut();
    return this.read<T>(path, response);
  }

  /** Follow a list resource's cursor for up to MAX_PAGES pages. */
  private async getAll<T>(path: string, query: Record<string, string>): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer: Page<T> = await this.get(`${path}?${new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) })}`);
      items.push(...answer.items);
      cursor = answer.nextCursor;
      if (!cursor) break;
    }
    return items;
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const response = await this.send('POST', path, body);
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
