import { numberField, type Fields } from './message-fields.ts';

/** MAV_RESULT names (MAVLink common.xml), by number. */
const MAV_RESULT_NAMES: Readonly<Record<number, string>> = {
  0: 'ACCEPTED', 1: 'TEMPORARILY_REJECTED', 2: 'DENIED', 3: 'UNSUPPORTED', 4: 'FAILED', 5: 'IN_PROGRESS',
  6: 'CANCELLED', 7: 'COMMAND_LONG_ONLY', 8: 'COMMAND_INT_ONLY', 9: 'COMMAND_UNSUPPORTED_MAV_FRAME',
};

/** A COMMAND_ACK as an operator needs it. */
export interface CommandAckResult {
  /** The MAV_CMD acknowledged, e.g. 20 = NAV_RETURN_TO_LAUNCH. */
  command: number;
  /** MAV_RESULT number, e.g. 0. */
  result: number;
  /** MAV_RESULT name without its prefix, e.g. 'ACCEPTED'; 'RESULT <n>' for a number the spec does not define. */
  resultName: string;
}

/**
 * Reads a COMMAND_ACK's data (a mavlink-mappings CommandAck, or any object with numeric `command`
 * and `result`); pure. Returns null for anything else, never throws: it is input from a vehicle.
 * Example: toCommandAck({ command: 20, result: 0 }) → { command: 20, result: 0, resultName: 'ACCEPTED' }.
 */
export function toCommandAck(data: unknown): CommandAckResult | null {
  if (typeof data !== 'object' || data === null) return null;
  const command = numberField(data as Fields, 'command');
  const result = numberField(data as Fields, 'result');
  if (command === null || result === null) return null;
  return { command, result, resultName: MAV_RESULT_NAMES[result] ?? `RESULT ${result}` };
}
