/**
 * Imports a `.tlog` recorded by QGroundControl, MAVProxy or Mission Planner through the same
 * pipeline as live traffic: a fresh Ingest (its own vehicles, so an import never mixes with
 * live aircraft) fed every frame with its recorded time. As fast as possible by default, or
 * paced at a multiple of recorded speed, in which case its vehicles are also shown live.
 */
import { isGroundStationHeartbeat, readTlog, type TlogStatistics } from '../../protocol/index.ts';
import type { TlogImportView } from '../contracts/index.ts';
import { Ingest, type IngestDeps, type LivePublisher } from './ingest.ts';

export interface TlogImportOptions {
  /** Shown as the flights' source name and in the link id, e.g. the uploaded file name. */
  name: string;
  /** null → as fast as possible, silently; a number → that multiple of recorded speed, shown live. */
  speed: number | null;
  /** Waits `ms` (injected so tests need not sleep). */
  sleep?: (ms: number) => Promise<void>;
}

/** The public TlogImportView, with the file's full counts (bytes, packets, bad CRC, unknown, lost, unread). */
export interface TlogImportResult extends Omit<TlogImportView, 'statistics'> {
  statistics: TlogStatistics;
}

/** What a log holds before it is imported: its recorded period and the aircraft in it. */
export interface TlogSurvey {
  firstAtMs: number | null;
  lastAtMs: number | null;
  /** System ids of the vehicles it holds (a non-GCS HEARTBEAT or a GLOBAL_POSITION_INT), ascending. */
  vehicleSystemIds: number[];
}

/** Read `bytes` once for its period and its vehicles (ground stations' own heartbeats are not vehicles). */
export function surveyTlog(bytes: Buffer): TlogSurvey {
  let firstAtMs: number | null = null;
  let lastAtMs: number | null = null;
  const vehicles = new Set<number>();
  for (const { frame } of readTlog(bytes)) {
    firstAtMs ??= frame.receivedAtMs;
    lastAtMs = frame.receivedAtMs;
    if (frame.name === 'GLOBAL_POSITION_INT' || (frame.name === 'HEARTBEAT' && !isGroundStationHeartbeat(frame))) vehicles.add(frame.systemId);
  }
  return { firstAtMs, lastAtMs, vehicleSystemIds: [...vehicles].sort((a, b) => a - b) };
}

const SILENT: LivePublisher = {
  vehicleTelemetry: () => {},
  vehicleLink: () => {},
  alertRaised: () => {},
  violationStarted: () => {},
  violationEnded: () => {},
};

/** Run `bytes` (a whole .tlog) through a fresh ingest built from `deps`. Never throws on corrupt bytes. */
export async function importTlog(bytes: Buffer, deps: IngestDeps, options: TlogImportOptions): Promise<TlogImportResult> {
  const flightIds: string[] = [];
  const ingest = new Ingest({
    ...deps,
    store: { ...deps.store, openFlight: (flight) => (flightIds.push(flight.id), deps.store.openFlight(flight)) },
    publisher: options.speed === null ? SILENT : deps.publisher,
    source: { kind: 'import', name: options.name },
  });
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const linkId = `tlog-${options.name}`;
  const startedAtMs = Date.now();
  let firstAtMs: number | null = null;
  let lastAtMs: number | null = null;
  const entries = readTlog(bytes);
  let next = entries.next();
  while (!next.done) {
    const frame = next.value.frame;
    firstAtMs ??= frame.receivedAtMs;
    lastAtMs = frame.receivedAtMs;
    if (options.speed !== null) {
      const dueAtMs = startedAtMs + (frame.receivedAtMs - firstAtMs) / options.speed;
      if (dueAtMs - Date.now() > 5) await sleep(dueAtMs - Date.now());
    }
    ingest.handle({ ...frame, linkId, remote: options.name });
    next = entries.next();
  }
  if (lastAtMs !== null) ingest.finish(lastAtMs, 'end of imported log');
  return { name: options.name, flightIds, messages: ingest.statistics.messages, positions: ingest.statistics.positions, firstAtMs, lastAtMs, statistics: next.value };
}
