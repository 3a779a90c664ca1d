/** A synthetic ground-station .tlog of one aircraft flying a straight line, with recorded times of our choosing. */
import { encodeMessage, MessageSequence, tlogRecord, type MavLinkData } from '../../protocol/index.ts';
import { vehicleHeartbeat, vehiclePosition } from './mavlink-sender.ts';

/**
 * A ground-station log of one aircraft: armed, flying due east along latitude -13.034 from `fromLon`
 * to `toLon` at 60 m and 10 m/s, one position and one heartbeat a second, then disarmed. Recorded from `startMs`.
 */
export function groundStationLog(systemId: number, startMs: number, fromLon: number, toLon: number): Buffer {
  const sequence = new MessageSequence();
  const records: Buffer[] = [];
  const add = (message: MavLinkData, atMs: number) => records.push(tlogRecord(encodeMessage(message, { systemId, componentId: 1, sequence: sequence.next() }), atMs));
  const metresPerDegree = 111_320 * Math.cos((13.034 * Math.PI) / 180);
  const seconds = Math.round(((toLon - fromLon) * metresPerDegree) / 10);
  for (let second = 0; second <= seconds; second += 1) {
    const atMs = startMs + second * 1000;
    add(vehicleHeartbeat(true), atMs);
    const position = vehiclePosition(fromLon + (toLon - fromLon) * (second / seconds), -13.034, 60, 1050, 60_000 + second * 1000);
    add(position, atMs + 100);
  }
  add(vehicleHeartbeat(false), startMs + (seconds + 1) * 1000);
  return Buffer.concat(records);
}
