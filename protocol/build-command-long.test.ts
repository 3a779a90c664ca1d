import { common } from 'node-mavlink';
import { describe, expect, it } from 'vitest';
import { buildCommandLong, type CommandTarget } from './build-command-long.ts';
import { encodeMessage } from './encode-message.ts';
import { MavlinkDecoder } from './mavlink-decoder.ts';

const COPTER: CommandTarget = { systemId: 12, componentId: 1, vehicleType: 2, autopilot: 3 };
const PLANE: CommandTarget = { systemId: 21, componentId: 1, vehicleType: 1, autopilot: 3 };
const QUADPLANE: CommandTarget = { systemId: 22, componentId: 1, vehicleType: 20, autopilot: 3 };
const PX4: CommandTarget = { systemId: 31, componentId: 1, vehicleType: 2, autopilot: 12 };

function params(message: common.CommandLong): number[] {
  return [message._param1, message._param2, message._param3, message._param4, message._param5, message._param6, message._param7];
}

describe('buildCommandLong', () => {
  it('addresses the target and sends RTL and LAND as NAV commands (20, 21), whatever the autopilot', () => {
    for (const target of [COPTER, PLANE, PX4, { systemId: 99, componentId: 1 }]) {
      const rtl = buildCommandLong(target, 'rtl');
      expect(rtl).toBeInstanceOf(common.CommandLong);
      expect([rtl.targetSystem, rtl.targetComponent, rtl.command, rtl.confirmation]).toEqual([target.systemId, 1, 20, 0]);
      expect(params(rtl)).toEqual([0, 0, 0, 0, 0, 0, 0]);
      expect(buildCommandLong(target, 'land').command).toBe(21);
    }
  });

  it.each([
    ['ArduCopter LOITER', COPTER, 'loiter', [1, 5, 0]],
    ['ArduCopter BRAKE', COPTER, 'brake', [1, 17, 0]],
    ['ArduPlane LOITER', PLANE, 'loiter', [1, 12, 0]],
    ['QuadPlane LOITER', QUADPLANE, 'loiter', [1, 12, 0]],
    ['PX4 Hold (AUTO.LOITER)', PX4, 'loiter', [1, 4, 3]],
    ['PX4 brake → Hold', PX4, 'brake', [1, 4, 3]],
  ] as const)('%s is DO_SET_MODE (176) with the custom mode', (_name, target, command, expected) => {
    const message = buildCommandLong(target, command);
    expect(message.command).toBe(176);
    expect(params(message).slice(0, 3)).toEqual(expected);
  });

  it('refuses a mode the autopilot does not have or cannot be known yet', () => {
    expect(() => buildCommandLong(PLANE, 'brake')).toThrow(/cannot brake this vehicle \(autopilot 3, type 1\)/);
    expect(() => buildCommandLong({ systemId: 1, componentId: 1 }, 'loiter')).toThrow(/heard from/);
    expect(() => buildCommandLong({ ...COPTER, vehicleType: 10 }, 'loiter')).toThrow(/cannot loiter/); // a rover
    expect(() => buildCommandLong({ ...COPTER, autopilot: 8 }, 'loiter')).toThrow(/cannot loiter/);
  });

  it('arms and disarms with COMPONENT_ARM_DISARM (400), forcing with 21196 when asked', () => {
    expect(params(buildCommandLong(COPTER, 'arm')).slice(0, 2)).toEqual([1, 0]);
    expect(params(buildCommandLong(COPTER, 'disarm', { force: true })).slice(0, 2)).toEqual([0, 21196]);
    expect(buildCommandLong(COPTER, 'disarm').command).toBe(400);
  });

  it('sets a message interval (511) in µs, and names missing parameters', () => {
    const message = buildCommandLong(COPTER, 'set-message-interval', { messageId: 33, intervalUs: 250_000 });
    expect([message.command, ...params(message).slice(0, 2)]).toEqual([511, 33, 250_000]);
    expect(() => buildCommandLong(COPTER, 'set-message-interval', { intervalUs: 1 })).toThrow(/params.messageId/);
    expect(() => buildCommandLong(COPTER, 'set-message-interval', { messageId: 33, intervalUs: -2 })).toThrow(/params.intervalUs/);
  });

  it('names a bad target or command', () => {
    expect(() => buildCommandLong({ systemId: 256, componentId: 1 }, 'rtl')).toThrow(/target.systemId must be an integer 0–255, got 256/);
    expect(() => buildCommandLong(COPTER, 'explode' as 'rtl')).toThrow(/command must be one of/);
  });

  it('encodes to a frame that decodes to the same COMMAND_LONG', () => {
    const message = buildCommandLong(COPTER, 'loiter');
    const [decoded] = new MavlinkDecoder().push(encodeMessage(message, { systemId: 255, componentId: 190, sequence: 0 }));
    expect(decoded!.data).toEqual(message);
  });
});
