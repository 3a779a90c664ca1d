/**
 * Behaves as a ground station on every link, as Mission Planner and QGroundControl do: a GCS
 * HEARTBEAT at 1 Hz to every address heard, and, the first time a vehicle is heard on a
 * connection, a request for the streams ingest needs (REQUEST_DATA_STREAM for ArduPilot,
 * SET_MESSAGE_INTERVAL for PX4 and current ArduPilot). A TCP reconnect asks again, as SITL
 * forgets its stream rates with the connection.
 */
import { buildStreamRequests, encodeMessage, isGroundStationHeartbeat, MessageSequence, minimal, type MavLinkData, type MavlinkLink, type ReceivedMessage } from '../../protocol/index.ts';

/** MAVLink ids a GCS conventionally uses (MAV_COMP_ID_MISSIONPLANNER). */
export const GCS_SYSTEM_ID = 255;
export const GCS_COMPONENT_ID = 190;

function gcsHeartbeat(): minimal.Heartbeat {
  const heartbeat = new minimal.Heartbeat();
  heartbeat.type = minimal.MavType.GCS;
  heartbeat.autopilot = minimal.MavAutopilot.INVALID;
  heartbeat.baseMode = 0 as minimal.MavModeFlag;
  heartbeat.customMode = 0;
  heartbeat.systemStatus = minimal.MavState.ACTIVE;
  return heartbeat;
}

/** One link's ground-station side: its own sequence numbers (receivers count loss per link). */
export class GroundStation {
  private readonly sequence = new MessageSequence();
  private readonly greeted = new Set<string>();

  constructor(readonly link: MavlinkLink) {
    link.on('message', (message) => this.onMessage(message));
    link.on('connection', ({ remote, state }) => {
      if (state !== 'connected') return;
      for (const key of this.greeted) if (key.startsWith(`${remote}|`)) this.greeted.delete(key);
      this.sendTo(remote, gcsHeartbeat()); // SITL starts talking once a GCS is heard
    });
  }

  /** Send one message to a vehicle's address on this link. */
  sendTo(remote: string, message: MavLinkData): void {
    this.link.send(remote, encodeMessage(message, { systemId: GCS_SYSTEM_ID, componentId: GCS_COMPONENT_ID, sequence: this.sequence.next() }));
  }

  /** The 1 Hz heartbeat to every address heard on this link. */
  beat(): void {
    for (const remote of this.link.remotes.keys()) this.sendTo(remote, gcsHeartbeat());
  }

  private onMessage(message: ReceivedMessage): void {
    if (isGroundStationHeartbeat(message)) return;
    const key = `${message.remote}|${message.systemId}:${message.componentId}`;
    if (this.greeted.has(key)) return;
    this.greeted.add(key);
    const target = { systemId: message.systemId, componentId: message.componentId };
    for (const request of buildStreamRequests(target)) this.sendTo(message.remote, request);
  }
}

/** Ground stations for `links`, beating at 1 Hz until stopped. */
export function startGroundStations(links: readonly MavlinkLink[]): { stations: Map<string, GroundStation>; stop(): void } {
  const stations = new Map(links.map((link) => [link.id, new GroundStation(link)]));
  const timer = setInterval(() => stations.forEach((station) => station.beat()), 1000);
  return { stations, stop: () => clearInterval(timer) };
}
