/**
 * The end-to-end benchmark's sender, run in a worker thread so that sending keeps its schedule
 * whatever the Socket.IO clients on the main thread are doing. N aircraft, each on its own UDP
 * socket, spread over the server's links (at most 250 system ids per link). Two modes:
 *   - `schedule`: each aircraft sends GLOBAL_POSITION_INT at `rateHz` and an armed HEARTBEAT once a
 *     second, evenly spread over each tick (aircraft are not synchronised); the send time of each
 *     position goes into `sentAtMs[aircraft × ticks + tick]` (a SharedArrayBuffer the main thread
 *     reads when a client receives that position), the tick being written in the position's relative
 *     altitude (100 m + tick mm) so the receiver can tell which one it got;
 *   - `flat-out`: the same positions, as fast as the sockets take them, for `seconds` (the ceiling run
 *     into a bare UDP socket).
 * Posts `{ sent, heartbeats, sendingS }` when done.
 */
import dgram from 'node:dgram';
import { parentPort, workerData } from 'node:worker_threads';
import { common, encodeMessage, MessageSequence, minimal } from '../../protocol/index.ts';

export interface SenderOptions {
  mode: 'schedule' | 'flat-out';
  aircraft: number;
  /** UDP ports aircraft i sends to: ports[floor(i / perLink)]. */
  ports: number[];
  perLink: number;
  rateHz: number;
  seconds: number;
  /** Float64Array(aircraft × rateHz × seconds) of send times (ms since the epoch), schedule mode. */
  sentAtMs: SharedArrayBuffer;
}

export interface SenderResult {
  sent: number;
  heartbeats: number;
  sendingS: number;
}

/** Kasungu aerodrome [lon, lat]; the aircraft fly circles of 2–9.5 km round it, across the seeded exclusion zones. */
const KASUNGU: [number, number] = [33.4686, -13.0146];
const RELATIVE_ALTITUDE_MM = 100_000;
const HOME_MSL_MM = 1_050_000;
/** Each tick is cut into this many slots, each sending its share of the aircraft (spreads the load). */
const SLOTS_PER_TICK = 10;

const now = () => performance.timeOrigin + performance.now();
const sleepUntil = (atMs: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, atMs - now())));

function positionOf(index: number, tick: number, ticks: number, rateHz: number): common.GlobalPositionInt {
  const radiusDeg = 0.02 + (index % 50) * 0.0015;
  const angle = (tick / Math.max(ticks, 600)) * Math.PI * 2 + index;
  const position = new common.GlobalPositionInt();
  position.timeBootMs = (tick * 1000) / rateHz;
  position.lat = Math.round((KASUNGU[1] + radiusDeg * Math.sin(angle)) * 1e7);
  position.lon = Math.round((KASUNGU[0] + radiusDeg * Math.cos(angle)) * 1e7);
  position.relativeAlt = RELATIVE_ALTITUDE_MM + tick; // the tick, for the receiver (1 mm per tick)
  position.alt = HOME_MSL_MM + position.relativeAlt;
  position.vx = Math.round(-Math.sin(angle) * 1500);
  position.vy = Math.round(Math.cos(angle) * 1500);
  position.hdg = 65535; // unknown: the server takes the course from the velocity
  return position;
}

const heartbeat = new minimal.Heartbeat();
heartbeat.type = minimal.MavType.QUADROTOR;
heartbeat.autopilot = minimal.MavAutopilot.ARDUPILOTMEGA;
heartbeat.baseMode = minimal.MavModeFlag.SAFETY_ARMED;
heartbeat.systemStatus = minimal.MavState.ACTIVE;

async function run(options: SenderOptions): Promise<SenderResult> {
  const { aircraft, ports, perLink, rateHz, seconds } = options;
  const ticks = rateHz * seconds;
  const sentAtMs = new Float64Array(options.sentAtMs);
  const senders = await Promise.all(Array.from({ length: aircraft }, async (_, index) => {
    const udp = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    return { udp, port: ports[Math.floor(index / perLink)]!, systemId: (index % perLink) + 1, sequence: new MessageSequence() };
  }));
  let sent = 0;
  let heartbeats = 0;
  const send = (index: number, message: minimal.Heartbeat | common.GlobalPositionInt, done?: () => void) => {
    const sender = senders[index]!;
    sender.udp.send(encodeMessage(message, { systemId: sender.systemId, componentId: 1, sequence: sender.sequence.next() }), sender.port, '127.0.0.1', done);
  };
  const startedAtMs = now();
  if (options.mode === 'schedule') {
    for (let index = 0; index < aircraft; index += 1) send(index, heartbeat);
    heartbeats += aircraft;
    for (let tick = 0; tick < ticks; tick += 1) {
      for (let slot = 0; slot < SLOTS_PER_TICK; slot += 1) {
        await sleepUntil(startedAtMs + ((tick + slot / SLOTS_PER_TICK) * 1000) / rateHz);
        for (let index = slot; index < aircraft; index += SLOTS_PER_TICK) {
          if (tick % rateHz === index % rateHz) {
            send(index, heartbeat);
            heartbeats += 1;
          }
          sentAtMs[index * ticks + tick] = now();
          send(index, positionOf(index, tick, ticks, rateHz));
          sent += 1;
        }
      }
    }
  } else {
    // As fast as the sockets take them: at most IN_FLIGHT sends awaiting their callback.
    const IN_FLIGHT = 2000;
    const endAtMs = startedAtMs + seconds * 1000;
    let inFlight = 0;
    let tick = 0;
    while (now() < endAtMs) {
      for (let index = 0; index < aircraft && inFlight < IN_FLIGHT; index += 1) {
        inFlight += 1;
        send(index, positionOf(index, tick % ticks, ticks, rateHz), () => (inFlight -= 1));
        sent += 1;
      }
      tick += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const sendingS = (now() - startedAtMs) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 200)); // the last datagrams leave
  senders.forEach((sender) => sender.udp.close());
  return { sent, heartbeats, sendingS };
}

if (parentPort) {
  const port = parentPort;
  void run(workerData as SenderOptions).then((result) => port.postMessage(result));
}
