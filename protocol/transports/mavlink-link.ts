/**
 * What every MAVLink link offers the server, whatever carries it (UDP, TCP client, TCP server):
 * decoded messages tagged with the link and the peer, connection events, statistics per peer and
 * per vehicle, and a way to answer a peer.
 */
import type { EventEmitter } from 'node:events';
import type { LinkStatistics } from '../link-statistics.ts';
import type { ReceivedMessage } from '../received-message.ts';

/** The link kinds, named as in connection strings. */
export type LinkKind = 'udpin' | 'tcp' | 'tcpin';

/** A TCP peer came or went ('remote' as in ReceivedMessage.remote). UDP has no connections and never emits it. */
export interface LinkConnectionEvent {
  remote: string;
  state: 'connected' | 'disconnected';
}

/** Events of a MavlinkLink; 'error' is emitted only while someone listens (a link never crashes its process). */
export type MavlinkLinkEvents = {
  message: [message: ReceivedMessage];
  error: [error: Error];
  connection: [event: LinkConnectionEvent];
};

/** A MAVLink link: UdpLink, TcpClientLink or TcpServerLink (openLink picks one from a connection string). */
export interface MavlinkLink extends EventEmitter<MavlinkLinkEvents> {
  /** Link id copied into every ReceivedMessage, e.g. 'udp-14550'. */
  readonly id: string;
  readonly kind: LinkKind;
  /**
   * udpin/tcpin: binds and resolves with the bound port (useful with port 0); tcp: resolves at once with
   * the remote port and keeps connecting (and reconnecting) in the background. Rejects with the bind Error.
   */
  start(): Promise<{ port: number }>;
  /** Sends raw frames to a peer 'ip:port'; a counted no-op (droppedSends) when that peer is not connected or backed up. */
  send(remote: string, bytes: Buffer): void;
  /** Statistics per peer: every UDP sender heard; TCP peers while connected. */
  readonly remotes: ReadonlyMap<string, Readonly<LinkStatistics>>;
  /** Totals over every peer since start, closed TCP connections included (a fresh object). */
  readonly statistics: LinkStatistics;
  /** Per vehicle, keyed `${systemId}:${componentId}`: packets, bytes of its frames, lostPackets (sequence gaps), lastPacketAtMs. */
  readonly vehicles: ReadonlyMap<string, Readonly<LinkStatistics>>;
  /** One vehicle's counts over every remote since start, or null if never heard (cheaper than `vehicles`). */
  vehicleStatistics(systemId: number, componentId: number): LinkStatistics | null;
  /** send() calls dropped because the peer was not connected, the link was closed or the peer was not reading. */
  readonly droppedSends: number;
  /** Stops receiving and closes every socket; resolves once closed. Statistics stay readable. */
  close(): Promise<void>;
}
