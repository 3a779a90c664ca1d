/**
 * Operator commands to an aircraft (RTL, LAND, LOITER, BRAKE): sent as COMMAND_LONG on the link
 * and address the aircraft is heard on, resent as ground stations do (confirmation 0, 1, 2)
 * until its COMMAND_ACK arrives, which is reported back with its result and time.
 */
import type { Logger } from 'pino';
import { buildCommandLong, type CommandAckResult, type MavLinkData } from '../../protocol/index.ts';
import type { CommandResultView, OperatorCommandName } from '../contracts/index.ts';
import { ConflictError, NotFoundError, UnavailableError, ValidationError } from '../errors.ts';

export interface CommandTargetVehicle {
  id: string;
  linkId: string;
  remote: string;
  systemId: number;
  componentId: number;
  vehicleType: number | null;
  autopilot: number | null;
  linkState: 'connected' | 'lost';
  callsign: string;
  corridorId: string | null;
}

export interface CommandServiceDeps {
  findVehicle: (vehicleId: string) => CommandTargetVehicle | null;
  send: (linkId: string, remote: string, message: MavLinkData) => void;
  clock: () => number;
  logger: Logger;
  /** Wait per attempt for COMMAND_ACK (default 1500 ms) and attempts (default 3), as QGroundControl does. */
  ackTimeoutMs?: number;
  attempts?: number;
}

interface PendingCommand {
  commandId: number;
  resolve: (ack: CommandAckResult & { atMs: number }) => void;
}

export class CommandService {
  private readonly pending = new Map<string, PendingCommand>();

  constructor(private readonly deps: CommandServiceDeps) {}

  /** Send `command` to a vehicle; resolves with its acknowledgement; throws NotFound / Conflict / Validation / Unavailable. */
  async send(vehicleId: string, command: OperatorCommandName): Promise<CommandResultView> {
    const vehicle = this.deps.findVehicle(vehicleId);
    if (!vehicle) throw new NotFoundError(`No vehicle '${vehicleId}'`);
    if (vehicle.linkState === 'lost') throw new ConflictError(`${vehicle.callsign}'s link is lost: a command cannot reach it`);
    if (this.pending.has(vehicle.id)) throw new ConflictError(`${vehicle.callsign} is still answering an earlier command`);
    let message: ReturnType<typeof buildCommandLong>;
    try {
      message = buildCommandLong(vehicle, command);
    } catch (error) {
      throw new ValidationError(`Cannot send ${command} to ${vehicle.callsign}: ${(error as Error).message}`);
    }
    const sentAtMs = this.deps.clock();
    const ack = await this.sendUntilAcknowledged(vehicle, message);
    const result: CommandResultView = { vehicleId: vehicle.id, command, result: ack.resultName, resultCode: ack.result, sentAtMs, ackAtMs: ack.atMs };
    const log = { vehicleId: vehicle.id, corridorId: vehicle.corridorId, command, result: ack.resultName };
    if (ack.resultName === 'ACCEPTED') this.deps.logger.info(log, 'command accepted');
    else this.deps.logger.warn(log, 'command not accepted');
    return result;
  }

  /** Deliver a COMMAND_ACK heard from a vehicle. */
  acknowledge(vehicleId: string, ack: CommandAckResult): void {
    const pending = this.pending.get(vehicleId);
    if (pending && pending.commandId === ack.command) pending.resolve({ ...ack, atMs: this.deps.clock() });
  }

  private async sendUntilAcknowledged(vehicle: CommandTargetVehicle, message: ReturnType<typeof buildCommandLong>) {
    const attempts = this.deps.attempts ?? 3;
    const timeoutMs = this.deps.ackTimeoutMs ?? 1500;
    let resolve!: PendingCommand['resolve'];
    const acknowledged = new Promise<CommandAckResult & { atMs: number }>((done) => (resolve = done));
    this.pending.set(vehicle.id, { commandId: message.command, resolve });
    try {
      for (let attempt = 0; attempt < attempts; attempt += 1) {
        message.confirmation = attempt; // MAVLink command protocol: resends count up
        this.deps.send(vehicle.linkId, vehicle.remote, message);
        const ack = await Promise.race([acknowledged, new Promise<null>((done) => setTimeout(() => done(null), timeoutMs))]);
        if (ack) return ack;
      }
      this.deps.logger.warn({ vehicleId: vehicle.id, corridorId: vehicle.corridorId, command: message.command }, 'command not acknowledged');
      throw new UnavailableError(`${vehicle.callsign} did not acknowledge the command after ${attempts} attempts`);
    } finally {
      this.pending.delete(vehicle.id);
    }
  }
}
