/**
 * The live map's Socket.IO connection and what the page says about it. Socket.IO reconnects by
 * itself after a dropped transport (back-off 1–5 s, each attempt given 5 s); when the browser says the network is gone
 * (the 'offline' event) the page stops trying and says so at once, and tries again the moment it
 * is back ('online'), rather than waiting out a back-off. While disconnected the header says
 * "stale" with how long, body[data-live="stale"] dims the aircraft and a notice covers the map's
 * top; every (re)connect calls `onConnect`, which catches up on what was missed.
 * The header keeps data-state 'connecting' | 'live' | 'stale' (other views' indicators use the same).
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../server/contracts/index.ts';
import { secondsSince } from './aircraft-state.ts';

/** The start of the server's connect_error message for a handshake without a live session. */
const SIGN_IN_FIRST = 'Sign in first';
const CONNECT_TIMEOUT_MS = 5000;

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveConnectionOptions {
  indicator: HTMLElement;
  /** The element the stale notice is put in (the map's container). */
  noticeHost: HTMLElement;
  /** Connected (the first time, or again): load or catch up. */
  onConnect: (isReconnect: boolean) => void;
  /** The server refused the socket for want of a session (expired or revoked). */
  onSignInNeeded: () => void;
  /** The server closed the socket on purpose: the session was revoked, or the person's grants changed. */
  onServerDisconnect: () => void;
}

export class LiveConnection {
  readonly socket: LiveSocket;
  private readonly notice = document.createElement('div');
  private disconnectedAtMs: number | null = null;
  private reason: 'reconnecting' | 'offline' = 'reconnecting';
  private attempts = 0;
  private hasConnected = false;
  private readonly onOffline = () => {
    this.reason = 'offline';
    this.socket.disconnect(); // no point retrying without a network; 'online' reconnects
    this.markStale();
  };
  private readonly onOnline = () => {
    this.reason = 'reconnecting';
    this.socket.connect();
    this.show();
  };

  constructor(private readonly options: LiveConnectionOptions) {
    this.notice.className = 'map-stale';
    this.notice.setAttribute('role', 'status');
    this.notice.hidden = true;
    options.noticeHost.append(this.notice);
    this.show();
    // Same origin, so the browser sends the HTTP-only session cookie with the handshake. An attempt
    // whose handshake has not completed in CONNECT_TIMEOUT_MS is abandoned and retried (Socket.IO
    // waits 20 s by default: a connection accepted and then dropped by a proxy would hold the page
    // stale that long).
    this.socket = io({ transports: ['websocket'], timeout: CONNECT_TIMEOUT_MS });
    this.socket.on('connect', () => {
      const isReconnect = this.hasConnected;
      this.hasConnected = true;
      this.disconnectedAtMs = null;
      this.attempts = 0;
      this.show();
      options.onConnect(isReconnect);
    });
    this.socket.on('connect_error', (error) => {
      this.markStale();
      if (error.message.startsWith(SIGN_IN_FIRST)) options.onSignInNeeded();
    });
    this.socket.on('disconnect', (reason) => {
      this.markStale();
      // Socket.IO does not reconnect after a server-side disconnect: the page has to decide.
      if (reason === 'io server disconnect') options.onServerDisconnect();
    });
    this.socket.io.on('reconnect_attempt', (attempt) => {
      this.attempts = attempt;
      this.show();
    });
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
  }

  /** Whether events are flowing now. */
  get isLive(): boolean {
    return this.socket.connected;
  }

  /** Refresh the "stale for N s" wording (called about once a second). */
  tick(): void {
    if (this.disconnectedAtMs !== null) this.show();
  }

  /** Disconnect for good (signing out, or the view stopped); the map stays drawn, marked stale. */
  stop(): void {
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    this.socket.off(); // so the deliberate disconnect below is not mistaken for the server's
    this.socket.io.off();
    this.socket.disconnect();
    this.markStale();
  }

  private markStale(): void {
    this.disconnectedAtMs ??= Date.now();
    this.show();
  }

  private show(): void {
    const { indicator } = this.options;
    const state = this.socket?.connected ? 'live' : this.disconnectedAtMs === null ? 'connecting' : 'stale';
    indicator.dataset.state = state;
    document.body.dataset.live = state;
    if (state !== 'stale') {
      indicator.textContent = state === 'live' ? 'live' : 'connecting…';
      delete indicator.dataset.reason;
      this.notice.hidden = true;
      return;
    }
    const forS = secondsSince(this.disconnectedAtMs!, Date.now());
    const trying = this.reason === 'offline' ? 'offline — will reconnect when the network is back' : `reconnecting${this.attempts > 0 ? ` (attempt ${this.attempts})` : ''}…`;
    indicator.dataset.reason = this.reason;
    indicator.textContent = `stale ${forS} s — ${this.reason}`;
    this.notice.textContent = `Disconnected for ${forS} s: aircraft are shown where they were last heard; ${trying}`;
    this.notice.hidden = false;
  }
}
