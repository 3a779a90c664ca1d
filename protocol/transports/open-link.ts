import { parseConnectionString, type ConnectionString } from '../connection-string.ts';
import type { MessageRegistry } from '../message-registry.ts';
import type { MavlinkLink } from './mavlink-link.ts';
import { TcpClientLink } from './tcp-client-link.ts';
import { TcpServerLink } from './tcp-server-link.ts';
import { UdpLink } from './udp-link.ts';

/** Options of openLink; every field has a default. */
export interface OpenLinkOptions {
  /** Link id; default 'udp-14550', 'tcp-127.0.0.1-5760' or 'tcpin-5761' from the connection string. */
  id?: string;
  /** Stamps receivedAtMs (ms since the epoch); default Date.now. */
  clock?: () => number;
  /** Known messages; default defaultRegistry. */
  registry?: MessageRegistry;
  /** tcp only: first reconnect wait, ms; default 500. */
  initialBackoffMs?: number;
  /** tcp only: longest reconnect wait, ms; default 10,000. */
  maxBackoffMs?: number;
}

const UDPOUT = (text: string): string =>
  `openLink: '${text}' is udpout; a ground station listens (udpin:0.0.0.0:14550), connects (tcp:127.0.0.1:5760) or accepts (tcpin:0.0.0.0:5761)`;

/**
 * The link for a ground-station connection string: 'udpin:HOST:PORT' (or MAVProxy's 'udp:') → UdpLink,
 * 'tcp:HOST:PORT' → TcpClientLink, 'tcpin:HOST:PORT' → TcpServerLink. Not started: call start().
 * Throws an Error naming a malformed string or a udpout one.
 * Example: openLink('tcp:127.0.0.1:5760').id → 'tcp-127.0.0.1-5760'.
 */
export function openLink(text: string | ConnectionString, options: OpenLinkOptions = {}): MavlinkLink {
  const connection = typeof text === 'string' ? parseConnectionString(text) : text;
  const { host, port } = connection;
  const common = { clock: options.clock, registry: options.registry };
  switch (connection.kind) {
    case 'udpin': return new UdpLink({ id: options.id ?? `udp-${port}`, host, port, ...common });
    case 'tcp': return new TcpClientLink({
      id: options.id ?? `tcp-${host}-${port}`, host, port, ...common, initialBackoffMs: options.initialBackoffMs, maxBackoffMs: options.maxBackoffMs,
    });
    case 'tcpin': return new TcpServerLink({ id: options.id ?? `tcpin-${port}`, host, port, ...common });
    default: throw new Error(UDPOUT(typeof text === 'string' ? text : `${connection.kind}:${host}:${port}`));
  }
}
