/**
 * `npm start`: read the config, start the platform, stop cleanly on SIGINT/SIGTERM: no new MAVLink
 * or HTTP, every queued write (memory and spool) stored, every flight's .tlog closed, exit 0 — or,
 * past SHUTDOWN_DEADLINE_MS (the database away, say), an error log and exit 1.
 */
import { pino } from 'pino';
import { loadConfig } from './config.ts';
import { startPlatform } from './platform.ts';

const config = loadConfig();
const logger = pino({ level: config.logLevel, base: { name: 'server' } });
const platform = await startPlatform(config, logger);
logger.info(`Corridor flight operations at http://localhost:${platform.httpPort}/`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  const startedMs = Date.now();
  logger.info({ signal, queued: platform.writeQueue.statistics.queued }, 'stopping: flushing writes');
  const deadline = setTimeout(() => {
    const { queued, spooledRows, spoolBytes } = platform.writeQueue.statistics;
    logger.error({ signal, deadlineMs: config.shutdownDeadlineMs, queued, spooledRows, spoolBytes }, 'stopping took longer than SHUTDOWN_DEADLINE_MS: exiting with writes not stored');
    process.exit(1);
  }, config.shutdownDeadlineMs);
  try {
    await platform.close();
    clearTimeout(deadline);
    logger.info({ signal, ms: Date.now() - startedMs, telemetryRowsWritten: platform.writeQueue.statistics.telemetryRowsWritten }, 'stopped: every write stored');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'error while stopping');
    process.exit(1);
  }
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
