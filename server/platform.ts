/**
 * The composition root: builds everything once, in boot order — database, seeds, fences,
 * write queue, HTTP + Socket.IO, ingest, MAVLink links — and tears it down in reverse.
 * `main.ts` calls it with the environment's config; tests call it with their own.
 */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { openLink } from '../protocol/index.ts';
import type { ServerConfig } from './config.ts';
import { createAccountDirectory } from './db/account-directory.ts';
import { ensureDemoAccounts, ensureFirstAdmin } from './db/account-seed.ts';
import { createCorridor, updateCorridor } from './db/corridor-registry.ts';
import { acknowledgeAlert, findAlert, listAlerts } from './db/alert-repository.ts';
import { listCorridors } from './db/corridor-repository.ts';
import { findFlight, listFlights, listTelemetry } from './db/flight-repository.ts';
import { flightStatistics, listViolations } from './db/flight-review-repository.ts';
import { findFlightsInVolume, findZoneVolume } from './db/zone-history-repository.ts';
import { createZoneRepository } from './db/zone-repository.ts';
import { openDatabase, type Database } from './db/database.ts';
import { FlightLogArchive } from './db/flight-log-archive.ts';
import { createIngestWriter } from './db/ingest-writer.ts';
import { listResumableFlights } from './db/open-flights.ts';
import { findSeal, listChain, listUnsealedClosedFlights, readFlightRecords, storeSeal } from './db/flight-seal-repository.ts';
import { FlightSealer } from './services/flight-sealer.ts';
import { seedCorridors, seedDemoFleet } from './db/seed.ts';
import { WriteQueue } from './db/write-queue.ts';
import { TelemetrySpool } from './db/telemetry-spool.ts';
import { createHttpApp } from './http/app.ts';
import { attachLiveSocket } from './realtime/live-socket.ts';
import { openCrossProcess, singleProcess } from './realtime/cross-process.ts';
import { startTelemetryMaintenance, telemetryGoneError } from './db/telemetry-partitions.ts';
import type { CommandResultView, VehicleView } from './contracts/index.ts';
import { PlatformError } from './errors.ts';
import { Authenticator } from './services/authenticator.ts';
import { composeBookings } from './compose-bookings.ts';
import { composeFlightLogImports } from './compose-imports.ts';
import type { BookingView } from './contracts/index.ts';
import { CommandService } from './services/command-service.ts';
import { describeLink } from './services/describe-link.ts';
import { createCorridorFences } from './services/corridor-fences.ts';
import { SwappableCorridorFences } from './services/swappable-corridor-fences.ts';
import { startGroundStations } from './services/ground-station.ts';
import { Ingest, type IngestDeps } from './services/ingest.ts';
import { startIngestSummary } from './services/ingest-summary.ts';
import { PlatformMetrics } from './services/platform-metrics.ts';
import { startWriteAlarmWatcher } from './services/write-alarm-watcher.ts';

export interface RunningPlatform {
  readonly database: Database;
  readonly ingest: Ingest;
  readonly writeQueue: WriteQueue;
  readonly flightLogs: FlightLogArchive;
  readonly sealer: FlightSealer;
  /** The bound HTTP port (useful when PORT=0). */
  readonly httpPort: number;
  /** Bound MAVLink links by id, with their ports. */
  readonly links: ReadonlyArray<{ id: string; port: number }>;
  close(): Promise<void>;
}

/** How long a vehicle may be silent before its open flight is closed. */
const FLIGHT_SILENCE_MS = 60_000;
/** On close, how long the links keep reading what aircraft already sent before they stop. */
const LINK_DRAIN_MS = 200;

/** Start the platform; resolves once HTTP and every MAVLink link are listening. */
export async function startPlatform(config: ServerConfig, logger: Logger, clock: () => number = Date.now): Promise<RunningPlatform> {
  const startedAtMs = clock();
  const demoAccountsFile = path.join(config.dataDir, 'demo-accounts.json');
  // Migrations and seeds: processes started together on one PostgreSQL take turns.
  const database = await openDatabase({
    databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger: logger.child({ name: 'server:db' }),
    afterMigrations: async (knex) => {
      await seedCorridors(knex);
      if (config.seedDemo) await seedDemoFleet(knex);
      if (config.firstAdmin && (await ensureFirstAdmin(knex, config.firstAdmin, clock()))) logger.warn({ email: config.firstAdmin.email }, 'first admin created');
      if (config.seedDemo) logger.info({ file: demoAccountsFile, accounts: (await ensureDemoAccounts(knex, demoAccountsFile, clock())).length }, 'demo accounts ready');
    },
  });
  const { knex } = database;
  logger.info({ database: database.kind, ms: clock() - startedAtMs }, 'database ready');
  // Telemetry partitions made ahead, and months past TELEMETRY_RETENTION_DAYS dropped: now and daily.
  const telemetryMaintenance = startTelemetryMaintenance(knex, { retentionDays: config.telemetryRetentionDays, clock, logger: logger.child({ name: 'server:db' }) });
  await telemetryMaintenance.ready;
  // Several server processes on one PostgreSQL (LIVE_ADAPTER=postgres): shared broadcasts, and the
  // aircraft other processes hold (their links) listed and commanded from here (cross-process.ts).
  const crossProcess = config.liveAdapter === 'postgres' && config.databaseUrl ? openCrossProcess(config.databaseUrl, { logger: logger.child({ name: 'server:realtime' }) }) : singleProcess;
  const otherProcessesVehicles = crossProcess.mirror<VehicleView>('vehicles', 2000);
  const commandElsewhere = async (vehicleId: string, command: Parameters<CommandService['send']>[1]) => {
    const result = (await crossProcess.ask<CommandResultView | null>('command', vehicleId, command).catch((error: Error & { status?: number; code?: string }) => {
      throw new PlatformError(error.message, error.status ?? 500, error.code ?? 'internal');
    })).find((answer) => answer !== null);
    return result ?? commands.send(vehicleId, command); // nobody holds it (any more): the local answer (404)
  };
  const accounts = createAccountDirectory(knex);
  const authenticator = new Authenticator({
    accounts,
    clock,
    logger: logger.child({ name: 'server:auth' }),
    config: {
      sessionTtlMs: config.sessionTtlMs,
      loginFailuresPerAccount: config.login.maxFailuresPerAccount,
      loginFailuresPerAddress: config.login.maxFailuresPerAddress,
      loginWindowS: config.login.windowS,
    },
    // PostgreSQL: failed sign-ins counted in the database, one count for every server process.
    throttleStore: database.kind === 'postgres' ? knex : null,
  });

  // Zones densified to 500 m vertices so the live check agrees with PostGIS (see listCorridors).
  const loadFences = async () => createCorridorFences(await listCorridors(knex, { segmentizeM: 500 }));
  // Swappable: a zone change reaches the live checks at once (reloadFences, after every change).
  const fences = new SwappableCorridorFences(await loadFences());
  const reloadFences = () => fences.reload(loadFences);
  const publishBooking: { current: ((booking: BookingView) => void) | null } = { current: null };
  const bookings = await composeBookings({
    knex, clock, logger, allowPrivateWebhooks: config.allowPrivateWebhooks, clockTickMs: config.bookingClockMs, listCorridors: () => listCorridors(knex), publish: publishBooking,
  });
  const flightLogs = new FlightLogArchive(path.join(config.dataDir, 'flight-logs'), logger.child({ name: 'server:flight-logs' }));
  // Telemetry past SPOOL_MEMORY_ROWS waits on disk while the database is slow or away (bounded by SPOOL_MAX_BYTES).
  const { spool, others: otherSpools } = await TelemetrySpool.open(path.join(config.dataDir, 'spool'), { maxBytes: config.spool.maxBytes });
  if (otherSpools.length > 0) logger.error({ files: otherSpools }, 'telemetry spool files of another or an earlier process hold rows that were never stored (left untouched)');
  const writeQueue = new WriteQueue(knex, logger.child({ name: 'server:db' }), {
    memoryRows: config.spool.memoryRows,
    spool,
    // A position is in its .tlog before the database stores it.
    beforeWrite: () => flightLogs.writePending(),
    clock,
    batchSize: config.telemetryBatchSize,
    flushMs: config.telemetryFlushMs,
  });

  const sealer = new FlightSealer({
    readRecords: (flightId) => readFlightRecords(knex, flightId),
    hashLog: (flightId) => flightLogs.hashOf(flightId),
    settle: async (flightId) => {
      await flightLogs.close(flightId);
      await writeQueue.flush();
    },
    storeSeal: (seal) => storeSeal(knex, seal),
    findSeal: (flightId) => findSeal(knex, flightId),
    listChain: (chain) => listChain(knex, chain),
    appendToLedger: (entry) => flightLogs.appendToLedger(entry),
    ledgerHeads: () => flightLogs.ledgerHeads(),
    clock,
    logger: logger.child({ name: 'server:seals' }),
  });
  // Flights closed but not sealed when the process last stopped are sealed now.
  // With other processes, flights closed in the last seconds are left to the process sealing them.
  for (const flightId of await listUnsealedClosedFlights(knex, { endedBeforeMs: crossProcess.isShared ? startedAtMs - 10_000 : null })) sealer.schedule(flightId);
  const ingestWriter = createIngestWriter(writeQueue);

  // Read at each scrape (GET /metrics); ingest, links and live exist by the time anyone can scrape.
  const metricsSources = {
    links: () => links.map(({ link }) => describeLink(link)),
    ingest: () => ingest.statistics,
    writeQueue: () => writeQueue.statistics,
    connectedClients: () => live.connectedClients(),
  };
  const metrics = new PlatformMetrics(metricsSources);
  metrics.observeQueries(knex);
  const app = createHttpApp({
    metrics,
    metricsToken: config.metricsToken,
    ...bookings.http,
    logger: logger.child({ name: 'server:http' }),
    clock,
    startedAtMs,
    databaseKind: database.kind,
    writeStatistics: () => writeQueue.statistics,
    databaseAlarmMs: config.databaseAlarmMs,
    webDistDir: config.webDistDir,
    authenticator,
    accounts,
    trustProxy: config.trustProxy,
    cookieSecure: config.cookieSecure,
    onCredentialsRevoked: (revoked) => live.disconnect(revoked),
    recordAudit: (actor, draft) => accounts.recordAudit(actor, draft, clock()),
    listCorridors: () => listCorridors(knex),
    createCorridor: (corridor, actor) => createCorridor(knex, corridor, actor, clock()),
    updateCorridor: (id, changes, actor) => updateCorridor(knex, id, changes, actor, clock()),
    listVehicles: () => [...ingest.listVehicles(), ...otherProcessesVehicles.current()],
    sendCommand: (vehicleId, command) => (ingest.commandTarget(vehicleId) || !crossProcess.isShared ? commands.send(vehicleId, command) : commandElsewhere(vehicleId, command)),
    listLinks: () => links.map(({ link }) => describeLink(link)),
    listAlerts: (options) => listAlerts(knex, options),
    findAlert: async (id) => (await findAlert(knex, id)) ?? (await writeQueue.flush(), findAlert(knex, id)),
    acknowledgeAlert: (id, comment, actor) => acknowledgeAlert(knex, id, comment, actor, clock()),
    onAlertAcknowledged: (alert) => live.alertAcknowledged(alert),
    listTrails: (sinceMs) => ingest.listTrails(sinceMs),
    mapConfig: config.map,
    listViolations: (flightId) => listViolations(knex, flightId),
    flightStatistics: (scope, filter) => flightStatistics(knex, scope, filter),
    sealer,
    listFlights: (options) => listFlights(knex, options),
    findFlight: (id) => findFlight(knex, id),
    listTelemetry: async (flightId, options) => {
      const page = await listTelemetry(knex, flightId, options);
      // A flight whose telemetry retention removed says so (410) instead of answering an empty page.
      const gone = page.items.length === 0 && !options.afterId ? await telemetryGoneError(knex, flightId) : null;
      if (gone) throw gone;
      return page;
    },
    flightLogPath: (flightId) => flightLogs.pathOf(flightId),
    findZoneVolume: (zoneId) => findZoneVolume(knex, zoneId),
    findFlightsInVolume: (volume, period) => findFlightsInVolume(knex, volume, period),
    zoneRepository: createZoneRepository(knex),
    // Other server processes reload too (their aircraft are judged against the same zones and registry).
    onZonesChanged: async () => {
      await reloadFences();
      crossProcess.tell('zones:changed');
    },
    onAircraftChanged: async () => {
      await bookings.http.onAircraftChanged();
      crossProcess.tell('aircraft:changed');
    },
    importTlog: composeFlightLogImports({ knex, ingestDeps: () => ingestDeps, flush: () => writeQueue.flush() }),
  });
  const httpServer = http.createServer(app);
  const live = attachLiveSocket(httpServer, authenticator, logger.child({ name: 'server:realtime' }), {
    telemetryHz: config.liveTelemetryHz, crossProcess, currentAlarms: () => alarmWatcher.current(),
  });
  publishBooking.current = live.bookingChanged;
  // The alarms /healthz prints, pushed live to staff pages connected to this process (its own write queue).
  const alarmWatcher = startWriteAlarmWatcher({
    writeQueue: () => writeQueue.statistics, publish: live.platformAlarms, clock, config: { databaseAlarmMs: config.databaseAlarmMs },
  });

  const ingestDeps: IngestDeps = {
    store: {
      ...ingestWriter,
      closeFlight: (flightId, endedAtMs, reason) => {
        ingestWriter.closeFlight(flightId, endedAtMs, reason);
        sealer.schedule(flightId);
      },
    },
    flightLogs,
    publisher: { ...live.publisher, alertRaised: (alert) => { live.publisher.alertRaised(alert); bookings.alertRaised(alert); } },
    fences,
    bookings: bookings.index,
    onCommandAck: (vehicleId, ack) => commands.acknowledge(vehicleId, ack),
    linkStatistics: (linkId, systemId, componentId) => linksById.get(linkId)?.vehicleStatistics(systemId, componentId) ?? null,
    findAircraft: (systemId) => bookings.findAircraft(systemId),
    observeFenceEvaluation: (seconds) => metrics.observeFenceEvaluation(seconds),
    clock,
    logger: logger.child({ name: 'server:ingest' }),
    config: {
      heartbeatTimeoutMs: config.heartbeatTimeoutMs,
      stalePositionMs: config.stalePositionMs,
      breachHoldMs: config.breachHoldMs,
      flightSilenceMs: FLIGHT_SILENCE_MS,
    },
  };
  const ingest = new Ingest(ingestDeps);
  // Flights still open in the database were left by a process that was killed: their aircraft continue them,
  // and their positions it had received but not stored are taken from their .tlog. With several processes,
  // only those of this process's links (ids from MAVLINK_LINKS; openLink binds nothing): another may be flying the rest.
  const ownLinkIds = new Set(config.mavlinkLinks.map((text) => openLink(text).id));
  ingest.resume(await listResumableFlights(knex, flightLogs, {
    isOwnLink: (linkId) => config.liveAdapter !== 'postgres' || ownLinkIds.has(linkId),
    withLog: (flight, log) => ingest.storeUnstoredPositions(flight, log),
  }));

  const links = await Promise.all(config.mavlinkLinks.map((text) => startLink(text, clock, logger, ingest)));
  const linksById = new Map(links.map(({ link }) => [link.id, link]));
  const groundStations = startGroundStations(links.map(({ link }) => link));
  const commands = new CommandService({
    findVehicle: (vehicleId) => ingest.commandTarget(vehicleId),
    send: (linkId, remote, message) => groundStations.stations.get(linkId)?.sendTo(remote, message),
    clock,
    logger: logger.child({ name: 'server:commands' }),
  });
  const linkWatchdog = setInterval(() => ingest.checkLinks(clock()), 1000);
  crossProcess.answer('vehicles', () => ingest.listVehicles());
  const reloadLogged = (what: string, reload: () => Promise<void>) => () => void reload().catch((error: Error) => logger.warn({ err: error }, `reloading ${what} another process changed failed`));
  crossProcess.hear('zones:changed', reloadLogged('zones', reloadFences));
  crossProcess.hear('aircraft:changed', reloadLogged('aircraft', bookings.http.onAircraftChanged));
  crossProcess.answer('command', (vehicleId, command) => (ingest.commandTarget(vehicleId as string) ? commands.send(vehicleId as string, command as Parameters<CommandService['send']>[1]) : null));
  const stopIngestSummary = config.ingestSummaryS > 0
    ? startIngestSummary({ sources: metricsSources, logger: logger.child({ name: 'server:ingest' }), clock, intervalMs: config.ingestSummaryS * 1000 })
    : () => undefined;

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const httpPort = (httpServer.address() as AddressInfo).port;
  logger.info({ httpPort, links: links.map((link) => link.id) }, 'platform started');

  return {
    database,
    ingest,
    writeQueue,
    flightLogs,
    sealer,
    httpPort,
    links: links.map((link) => ({ id: link.id, port: link.port })),
    async close() {
      clearInterval(linkWatchdog);
      alarmWatcher.stop();
      telemetryMaintenance.stop();
      stopIngestSummary();
      bookings.stop();
      groundStations.stop();
      httpServer.close(); // no new HTTP connections; live.close() below ends the open ones
      // Datagrams already in the sockets' buffers are read (and logged, queued) before the links close.
      await new Promise((resolve) => setTimeout(resolve, LINK_DRAIN_MS));
      await Promise.all(links.map((link) => link.link.close()));
      await writeQueue.flush();
      await sealer.settle();
      await flightLogs.closeAll();
      await live.close(); // also closes the HTTP server
      await crossProcess.close();
      await writeQueue.close();
      await database.close();
      metrics.close();
    },
  };
}

async function startLink(text: string, clock: () => number, logger: Logger, ingest: Ingest) {
  const link = openLink(text, { clock });
  const linkLogger = logger.child({ name: `protocol:${link.kind}`, linkId: link.id });
  link.on('message', (message) => ingest.handle(message));
  link.on('error', (error) => linkLogger.warn({ err: error }, 'link error'));
  link.on('connection', ({ remote, state }) => linkLogger.info({ remote, state }, `MAVLink connection ${state}`));
  const { port } = await link.start();
  linkLogger.info({ link: text, port }, 'MAVLink link open');
  return { id: link.id, port, link };
}
