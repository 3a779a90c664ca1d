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
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, TEST_OUTPUT_DIR, type LaunchedChromium } from '../support/browser.ts';
import { startHarness, type PlatformHarness } from '../support/platform-harness.ts';
import { databaseKinds } from '../support/test-database.ts';
import { readDemoAccount, signInThroughForm } from './live-map-page.ts';
import { freeUdpPorts, Swarm } from './mavlink-swarm.ts';

const chromiumMissing = !(await hasChromium()) && !process.env.CI;
const databaseKind = databaseKinds().includes('postgres') ? 'postgres' : 'embedded';

const AIRCRAFT = 500;
const LINKS = 3;
const POSITION_HZ = 2;
const MEASURE_MS = 20_000;

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
    swarm = new Swarm(ports, { aircraft: AIRCRAFT, positionHz: POSITION_HZ });
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
