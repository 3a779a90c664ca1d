/**
 * Behaves as a ground station on every link, as Mission Planner and QGroundControl do:
 * a GCS HEARTBEAT at 1 Hz to every vehicle address heard, and, the first time a vehicle
 * is heard, a request for the data streams ingest needs (ArduPilot honours
 * REQUEST_DATA_STREAM; SET_MESSAGE_INTERVAL comes with the ingest work).
 */
import { common, minimal } from 'node-mavlink';
import { encodeMessage, MessageSequence } from '../../protocol/index.ts';

/** What the ground station needs of a link: its vehicle addresses and a way to send bytes. */
export interface GroundStationLink {
  link: { readonly remotes: ReadonlyMap<string, unknown>; send(remote: string, bytes: Buffer): void };
}

/** MAVLink ids a GCS conventionally uses (MAV_COMP_ID_MISSIONPLANNER). */
const GCS_SYSTEM_ID = 255;
const GCS_COMPONENT_ID = 190;
/** Rate asked for MAV_DATA_STREAM_ALL, in Hz. */
const REQUESTED_STREAM_HZ = 4;

function gcsHeartbeat(): minimal.Heartbeat {
  const heartbeat = new minimal.Heartbeat();
  heartbeat.type = minimal.MavType.GCS;
  heartbeat.autopilot = minimal.MavAutopilot.INVALID;
  heartbeat.baseMode = 0 as minimal.MavModeFlag;
  heartbeat.customMode = 0;
  heartbeat.systemStatus = minimal.MavState.ACTIVE;
  heartbeat.mavlinkVersion = 3;
  return heartbeat;
}

function streamRequest(): common.RequestDataStream {
  const request = new common.RequestDataStream();
  request.targetSystem = 0; // 0 = every system at that address
  request.targetComponent = 0;
  request.reqStreamId = 0; // MAV_DATA_STREAM_ALL
  request.reqMessageRate = REQUESTED_STREAM_HZ;
  request.startStop = 1;
  return request;
}

/** Start the 1 Hz GCS heartbeat on `links`; returns a handle to stop it. */
export function startGroundStation(links: readonly GroundStationLink[]): { stop(): void } {
  // One sequence per link: a receiver counts loss per link (MAVLink spec, "Packet loss").
  const sequences = new Map(links.map((link) => [link, new MessageSequence()]));
  const greeted = new Set<string>();
  const beat = () => {
    for (const entry of links) {
      const { link } = entry;
      const sequence = sequences.get(entry)!;
      const frame = (message: minimal.Heartbeat | common.RequestDataStream) =>
        encodeMessage(message, { systemId: GCS_SYSTEM_ID, componentId: GCS_COMPONENT_ID, sequence: sequence.next() });
      for (const remote of link.remotes.keys()) {
        link.send(remote, frame(gcsHeartbeat()));
        if (!greeted.has(remote)) {
          greeted.add(remote);
          link.send(remote, frame(streamRequest()));
        }
      }
    }
  };
  const timer = setInterval(beat, 1000);
  return { stop: () => clearInterval(timer) };
}
