/**
 * A minimal hand-driven MAVLink 2 sender over a real loopback UDP socket, for tests that
 * need exact control of what one aircraft says (the simulator is the realistic alternative).
 */
import dgram from 'node:dgram';
import { common, encodeMessage, MessageSequence, minimal, type MavLinkData } from '../../protocol/index.ts';

/** An ArduCopter HEARTBEAT in AUTO, armed or not. */
export function vehicleHeartbeat(armed: boolean): minimal.Heartbeat {
  const heartbeat = new minimal.Heartbeat();
  heartbeat.type = minimal.MavType.QUADROTOR;
  heartbeat.autopilot = minimal.MavAutopilot.ARDUPILOTMEGA;
  heartbeat.baseMode = (minimal.MavModeFlag.CUSTOM_MODE_ENABLED | (armed ? minimal.MavModeFlag.SAFETY_ARMED : 0)) as minimal.MavModeFlag;
  heartbeat.customMode = 3; // ArduCopter AUTO
  heartbeat.systemStatus = minimal.MavState.ACTIVE;
  return heartbeat;
}

/** A GLOBAL_POSITION_INT at [lon, lat] (degrees), relative altitude and home MSL in metres, heading east at 10 m/s. */
export function vehiclePosition(lon: number, lat: number, relativeAltitudeM: number, homeMslM = 1050, bootMs = 0): common.GlobalPositionInt {
  const position = new common.GlobalPositionInt();
  position.timeBootMs = bootMs;
  position.lat = Math.round(lat * 1e7);
  position.lon = Math.round(lon * 1e7);
  position.alt = Math.round((homeMslM + relativeAltitudeM) * 1000);
  position.relativeAlt = Math.round(relativeAltitudeM * 1000);
  position.vx = 0;
  position.vy = 1000;
  position.vz = 0;
  position.hdg = 9000;
  return position;
}

export class MavlinkSender {
  private readonly socket = dgram.createSocket('udp4');
  private readonly sequence = new MessageSequence();
  /** Every datagram the server sent back (GCS heartbeats, stream requests). */
  readonly received: Buffer[] = [];

  constructor(
    private readonly port: number,
    readonly systemId: number,
    readonly componentId = 1,
  ) {
    this.socket.on('message', (bytes) => this.received.push(bytes));
  }

  async send(message: MavLinkData): Promise<void> {
    await this.sendBytes(encodeMessage(message, { systemId: this.systemId, componentId: this.componentId, sequence: this.sequence.next() }));
  }

  sendBytes(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.send(bytes, this.port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
  }

  heartbeat(options: { armed: boolean }): Promise<void> {
    return this.send(vehicleHeartbeat(options.armed));
  }

  /** A GLOBAL_POSITION_INT at [lon, lat] (degrees), relative altitude and home MSL in metres. */
  position(lon: number, lat: number, relativeAltitudeM: number, homeMslM = 1050, bootMs = 0): Promise<void> {
    return this.send(vehiclePosition(lon, lat, relativeAltitudeM, homeMslM, bootMs));
  }

  close(): void {
    this.socket.close();
  }
}
