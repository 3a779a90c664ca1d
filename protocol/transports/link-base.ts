/**
 * What every MAVLink link shares: one StreamDecoders (a decoder per remote, counts per remote and
 * per vehicle), the count of sends it had to drop, option checks for its endpoint, and errors
 * emitted only while someone listens. UdpLink, TcpClientLink and TcpServerLink extend it.
 */
import { EventEmitter } from 'node:events';
import type { LinkStatistics } from '../link-statistics.ts';
import type { MessageRegistry } from '../message-registry.ts';
import type { LinkKind, MavlinkLinkEvents } from './mavlink-link.ts';
import { StreamDecoders } from './stream-decoders.ts';

export interface LinkEndpointOptions {
  id: string;
  host: string;
  port: number;
  clock?: () => number;
  registry?: MessageRegistry;
}

export abstract class LinkBase extends EventEmitter<MavlinkLinkEvents> {
  readonly id: string;
  abstract readonly kind: LinkKind;
  protected readonly streams: StreamDecoders;
  protected dropped = 0;

  /** Throws an Error naming a bad id, host or port (prefixed with the link's class name). */
  constructor(className: string, options: LinkEndpointOptions) {
    super();
    const bad = (name: string, expected: string, value: unknown) => `${className}: ${name} must be ${expected}, got ${JSON.stringify(value)}`;
    if (typeof options.id !== 'string' || options.id === '') throw new Error(bad('id', 'a non-empty string', options.id));
    if (typeof options.host !== 'string' || options.host === '') throw new Error(bad('host', 'an IP address', options.host));
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error(bad('port', 'an integer 0–65535', options.port));
    this.id = options.id;
    this.streams = new StreamDecoders({ clock: options.clock, registry: options.registry });
  }

  /** Live statistics per remote 'ip:port' (for TCP: the connected peers). */
  get remotes(): ReadonlyMap<string, Readonly<LinkStatistics>> {
    return this.streams.remotes;
  }

  /** Totals over every remote since start (a fresh object). */
  get statistics(): LinkStatistics {
    return this.streams.statistics;
  }

  /** Per vehicle `${systemId}:${componentId}` over every remote since start (fresh objects). */
  get vehicles(): ReadonlyMap<string, Readonly<LinkStatistics>> {
    return this.streams.vehicles;
  }

  /** One vehicle's counts over every remote since start, or null if never heard (cheaper than `vehicles`). */
  vehicleStatistics(systemId: number, componentId: number): LinkStatistics | null {
    return this.streams.vehicle(`${systemId}:${componentId}`);
  }

  /** send() calls dropped: not started, closed, peer not connected, or the peer was not reading. */
  get droppedSends(): number {
    return this.dropped;
  }

  protected fail(error: Error): void {
    // A failed send or socket error must not take a ground station down: without a listener the
    // error is dropped on purpose (EventEmitter would throw it), since every vehicle on the link would go with it.
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}
