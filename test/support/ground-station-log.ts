/** A synthetic ground-station .tlog of one aircraft flying a straight line, with recorded times of our choosing. */
import { common, encodeMessage, MessageSequence, minimal, tlogRecord, type MavLinkData } from '../../protocol/index.ts';

/**
 * A ground-station log of one aircraft: armed, flying due east along latitude -13.034 from `fromLon`
 * to `toLon` at 60 m and 10 m/s, one position and one heartbeat a second, then disarmed. Recorded from `startMs`.
 */
export function groundStationLog(systemId: number, startMs: number, fromLon: number, toLon: number): Buffer {
  const sequence = new MessageSequence();
  const records: Buffer[] = [];
  const add = (message: MavLinkData, atMs: number) => records.push(tlogRecord(encodeMessage(message, { systemId, componentId: 1, sequence: sequence.next() }), atMs));
  const heartbeat = (armed: boolean) => {
    const message = new minimal.Heartbeat();
    message.type = minimal.MavType.QUADROTOR;
    message.autopilot = minimal.MavAutopilot.ARDUPILOTMEGA;
    message.baseMode = (minimal.MavModeFlag.CUSTOM_MODE_ENABLED | (armed ? minimal.MavModeFlag.SAFETY_ARMED : 0)) as minimal.MavModeFlag;
    message.customMode = 3;
    message.systemStatus = minimal.MavState.ACTIVE;
    return message;
  };
  const metresPerDegree = 111_320 * Math.cos((13.034 * Math.PI) / 180);
  const seconds = Math.round(((toLon - fromLon) * metresPerDegree) / 10);
  for (let second = 0; second <= seconds; second += 1) {
    const atMs = startMs + second * 1000;
    add(heartbeat(true), atMs);
    const position = new common.GlobalPositionInt();
    position.timeBootMs = 60_000 + second * 1000;
    position.lat = Math.round(-13.034 * 1e7);
    position.lon = Math.round((fromLon + (toLon - fromLon) * (second / seconds)) * 1e7);
    position.alt = Math.round((1050 + 60) * 1000);
    position.relativeAlt = 60_000;
    position.vx = 0;
    position.vy = 1000;
    position.vz = 0;
    position.hdg = 9000;
    add(position, atMs + 100);
  }
  add(heartbeat(false), startMs + (seconds + 1) * 1000);
  return Buffer.concat(records);
}
