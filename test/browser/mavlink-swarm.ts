/**
 * A swarm of hand-driven MAVLink 2 aircraft over loopback UDP for the live map's load check:
 * each circles its own point at 20 m/s, 120 m above home, sending GLOBAL_POSITION_INT at
 * `positionHz` and an armed HEARTBEAT once a second, spread evenly over time. Aircraft are shared
 * round-robin between the given link ports, one sender socket per swarm (one radio), with system
 * ids no demo aircraft has (the platform matches registered aircraft by system id).
 */
import dgram from 'node:dgram';
import { common, encodeMessage, MessageSequence, minimal } from '../../protocol/index.ts';

/** System ids of the demo aircraft the platform registers (11–13 Kasungu, 21–22 Vanuatu). */
const REGISTERED_IDS = new Set([11, 12, 13, 21, 22]);
const KASUNGU: [number, number] = [33.4686, -13.0146];
const EARTH_RADIUS_M = 6_371_000;
const TICK_MS = 50;

export interface SwarmOptions {
  aircraft: number;
  positionHz: number;
}

/** Free UDP ports on loopback (bound, read, released). */
export async function freeUdpPorts(count: number): Promise<number[]> {
  const sockets = await Promise.all(Array.from({ length: count }, () => new Promise<dgram.Socket>((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.bind(0, '127.0.0.1', () => resolve(socket));
  })));
  const ports = sockets.map((socket) => socket.address().port);
  await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
  return ports;
}

/** One simulated aircraft: circles its own centre at 20 m/s, 300 m radius, 120 m above home. */
interface SwarmAircraft {
  port: number;
  systemId: number;
  centre: [number, number];
  phaseRad: number;
  sequence: MessageSequence;
}

/**
 * `options.aircraft` aircraft (at most 249 per port) over `ports`, on a 25-column grid about
 * 44 km wide around Kasungu; each position is sent at its own phase of the period.
 */
export class Swarm {
  private readonly socket = dgram.createSocket('udp4');
  private readonly aircraft: SwarmAircraft[] = [];
  private timer: NodeJS.Timeout | null = null;
  private tick = 0;

  constructor(ports: number[], private readonly options: SwarmOptions) {
    const systemIds = Array.from({ length: 254 }, (_, index) => index + 1).filter((id) => !REGISTERED_IDS.has(id));
    if (options.aircraft > systemIds.length * ports.length) throw new Error(`Swarm: at most ${systemIds.length} aircraft per port, got ${options.aircraft} for ${ports.length}`);
    const rows = Math.ceil(options.aircraft / 25);
    for (let index = 0; index < options.aircraft; index++) {
      const [column, row] = [index % 25, Math.floor(index / 25)];
      this.aircraft.push({
        port: ports[index % ports.length]!, systemId: systemIds[Math.floor(index / ports.length)]!,
        centre: [KASUNGU[0] - 0.2 + column * (0.4 / 24), KASUNGU[1] - 0.2 + row * (0.4 / Math.max(1, rows - 1))], phaseRad: index, sequence: new MessageSequence(),
      });
    }
  }

  /** Every TICK_MS send the positions due (each aircraft `positionHz` times a second) and the heartbeats due (once a second). */
  start(): void {
    const positionSlots = Math.max(1, Math.round(1000 / this.options.positionHz / TICK_MS));
    const heartbeatSlots = 1000 / TICK_MS;
    this.timer = setInterval(() => {
      this.tick += 1;
      const nowS = Date.now() / 1000;
      this.aircraft.forEach((aircraft, index) => {
        if (index % positionSlots === this.tick % positionSlots) this.send(aircraft, this.position(aircraft, nowS));
        if (index % heartbeatSlots === this.tick % heartbeatSlots) this.send(aircraft, heartbeat());
      });
    }, TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.socket.close();
  }

  private position(aircraft: SwarmAircraft, nowS: number): common.GlobalPositionInt {
    const speedMps = 20;
    const radiusM = 300;
    const angle = aircraft.phaseRad + (speedMps / radiusM) * nowS;
    const [north, east] = [radiusM * Math.cos(angle), radiusM * Math.sin(angle)];
    const latDeg = aircraft.centre[1] + (north / EARTH_RADIUS_M) * (180 / Math.PI);
    const lonDeg = aircraft.centre[0] + (east / (EARTH_RADIUS_M * Math.cos((latDeg * Math.PI) / 180))) * (180 / Math.PI);
    const message = new common.GlobalPositionInt();
    message.timeBootMs = Math.round(nowS * 1000) % 2 ** 32;
    [message.lat, message.lon] = [Math.round(latDeg * 1e7), Math.round(lonDeg * 1e7)];
    message.relativeAlt = 120_000;
    message.alt = 1_170_000;
    // Counter-clockwise seen from above: the velocity is the circle's tangent.
    [message.vx, message.vy, message.vz] = [Math.round(-speedMps * Math.sin(angle) * 100), Math.round(speedMps * Math.cos(angle) * 100), 0];
    message.hdg = Math.round((((Math.atan2(message.vy, message.vx) * 180) / Math.PI + 360) % 360) * 100);
    return message;
  }

  private send(aircraft: SwarmAircraft, message: common.GlobalPositionInt | minimal.Heartbeat): void {
    const bytes = encodeMessage(message, { systemId: aircraft.systemId, componentId: 1, sequence: aircraft.sequence.next() });
    this.socket.send(bytes, aircraft.port, '127.0.0.1');
  }
}

function heartbeat(): minimal.Heartbeat {
  const message = new minimal.Heartbeat();
  message.type = minimal.MavType.QUADROTOR;
  message.autopilot = minimal.MavAutopilot.ARDUPILOTMEGA;
  message.baseMode = (minimal.MavModeFlag.CUSTOM_MODE_ENABLED | minimal.MavModeFlag.SAFETY_ARMED) as minimal.MavModeFlag;
  message.customMode = 3; // ArduCopter AUTO
  message.systemStatus = minimal.MavState.ACTIVE;
  return message;
}
