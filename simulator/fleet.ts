/**
 * The fleet runner: N simulated aircraft, each with its OWN UDP socket (its own source port, as
 * separate SITL instances have) sending to one target, all stepped on one timer. Bytes that come
 * back (GCS heartbeats, commands, garbage) go to the aircraft that owns the socket; replies go
 * back to the sender.
 */
import { createSocket, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { isIPv6 } from 'node:net';
import { parseConnectionString } from '../protocol/index.ts';
import type { AircraftDefinition } from './aircraft-definition.ts';
import { SimulatedAircraft } from './simulated-aircraft.ts';

const badTarget = (target: string): string =>
  `Fleet: target must be 'udpout:host:port' (where the ground station listens, like SITL's --out), got '${target}'`;
const badOption = (name: string, expected: string, value: unknown): string => `Fleet: ${name} must be ${expected}, got ${String(value)}`;
const ALREADY_STARTED = 'Fleet.start: already started';

/** Options of Fleet; every field has a default. */
export interface FleetOptions {
  /** Where to send; default 'udpout:127.0.0.1:14550' (the ground station's standard udpin port). */
  target?: string;
  /** GLOBAL_POSITION_INT rate per aircraft, Hz, 0.1–10; default 4. */
  positionRateHz?: number;
  /** Simulated seconds per real second (tests speed it up); default 1. */
  timeScale?: number;
  /** Real ms between steps; default 50. */
  tickMs?: number;
  /** Real time, ms; default Date.now. */
  clock?: () => number;
}

/** Events of a Fleet: socket errors (emitted only while someone listens). */
export type FleetEvents = { error: [error: Error] };

interface Member {
  readonly aircraft: SimulatedAircraft;
  readonly socket: Socket;
}

/** Runs a fleet of simulated aircraft over UDP. */
export class Fleet extends EventEmitter<FleetEvents> {
  /** The aircraft, in definition order. */
  readonly aircraft: readonly SimulatedAircraft[];
  private readonly host: string;
  private readonly port: number;
  private readonly timeScale: number;
  private readonly tickMs: number;
  private readonly clock: () => number;
  private members: Member[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastTickMs = 0;

  /** Throws an Error naming a bad option or aircraft definition. */
  constructor(definitions: readonly AircraftDefinition[], options: FleetOptions = {}) {
    super();
    const target = options.target ?? 'udpout:127.0.0.1:14550';
    const connection = parseConnectionString(target);
    if (connection.kind !== 'udpout') throw new Error(badTarget(target));
    this.host = connection.host;
    this.port = connection.port;
    this.timeScale = options.timeScale ?? 1;
    if (!(this.timeScale > 0 && this.timeScale <= 1000)) throw new Error(badOption('timeScale', 'a number in (0, 1000]', this.timeScale));
    this.tickMs = options.tickMs ?? 50;
    if (!(this.tickMs >= 1 && this.tickMs <= 1000)) throw new Error(badOption('tickMs', 'a number of ms in [1, 1000]', this.tickMs));
    this.clock = options.clock ?? Date.now;
    const systemIds = new Set(definitions.map((definition) => definition.systemId));
    if (systemIds.size !== definitions.length) throw new Error(badOption('definitions', 'aircraft with distinct system ids', [...systemIds]));
    this.aircraft = definitions.map((definition) => new SimulatedAircraft(definition, { positionRateHz: options.positionRateHz }));
  }

  /** The local UDP port of each aircraft's socket (empty before start). */
  get ports(): number[] {
    return this.members.map((member) => member.socket.address().port);
  }

  /** Opens one socket per aircraft, sends the first telemetry and starts the timer; rejects with a bind Error. */
  async start(): Promise<{ ports: number[] }> {
    if (this.timer !== null || this.members.length > 0) throw new Error(ALREADY_STARTED);
    try {
      for (const aircraft of this.aircraft) this.members.push({ aircraft, socket: await this.openSocket(aircraft) });
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.lastTickMs = this.clock();
    for (const member of this.members) this.send(member, member.aircraft.advance(0));
    this.timer = setInterval(() => this.tick(), this.tickMs);
    return { ports: this.ports };
  }

  /** Stops the timer and closes every socket; resolves once all are closed. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    const members = this.members;
    this.members = [];
    await Promise.all(members.map(({ socket }) => new Promise<void>((resolve) => socket.close(() => resolve()))));
  }

  private openSocket(aircraft: SimulatedAircraft): Promise<Socket> {
    const socket = createSocket(isIPv6(this.host) ? 'udp6' : 'udp4');
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, () => {
        socket.off('error', reject);
        socket.on('error', (error) => this.fail(error));
        socket.on('message', (bytes, remote) => {
          const replies = aircraft.receive(bytes);
          for (const reply of replies) socket.send(reply, remote.port, remote.address, (error) => error && this.fail(error));
        });
        resolve(socket);
      });
    });
  }

  private tick(): void {
    const nowMs = this.clock();
    const dtS = Math.max(0, nowMs - this.lastTickMs) / 1000 * this.timeScale;
    this.lastTickMs = nowMs;
    for (const member of this.members) this.send(member, member.aircraft.advance(dtS));
  }

  private send(member: Member, frames: Buffer[]): void {
    for (const frame of frames) member.socket.send(frame, this.port, this.host, (error) => error && this.fail(error));
  }

  private fail(error: Error): void {
    // One failed datagram must not stop the whole fleet: without a listener it is dropped on purpose.
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}
