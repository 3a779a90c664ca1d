/**
 * The fleet runner: N simulated aircraft stepped on one timer, each with its own sockets
 * (vehicle-endpoint.ts) as separate SITL instances have: TCP on tcpBasePort + 10·i for ground
 * stations to connect to, and optionally UDP to an `out` address from the aircraft's own port.
 */
import { EventEmitter } from 'node:events';
import { parseConnectionString } from '../protocol/index.ts';
import type { AircraftDefinition } from './aircraft-definition.ts';
import type { Wind } from './physics.ts';
import { SimulatedAircraft } from './simulated-aircraft.ts';
import { VehicleEndpoint, type Address } from './vehicle-endpoint.ts';

const badOut = (text: string): string =>
  `Fleet: out must be 'udp:host:port' or 'udpout:host:port' (where a ground station listens, like SITL's --out), got '${text}'`;
const badOption = (name: string, expected: string, value: unknown): string => `Fleet: ${name} must be ${expected}, got ${String(value)}`;
const ALREADY_STARTED = 'Fleet.start: already started';

/** Options of Fleet; every field has a default. */
export interface FleetOptions {
  /** UDP address every aircraft also sends to, 'udp:HOST:PORT' or 'udpout:HOST:PORT' (SITL's --out); default none: TCP only. */
  out?: string | null;
  /**
   * Deprecated name of `out` (kept for existing callers): given without tcpBasePort, the fleet sends over UDP
   * only, as it did before it served TCP.
   */
  target?: string;
  /** TCP port of aircraft 0; aircraft i listens on tcpBasePort + 10·i (SITL's numbering); 0 = ephemeral ports; null = no TCP. Default 5760. */
  tcpBasePort?: number | null;
  /** Address the TCP ports listen on; default '127.0.0.1' (use '0.0.0.0' to let other machines connect). */
  tcpHost?: string;
  /** GLOBAL_POSITION_INT and ATTITUDE rate on the UDP `out` before a ground station asks, Hz, 0–50; default 4. */
  positionRateHz?: number;
  /** Simulated seconds per real second (the speed-up factor); default 1. */
  timeScale?: number;
  /** Real ms between steps; default 50. */
  tickMs?: number;
  /** Real time, ms; default Date.now. Also stamps signatures. */
  clock?: () => number;
  /** Seed of GPS noise; default 1. */
  seed?: number;
  /** Wind for every aircraft; default calm. */
  wind?: Wind;
  /** GPS error standard deviation, metres; default 0 (exact positions). */
  gpsNoiseM?: number;
}

/** Events of a Fleet: socket errors (emitted only while someone listens) and ground stations coming and going. */
export type FleetEvents = {
  error: [error: Error];
  connection: [event: { systemId: number; remote: string; state: 'connected' | 'disconnected' }];
};

/** Runs a fleet of simulated aircraft over TCP and UDP. */
export class Fleet extends EventEmitter<FleetEvents> {
  /** The aircraft, in definition order. */
  readonly aircraft: readonly SimulatedAircraft[];
  private readonly out: Address | null;
  private readonly tcpBasePort: number | null;
  private readonly tcpHost: string;
  private readonly timeScale: number;
  private readonly tickMs: number;
  private readonly clock: () => number;
  private endpoints: VehicleEndpoint[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastTickMs = 0;

  /** Throws an Error naming a bad option or aircraft definition. */
  constructor(definitions: readonly AircraftDefinition[], options: FleetOptions = {}) {
    super();
    const outText = options.out ?? options.target ?? null;
    this.out = outText === null ? null : parseOut(outText);
    this.tcpBasePort = options.tcpBasePort !== undefined ? options.tcpBasePort : options.target !== undefined && options.out === undefined ? null : 5760;
    const lastPort = (this.tcpBasePort ?? 0) + 10 * Math.max(0, definitions.length - 1);
    if (this.tcpBasePort !== null && !(Number.isInteger(this.tcpBasePort) && this.tcpBasePort >= 0 && (this.tcpBasePort === 0 || lastPort <= 65535))) {
      throw new Error(badOption('tcpBasePort', `0 or a port that leaves room for ${definitions.length} aircraft 10 apart`, this.tcpBasePort));
    }
    this.tcpHost = options.tcpHost ?? '127.0.0.1';
    this.timeScale = options.timeScale ?? 1;
    if (!(this.timeScale > 0 && this.timeScale <= 1000)) throw new Error(badOption('timeScale', 'a number in (0, 1000]', this.timeScale));
    this.tickMs = options.tickMs ?? 50;
    if (!(this.tickMs >= 1 && this.tickMs <= 1000)) throw new Error(badOption('tickMs', 'a number of ms in [1, 1000]', this.tickMs));
    this.clock = options.clock ?? Date.now;
    const systemIds = new Set(definitions.map((definition) => definition.systemId));
    if (systemIds.size !== definitions.length) throw new Error(badOption('definitions', 'aircraft with distinct system ids', [...systemIds]));
    const aircraftOptions = { positionRateHz: options.positionRateHz, seed: options.seed, wind: options.wind, gpsNoiseM: options.gpsNoiseM, clock: this.clock };
    this.aircraft = definitions.map((definition) => new SimulatedAircraft(definition, aircraftOptions));
  }

  /** Each aircraft's local UDP port (empty before start or without `out`). */
  get ports(): number[] {
    return this.endpoints.map((endpoint) => endpoint.udpPort).filter((port) => port !== null);
  }

  /** Each aircraft's TCP port, in definition order (empty before start or without TCP). */
  get tcpPorts(): number[] {
    return this.endpoints.map((endpoint) => endpoint.tcpPort).filter((port) => port !== null);
  }

  /** Opens every aircraft's sockets, sends the first telemetry and starts the timer; rejects with a bind Error. */
  async start(): Promise<{ ports: number[]; tcpPorts: number[] }> {
    if (this.timer !== null || this.endpoints.length > 0) throw new Error(ALREADY_STARTED);
    try {
      for (const [index, aircraft] of this.aircraft.entries()) {
        const tcp = this.tcpBasePort === null ? null : { host: this.tcpHost, port: sitlTcpPort(this.tcpBasePort, index) };
        const endpoint = new VehicleEndpoint(aircraft, {
          out: this.out, tcp, onError: (error) => this.fail(error),
          onConnection: (remote, state) => this.emit('connection', { systemId: aircraft.definition.systemId, remote, state }),
        });
        this.endpoints.push(endpoint);
        await endpoint.open();
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.lastTickMs = this.clock();
    for (const endpoint of this.endpoints) endpoint.flush();
    this.timer = setInterval(() => this.tick(), this.tickMs);
    return { ports: this.ports, tcpPorts: this.tcpPorts };
  }

  /** Stops the timer and closes every socket; resolves once all are closed. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    const endpoints = this.endpoints;
    this.endpoints = [];
    await Promise.all(endpoints.map((endpoint) => endpoint.close()));
  }

  private tick(): void {
    const nowMs = this.clock();
    const dtS = Math.max(0, nowMs - this.lastTickMs) / 1000 * this.timeScale;
    this.lastTickMs = nowMs;
    for (const endpoint of this.endpoints) {
      endpoint.aircraft.step(dtS);
      endpoint.flush();
    }
  }

  private fail(error: Error): void {
    // One failed datagram or reset connection must not stop the whole fleet: without a listener it is dropped on purpose.
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}

/** The TCP port of aircraft `index` as SITL numbers instances: base + 10·index (0 stays 0: an ephemeral port each). */
export function sitlTcpPort(basePort: number, index: number): number {
  return basePort === 0 ? 0 : basePort + 10 * index;
}

/** 'udp:HOST:PORT' (as SITL's and MAVProxy's --out mean it: send there) or 'udpout:HOST:PORT'. */
function parseOut(text: string): Address {
  const normalised = typeof text === 'string' && /^udp:/i.test(text.trim()) ? `udpout:${text.trim().slice(4)}` : text;
  let connection;
  try {
    connection = parseConnectionString(normalised);
  } catch (error) {
    throw new Error(`${badOut(text)}: ${(error as Error).message}`);
  }
  if (connection.kind !== 'udpout') throw new Error(badOut(text));
  return { host: connection.host, port: connection.port };
}
