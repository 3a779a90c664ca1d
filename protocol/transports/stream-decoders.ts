/**
 * One MavlinkDecoder per peer of a link (each peer is its own byte stream, so garbage from one never
 * disturbs another), with the statistics of peers that went away folded into totals, so that link
 * and per-vehicle figures survive reconnections without keeping every closed connection.
 */
import { addLinkStatistics, createLinkStatistics, type LinkStatistics } from '../link-statistics.ts';
import { MavlinkDecoder } from '../mavlink-decoder.ts';
import type { MessageRegistry } from '../message-registry.ts';
import type { DecodedFrame } from '../received-message.ts';

/** Options passed to every decoder. */
export interface StreamDecoderOptions {
  clock?: () => number;
  registry?: MessageRegistry;
}

export class StreamDecoders {
  private readonly decoders = new Map<string, MavlinkDecoder>();
  private readonly retiredTotals = createLinkStatistics();
  private readonly retiredVehicles = new Map<string, LinkStatistics>();

  constructor(private readonly options: StreamDecoderOptions) {}

  /** Starts a fresh stream for `remote` (a new TCP connection); keeps the current one if it exists. */
  open(remote: string): void {
    if (!this.decoders.has(remote)) this.decoders.set(remote, new MavlinkDecoder({ clock: this.options.clock, registry: this.options.registry }));
  }

  /** Decodes bytes from `remote`, opening its stream on first use (a UDP sender). */
  push(remote: string, bytes: Buffer): DecodedFrame[] {
    this.open(remote);
    return (this.decoders.get(remote) as MavlinkDecoder).push(bytes);
  }

  /** Ends `remote`'s stream (a closed connection): its counts move into the totals. */
  retire(remote: string): void {
    const decoder = this.decoders.get(remote);
    if (decoder === undefined) return;
    this.decoders.delete(remote);
    addLinkStatistics(this.retiredTotals, decoder.statistics);
    for (const [vehicle, statistics] of decoder.senders) {
      const total = this.retiredVehicles.get(vehicle) ?? createLinkStatistics();
      this.retiredVehicles.set(vehicle, addLinkStatistics(total, statistics));
    }
  }

  /** Live statistics of each open stream. */
  get remotes(): Map<string, Readonly<LinkStatistics>> {
    const result = new Map<string, Readonly<LinkStatistics>>();
    for (const [remote, decoder] of this.decoders) result.set(remote, decoder.statistics);
    return result;
  }

  /** Totals since start (a fresh object). */
  get statistics(): LinkStatistics {
    const total = addLinkStatistics(createLinkStatistics(), this.retiredTotals);
    for (const decoder of this.decoders.values()) addLinkStatistics(total, decoder.statistics);
    return total;
  }

  /** One vehicle's totals since start (`${systemId}:${componentId}`), over every stream; null if never heard. */
  vehicle(key: string): LinkStatistics | null {
    let total: LinkStatistics | null = null;
    const retired = this.retiredVehicles.get(key);
    if (retired) total = addLinkStatistics(createLinkStatistics(), retired);
    for (const decoder of this.decoders.values()) {
      const statistics = decoder.senders.get(key);
      if (statistics) total = addLinkStatistics(total ?? createLinkStatistics(), statistics);
    }
    return total;
  }

  /** Per-vehicle totals since start, over every stream (fresh objects). */
  get vehicles(): Map<string, Readonly<LinkStatistics>> {
    const result = new Map<string, LinkStatistics>();
    const add = (vehicle: string, statistics: Readonly<LinkStatistics>): void => {
      result.set(vehicle, addLinkStatistics(result.get(vehicle) ?? createLinkStatistics(), statistics));
    };
    for (const [vehicle, statistics] of this.retiredVehicles) add(vehicle, statistics);
    for (const decoder of this.decoders.values()) for (const [vehicle, statistics] of decoder.senders) add(vehicle, statistics);
    return result;
  }
}
