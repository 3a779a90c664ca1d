/**
 * Load check of the live map: 500 aircraft over Kasungu, each sending its position twice a
 * second and a heartbeat once a second, into the real platform; the operator's page in headless
 * Chromium draws them on its canvas. Measured in the page for MEASURE_MS: frame times (from
 * requestAnimationFrame) and update lag (from the server receiving a position, its
 * lastPositionAtMs, to the frame that draws it; and from the page receiving it to that frame).
 * The figures are printed for the closing note; the test asserts only that ~500 aircraft were
 * drawn — times depend on the machine (no wall-clock assertions).
 *
 * One UDP link keys vehicles by (link, system id, component id) and matches registered aircraft
 * by system id, so the swarm uses three links of ≤167 aircraft with system ids that no demo
 * aircraft has. Link ports are picked beforehand: two 'udpin:…:0' links would share the id 'udp-0'.
 */
import dgram from 'node:dgram';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { common, encodeMessage, MessageSequence, minimal } from '../../protocol/index.ts';
import { hasChromium, launchChromium, TEST_OUTPUT_DIR, type LaunchedChromium } from '../support/browser.ts';
import { startHarness, type PlatformHarness } from '../support/platform-harness.ts';
import { databaseKinds } from '../support/test-database.ts';
import { readDemoAccount, signInThroughForm } from './live-map-page.ts';

const chromiumMissing = !(await hasChromium()) && !process.env.CI;
const databaseKind = databaseKinds().includes('postgres') ? 'postgres' : 'embedded';

const AIRCRAFT = 500;
const LINKS = 3;
const POSITION_HZ = 2;
const MEASURE_MS = 20_000;
/** System ids of the demo aircraft the platform registers (11–13 Kasungu, 21–22 Vanuatu). */
const REGISTERED_IDS = new Set([11, 12, 13, 21, 22]);
const KASUNGU: [number, number] = [33.4686, -13.0146];
const EARTH_RADIUS_M = 6_371_000;

/** Free UDP ports on loopback (bound, read, released). */
async function freeUdpPorts(count: number): Promise<number[]> {
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
 * 500 aircraft over `ports` (one sender socket per link, as one radio per link), on a 25 × 20 grid
 * about 44 km × 44 km around Kasungu; each position is sent at its own phase of the 500 ms period.
 */
class Swarm {
  private readonly socket = dgram.createSocket('udp4');
  private readonly aircraft: SwarmAircraft[] = [];
  private timer: NodeJS.Timeout | null = null;
  private tick = 0;

  constructor(ports: number[]) {
    const systemIds = Array.from({ length: 254 }, (_, index) => index + 1).filter((id) => !REGISTERED_IDS.has(id));
    for (let index = 0; index < AIRCRAFT; index++) {
      const [column, row] = [index % 25, Math.floor(index / 25)];
      this.aircraft.push({
        port: ports[index % ports.length]!, systemId: systemIds[Math.floor(index / ports.length)]!,
        centre: [KASUNGU[0] - 0.2 + column * (0.4 / 24), KASUNGU[1] - 0.2 + row * (0.4 / 19)], phaseRad: index, sequence: new MessageSequence(),
      });
    }
  }

  /** Send every 50 ms a tenth of the positions (each aircraft twice a second) and, each second, every heartbeat. */
  start(): void {
    const slots = 1000 / POSITION_HZ / 50;
    this.timer = setInterval(() => {
      this.tick += 1;
      const nowS = Date.now() / 1000;
      this.aircraft.forEach((aircraft, index) => {
        if (index % slots === this.tick % slots) this.send(aircraft, this.position(aircraft, nowS));
        if (index % (slots * POSITION_HZ) === this.tick % (slots * POSITION_HZ)) this.send(aircraft, heartbeat());
      });
    }, 50);
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

/** p50, p95 and max of `values`, rounded to 0.1. */
function summarise(values: number[]): { p50: number; p95: number; max: number; count: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? NaN) * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), max: at(1), count: sorted.length };
}

describe.skipIf(chromiumMissing)('live map under load', () => {
  let harness: PlatformHarness;
  let browser: LaunchedChromium;
  let swarm: Swarm;

  beforeAll(async () => {
    const ports = await freeUdpPorts(LINKS);
    // PostgreSQL when this run has it: the embedded database works in the test's own thread, and
    // 1,000 positions a second written there would measure PGlite, not the page.
    harness = await startHarness(databaseKind, { MAVLINK_LINKS: ports.map((port) => `udpin:127.0.0.1:${port}`).join(',') });
    swarm = new Swarm(ports);
    browser = await launchChromium();
  });
  afterAll(async () => {
    swarm?.stop();
    await browser?.close();
    await harness?.stop();
  });

  it(`draws ${AIRCRAFT} aircraft sending ${POSITION_HZ} positions a second and reports frame times and update lag`, { timeout: 150_000 }, async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${harness.baseUrl}/#malawi-kasungu`);
    await signInThroughForm(page, await readDemoAccount(harness.database.dataDir, 'operator@corridor.demo'));
    swarm.start();
    await page.waitForFunction((count) => document.querySelectorAll('#vehicle-list li[data-vehicle-id]').length >= count, AIRCRAFT, { timeout: 60_000 });
    await page.waitForTimeout(3000); // past the first second's alerts (one per unregistered aircraft)

    const positionsBefore = harness.platform.ingest.statistics.positions;
    const measured = await page.evaluate(async (durationMs) => {
      const canvas = document.querySelector('canvas.aircraft-canvas')!;
      const lagsMs: number[] = [];
      const pageLagsMs: number[] = [];
      const drawsMs: number[] = [];
      let drawnMax = 0;
      canvas.addEventListener('aircraft-drawn', (event) => {
        const detail = (event as CustomEvent<{ drawn: number; lagsMs: number[]; pageLagsMs: number[]; drawMs: number }>).detail;
        lagsMs.push(...detail.lagsMs);
        pageLagsMs.push(...detail.pageLagsMs);
        drawsMs.push(detail.drawMs);
        drawnMax = Math.max(drawnMax, detail.drawn);
      });
      // Main-thread tasks over 50 ms (socket parsing, list refresh, drawing), to tell where frame time goes.
      const longTasksMs: number[] = [];
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => longTasksMs.push(entry.duration))).observe({ type: 'longtask' });
      const framesMs: number[] = [];
      await new Promise<void>((resolve) => {
        const startMs = performance.now();
        let lastMs = startMs;
        const frame = (nowMs: number) => {
          framesMs.push(nowMs - lastMs);
          lastMs = nowMs;
          if (nowMs - startMs < durationMs) requestAnimationFrame(frame);
          else resolve();
        };
        requestAnimationFrame((nowMs) => {
          lastMs = nowMs;
          requestAnimationFrame(frame);
        });
      });
      return { framesMs, lagsMs, pageLagsMs, drawsMs, longTasksMs, drawnMax, listed: document.querySelectorAll('#vehicle-list li[data-vehicle-id]').length };
    }, MEASURE_MS);

    const serverPositions = harness.platform.ingest.statistics.positions - positionsBefore;
    const figures = {
      database: databaseKind,
      aircraft: { listed: measured.listed, drawnInOneFrame: measured.drawnMax },
      frameMs: summarise(measured.framesMs),
      aircraftCanvasDrawMs: summarise(measured.drawsMs),
      longTasks: { ...summarise(measured.longTasksMs), totalMs: Math.round(measured.longTasksMs.reduce((sum, ms) => sum + ms, 0)) },
      updateLagServerToFrameMs: summarise(measured.lagsMs),
      updateLagPageToFrameMs: summarise(measured.pageLagsMs),
      positionsDrawnPerS: Math.round(measured.lagsMs.length / (MEASURE_MS / 1000)),
      serverPositionsPerS: Math.round(serverPositions / (MEASURE_MS / 1000)),
    };
    console.log(`live map load (${AIRCRAFT} aircraft, ${POSITION_HZ} Hz, ${MEASURE_MS / 1000} s measured):\n${JSON.stringify(figures, null, 2)}`);
    expect(measured.listed).toBe(AIRCRAFT);
    expect(measured.drawnMax).toBeGreaterThanOrEqual(AIRCRAFT * 0.98);
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'live-map-500-aircraft.png') });
  });
});
