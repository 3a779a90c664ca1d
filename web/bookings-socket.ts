/**
 * The bookings page's own Socket.IO connection, for `booking:changed` (a request, decision,
 * change, cancellation, start or end of any booking the person may see). It shows its state in
 * the page's indicator and asks for a refresh on every change and on every (re)connect, so
 * nothing that happened while disconnected is missed.
 */
import { io, type Socket } from 'socket.io-client';
import type { BookingView, ClientToServerEvents, ServerToClientEvents } from '../server/contracts/index.ts';

/** The start of the server's connect_error message for a handshake without a live session. */
const SIGN_IN_FIRST = 'Sign in first';

export interface BookingsSocketOptions {
  /** Shows 'connecting…', 'live' or 'disconnected' (data-state as the live map's indicator). */
  indicator: HTMLElement;
  onChanged: (booking: BookingView | null) => void;
  /** The server refused the socket for want of a session (expired or revoked). */
  onSignInNeeded: () => void;
  /** The server closed the socket on purpose: the session was revoked, or the person's grants changed. */
  onServerDisconnect: () => void;
}

/** Connect and follow booking changes; stop() disconnects without calling onServerDisconnect. */
export function watchBookings(options: BookingsSocketOptions): { stop(): void } {
  const setState = (state: 'connecting' | 'live' | 'stale') => {
    options.indicator.dataset.state = state;
    options.indicator.textContent = state === 'live' ? 'live' : state === 'stale' ? 'disconnected — lists may be stale' : 'connecting…';
  };
  setState('connecting');
  // Same origin, so the browser sends the HTTP-only session cookie with the handshake.
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ['websocket'] });
  socket.on('connect', () => {
    setState('live');
    options.onChanged(null);
  });
  socket.on('connect_error', (error) => {
    setState('stale');
    if (error.message.startsWith(SIGN_IN_FIRST)) options.onSignInNeeded();
  });
  socket.on('disconnect', (reason) => {
    setState('stale');
    // Socket.IO does not reconnect after a server-side disconnect: the page has to decide.
    if (reason === 'io server disconnect') options.onServerDisconnect();
  });
  socket.on('booking:changed', (booking) => options.onChanged(booking));
  return {
    stop() {
      socket.off(); // so the deliberate disconnect below is not mistaken for the server's
      socket.disconnect();
      setState('stale');
    },
  };
}
