/**
 * Seals each closed flight — SHA-256 of its raw .tlog and of its derived records, chained per
 * corridor — and verifies flights and whole chains: a changed byte of a log, a changed or removed
 * telemetry row, violation or alert, or a removed flight (a gap in the chain, or a chain shorter
 * than the ledger file beside the logs says) is reported with the flight it concerns.
 */
import type { Logger } from 'pino';
import type { StoredSeal, TelemetryRemoval } from '../db/flight-seal-repository.ts';
import { chainGenesis, chainHash, CURRENT_RECORDS_FORMAT, hashRecords, hashTelemetry, summarise, type FlightRecords } from './flight-seal.ts';

export interface SealerDeps {
  /** A flight's records, and whether retention removed (some of) its telemetry. */
  readRecords(flightId: string): Promise<(FlightRecords & { startedAtMs: number; endedAtMs: number | null; corridorId: string | null; telemetryRemoval: TelemetryRemoval | null }) | null>;
  hashLog(flightId: string): Promise<string | null>;
  /** Resolves once every write queued so far (telemetry, violations, alerts) is stored and the flight's log is closed. */
  settle(flightId: string): Promise<void>;
  /** Store a seal at its chain's head; `isNew` false when the flight was sealed already (by this or another process). */
  storeSeal(seal: Omit<StoredSeal, 'sequence' | 'previousHash' | 'hash'>): Promise<{ seal: StoredSeal; isNew: boolean }>;
  findSeal(flightId: string): Promise<StoredSeal | null>;
  listChain(chain: string): Promise<StoredSeal[]>;
  appendToLedger(entry: { chain: string; sequence: number; flightId: string; hash: string }): Promise<void>;
  ledgerHeads(): Promise<Map<string, { sequence: number; flightId: string; hash: string }>>;
  clock: () => number;
  logger: Logger;
}

export interface Problem {
  flightId: string;
  problem: string;
}

/** Something verification could not check, and why (not a sign of tampering). */
export interface Note {
  flightId: string;
  note: string;
}

const NOTES = {
  pastRetention: (removal: TelemetryRemoval) =>
    `telemetry past retention (removed ${new Date(removal.removedAtMs).toISOString()}, kept ${removal.retentionDays} days); raw .tlog and other records verified`,
  pastRetentionOldSeal: (removal: TelemetryRemoval) =>
    `telemetry past retention (removed ${new Date(removal.removedAtMs).toISOString()}, kept ${removal.retentionDays} days); raw .tlog verified; sealed before telemetry had its own digest, so its other records cannot be re-checked`,
} as const;

/** The chain a flight's seal joins: its corridor's, or 'none'. */
export const chainOf = (corridorId: string | null): string => corridorId ?? 'none';

const NO_LOG = 'no-log';
const MESSAGES = { recordsChanged: 'its stored records (flight, telemetry, violations or alerts) have changed since it was sealed' } as const;
/** How long after a flight closes its last packets are given to reach the archive and the queue. */
const SETTLE_DELAY_MS = 1500;

export class FlightSealer {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly deps: SealerDeps) {}

  /** Seal `flightId` shortly (after its last writes); failures are logged and retried on the next start. */
  schedule(flightId: string): void {
    const work = new Promise((resolve) => setTimeout(resolve, SETTLE_DELAY_MS).unref())
      .then(() => this.seal(flightId))
      .catch((error: Error) => this.deps.logger.error({ err: error, flightId }, 'sealing a flight failed'));
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Resolves when every scheduled seal is done. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async seal(flightId: string): Promise<StoredSeal | null> {
    await this.deps.settle(flightId);
    const records = await this.deps.readRecords(flightId);
    if (!records) return null;
    const { seal, isNew } = await this.deps.storeSeal({
      flightId, chain: chainOf(records.corridorId), logSha256: (await this.deps.hashLog(flightId)) ?? NO_LOG, recordsSha256: hashRecords(records),
      sealedAtMs: this.deps.clock(), summary: summarise(records, records.startedAtMs, records.endedAtMs),
      recordsFormat: CURRENT_RECORDS_FORMAT, telemetrySha256: hashTelemetry(records.telemetry),
    });
    if (!isNew) return seal; // sealed already (another process, or an earlier start): its ledger line is written
    await this.deps.appendToLedger({ chain: seal.chain, sequence: seal.sequence, flightId, hash: seal.hash });
    this.deps.logger.info({ flightId, chain: seal.chain, sequence: seal.sequence }, 'flight sealed');
    return seal;
  }

  /** Check one sealed flight against its log, its records and its place in the chain. */
  async verifyFlight(flightId: string): Promise<{ seal: StoredSeal | null; problems: Problem[]; notes: Note[] }> {
    const seal = await this.deps.findSeal(flightId);
    if (!seal) return { seal: null, problems: [{ flightId, problem: 'not sealed yet (it is still open, or was closed moments ago)' }], notes: [] };
    const { problems, notes } = await this.checkSeal(seal);
    const chain = await this.deps.listChain(seal.chain);
    const previous = chain.find((item) => item.sequence === seal.sequence - 1);
    const expectedPrevious = seal.sequence === 1 ? chainGenesis(seal.chain) : previous?.hash;
    if (expectedPrevious === undefined) problems.push({ flightId, problem: `the flight sealed before it (number ${seal.sequence - 1} in the chain) is missing` });
    else if (seal.previousHash !== expectedPrevious) problems.push({ flightId, problem: 'its seal does not follow the seal before it in the chain' });
    return { seal, problems, notes };
  }

  /** Check every flight of a chain, the chain's links, and its length against the ledger. */
  async verifyChain(chain: string): Promise<{ flightsChecked: number; headHash: string | null; problems: Problem[]; notes: Note[] }> {
    const seals = await this.deps.listChain(chain);
    const problems: Problem[] = [];
    const notes: Note[] = [];
    let previousHash = chainGenesis(chain);
    let expectedSequence = 1;
    for (const seal of seals) {
      if (seal.sequence !== expectedSequence) {
        problems.push({ flightId: seal.flightId, problem: `${seal.sequence - expectedSequence} sealed flight(s) before it are missing (numbers ${expectedSequence}–${seal.sequence - 1})` });
      } else if (seal.previousHash !== previousHash) {
        problems.push({ flightId: seal.flightId, problem: 'its seal does not follow the seal before it in the chain' });
      }
      const checked = await this.checkSeal(seal);
      problems.push(...checked.problems);
      notes.push(...checked.notes);
      previousHash = seal.hash;
      expectedSequence = seal.sequence + 1;
    }
    const witnessed = (await this.deps.ledgerHeads()).get(chain);
    const head = seals[seals.length - 1];
    if (witnessed && (!head || head.sequence < witnessed.sequence)) {
      problems.push({ flightId: witnessed.flightId, problem: `the ledger saw ${witnessed.sequence} sealed flights in this chain, the database holds ${head?.sequence ?? 0}: the last were removed` });
    } else if (witnessed && head && head.sequence === witnessed.sequence && head.hash !== witnessed.hash) {
      problems.push({ flightId: head.flightId, problem: 'the last seal differs from the one the ledger saw' });
    }
    return { flightsChecked: seals.length, headHash: head?.hash ?? null, problems, notes };
  }

  private async checkSeal(seal: StoredSeal): Promise<{ problems: Problem[]; notes: Note[] }> {
    const { flightId } = seal;
    const records = await this.deps.readRecords(flightId);
    if (!records) return { problems: [{ flightId, problem: 'the sealed flight has been removed from the database' }], notes: [] };
    const problems: Problem[] = [];
    const notes: Note[] = [];
    if (((await this.deps.hashLog(flightId)) ?? NO_LOG) !== seal.logSha256) problems.push({ flightId, problem: 'its raw .tlog has changed since it was sealed' });
    const removal = records.telemetryRemoval;
    if (removal && seal.recordsFormat === 1) {
      notes.push({ flightId, note: NOTES.pastRetentionOldSeal(removal) });
    } else if (removal) {
      // The telemetry that remains cannot be checked on its own; the rest is hashed with the digest the seal kept.
      if (hashRecords(records, { format: 2, telemetrySha256: seal.telemetrySha256 ?? '' }) !== seal.recordsSha256) problems.push({ flightId, problem: MESSAGES.recordsChanged });
      else notes.push({ flightId, note: NOTES.pastRetention(removal) });
    } else if (hashRecords(records, { format: seal.recordsFormat }) !== seal.recordsSha256) {
      problems.push({ flightId, problem: MESSAGES.recordsChanged });
    }
    if (chainHash(seal) !== seal.hash) problems.push({ flightId, problem: 'its seal itself has been altered' });
    return { problems, notes };
  }
}
