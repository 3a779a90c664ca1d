/**
 * The positions a killed process had received (they are in the flight's .tlog) but not yet stored
 * (its write queue held them in memory): rebuilt from the .tlog at the next start, as the live
 * ingest would have stored them. Pure: the caller reads the file and stores the rows.
 */
import type { PositionAssessment } from '../../geofences/index.ts';
import { readTlog, reduceVehicleState } from '../../protocol/index.ts';
import type { FenceStatus } from '../contracts/index.ts';
import type { CorridorFence, CorridorFences } from './corridor-fences.ts';
import type { ResumableFlight } from './flight-recorder.ts';
import type { TelemetryRecord } from './ingest-store.ts';
import { LiveVehicle } from './live-vehicle.ts';

/** A position's fence status from its assessment ('clear' shows as 'nominal'). */
export function fenceStatusOf(assessment: PositionAssessment): FenceStatus {
  return assessment.worst === 'clear' ? 'nominal' : assessment.worst;
}

/**
 * The telemetry rows of `flight`'s GLOBAL_POSITION_INT packets in `log` (its .tlog) received after
 * `afterMs` (its last stored position; null: none stored). The vehicle state is reduced over the
 * whole log, so speeds and climb rates come from the same messages as live; the fence status is the
 * zones' assessment of each position. Never throws on a damaged log (bad bytes are skipped).
 */
export function unstoredPositions(log: Buffer, flight: Pick<ResumableFlight, 'id' | 'vehicleId' | 'linkId' | 'systemId' | 'componentId'>,
  afterMs: number | null, fences: CorridorFences): TelemetryRecord[] {
  const vehicle = new LiveVehicle(flight.vehicleId, flight.linkId, '', flight.systemId, flight.componentId, null, 0, 0);
  let fence: CorridorFence | null = null;
  const rows: TelemetryRecord[] = [];
  for (const { frame } of readTlog(log)) {
    if (frame.systemId !== flight.systemId || frame.componentId !== flight.componentId) continue;
    vehicle.state = reduceVehicleState(vehicle.state, frame);
    if (frame.name !== 'GLOBAL_POSITION_INT' || (afterMs !== null && frame.receivedAtMs <= afterMs)) continue;
    const position = vehicle.toView().position;
    const reported = vehicle.state.position;
    if (!position || !reported) continue;
    fence = fences.locate(position.lon, position.lat, fence);
    const fenceStatus: FenceStatus = fence
      ? fenceStatusOf(fence.evaluator.evaluate({
        lon: reported.lon, lat: reported.lat, altitudeMslM: reported.altitudeMslM, altitudeAglM: reported.altitudeRelativeM,
        velocity: { northMps: reported.northMps, eastMps: reported.eastMps, downMps: reported.downMps }, timeMs: frame.receivedAtMs,
      }))
      : 'outside-corridors';
    rows.push({ flightId: flight.id, recordedAtMs: frame.receivedAtMs, ...position, fenceStatus });
  }
  return rows;
}
