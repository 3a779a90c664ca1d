/**
 * Known-good bytes for every message the platform reads, MAVLink 1 and 2: each payload is packed here
 * field by field in wire order (fields sorted by type size, extensions after, per the spec's
 * serialization rules) with Buffer.write*, framed and CRC'd by the hand-built helpers, with CRC_EXTRA
 * written as literals from the MAVLink XML definitions (common.xml / minimal.xml), not taken from our encoder.
 */
import { common, minimal, type MavLinkData, type MavLinkDataConstructor } from 'node-mavlink';
import { describe, expect, it } from 'vitest';
import { handFrameV1, handFrameV2 } from './fixtures/hand-built-frames.ts';
import { MavlinkDecoder } from './mavlink-decoder.ts';

type Scalar = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'u64' | 'f32';
type FieldType = Scalar | `${'u16' | 'f32'}[${number}]` | `char[${number}]`;
/** [camelCase name as mavlink-mappings decodes it, wire type, value, is an extension field]. */
type Field = readonly [name: string, type: FieldType, value: number | bigint | string | number[], extension?: 'ext'];

interface KnownMessage {
  name: string;
  messageId: number;
  /** CRC_EXTRA from the XML definitions. */
  crcExtra: number;
  definition: MavLinkDataConstructor<MavLinkData>;
  fields: readonly Field[];
}

const SIZES: Readonly<Record<Scalar, number>> = { u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, u64: 8, f32: 4 };

const MESSAGES: readonly KnownMessage[] = [
  { name: 'HEARTBEAT', messageId: 0, crcExtra: 50, definition: minimal.Heartbeat, fields: [
    ['customMode', 'u32', 3], ['type', 'u8', 2], ['autopilot', 'u8', 3], ['baseMode', 'u8', 217], ['systemStatus', 'u8', 4], ['mavlinkVersion', 'u8', 3],
  ] },
  { name: 'SYS_STATUS', messageId: 1, crcExtra: 124, definition: common.SysStatus, fields: [
    ['onboardControlSensorsPresent', 'u32', 0x1320_fc2f], ['onboardControlSensorsEnabled', 'u32', 0x1320_bc2f], ['onboardControlSensorsHealth', 'u32', 0x1330_fc2f],
    ['load', 'u16', 250], ['voltageBattery', 'u16', 15_840], ['currentBattery', 'i16', -1], ['dropRateComm', 'u16', 12], ['errorsComm', 'u16', 3],
    ['errorsCount1', 'u16', 0], ['errorsCount2', 'u16', 1], ['errorsCount3', 'u16', 2], ['errorsCount4', 'u16', 65_535], ['batteryRemaining', 'i8', 87],
    ['onboardControlSensorsPresentExtended', 'u32', 1, 'ext'], ['onboardControlSensorsEnabledExtended', 'u32', 1, 'ext'], ['onboardControlSensorsHealthExtended', 'u32', 1, 'ext'],
  ] },
  { name: 'GPS_RAW_INT', messageId: 24, crcExtra: 24, definition: common.GpsRawInt, fields: [
    ['timeUsec', 'u64', 1_533_737_161_905_000n], ['lat', 'i32', -188_100_000], ['lon', 'i32', 1_690_000_000], ['alt', 'i32', 110_000],
    ['eph', 'u16', 80], ['epv', 'u16', 120], ['vel', 'u16', 2_500], ['cog', 'u16', 27_000], ['fixType', 'u8', 3], ['satellitesVisible', 'u8', 14],
    ['altEllipsoid', 'i32', 150_000, 'ext'], ['hAcc', 'u32', 800, 'ext'], ['vAcc', 'u32', 1_200, 'ext'], ['velAcc', 'u32', 30, 'ext'],
    ['hdgAcc', 'u32', 0, 'ext'], ['yaw', 'u16', 9_000, 'ext'],
  ] },
  { name: 'ATTITUDE', messageId: 30, crcExtra: 39, definition: common.Attitude, fields: [
    ['timeBootMs', 'u32', 123_456], ['roll', 'f32', 0.1], ['pitch', 'f32', -0.25], ['yaw', 'f32', -2.5], ['rollspeed', 'f32', 0.01],
    ['pitchspeed', 'f32', -0.02], ['yawspeed', 'f32', 0.3],
  ] },
  { name: 'GLOBAL_POSITION_INT', messageId: 33, crcExtra: 104, definition: common.GlobalPositionInt, fields: [
    ['timeBootMs', 'u32', 60_000], ['lat', 'i32', -130_146_000], ['lon', 'i32', 334_686_000], ['alt', 'i32', 1_170_000], ['relativeAlt', 'i32', 120_000],
    ['vx', 'i16', 1_500], ['vy', 'i16', -200], ['vz', 'i16', -100], ['hdg', 'u16', 35_240],
  ] },
  { name: 'VFR_HUD', messageId: 74, crcExtra: 20, definition: common.VfrHud, fields: [
    ['airspeed', 'f32', 21.5], ['groundspeed', 'f32', 19.25], ['alt', 'f32', 1_170.5], ['climb', 'f32', -0.75], ['heading', 'i16', 352], ['throttle', 'u16', 45],
  ] },
  { name: 'COMMAND_ACK', messageId: 77, crcExtra: 143, definition: common.CommandAck, fields: [
    ['command', 'u16', 20], ['result', 'u8', 0],
    ['progress', 'u8', 0, 'ext'], ['resultParam2', 'i32', -7, 'ext'], ['targetSystem', 'u8', 255, 'ext'], ['targetComponent', 'u8', 0, 'ext'],
  ] },
  { name: 'BATTERY_STATUS', messageId: 147, crcExtra: 154, definition: common.BatteryStatus, fields: [
    ['currentConsumed', 'i32', 1_234], ['energyConsumed', 'i32', -1], ['temperature', 'i16', 32_767],
    ['voltages', 'u16[10]', [4_100, 4_100, 4_050, 4_000, 65_535, 65_535, 65_535, 65_535, 65_535, 65_535]],
    ['currentBattery', 'i16', 1_520], ['id', 'u8', 0], ['batteryFunction', 'u8', 0], ['type', 'u8', 1], ['batteryRemaining', 'i8', 64],
    ['timeRemaining', 'i32', 900, 'ext'], ['chargeState', 'u8', 1, 'ext'], ['voltagesExt', 'u16[4]', [0, 0, 0, 0], 'ext'], ['mode', 'u8', 0, 'ext'],
    ['faultBitmask', 'u32', 0, 'ext'],
  ] },
  { name: 'HOME_POSITION', messageId: 242, crcExtra: 104, definition: common.HomePosition, fields: [
    ['latitude', 'i32', -188_100_000], ['longitude', 'i32', 1_690_000_000], ['altitude', 'i32', 10_000], ['x', 'f32', 0], ['y', 'f32', 0], ['z', 'f32', 0],
    ['q', 'f32[4]', [1, 0, 0, 0]], ['approachX', 'f32', 0], ['approachY', 'f32', 0], ['approachZ', 'f32', 0], ['timeUsec', 'u64', 98_765_432_100n, 'ext'],
  ] },
  { name: 'STATUSTEXT', messageId: 253, crcExtra: 83, definition: common.StatusText, fields: [
    ['severity', 'u8', 2], ['text', 'char[50]', 'Battery 1 is low 14.20V used 3200 mAh'], ['id', 'u16', 0, 'ext'], ['chunkSeq', 'u8', 0, 'ext'],
  ] },
];

/** The payload, every field written in wire order; `withExtensions` false gives what MAVLink 1 carries. */
function pack(fields: readonly Field[], withExtensions: boolean): Buffer {
  const parts: Buffer[] = [];
  for (const [, type, value, extension] of fields) {
    if (extension === 'ext' && !withExtensions) continue;
    const array = /^(\w+)\[(\d+)\]$/.exec(type);
    if (array !== null && array[1] === 'char') {
      const bytes = Buffer.alloc(Number(array[2]));
      bytes.write(value as string, 'latin1');
      parts.push(bytes);
    } else if (array !== null) {
      for (const item of value as number[]) parts.push(scalar(array[1] as Scalar, item));
    } else {
      parts.push(scalar(type as Scalar, value as number | bigint));
    }
  }
  return Buffer.concat(parts);
}

function scalar(type: Scalar, value: number | bigint): Buffer {
  const bytes = Buffer.alloc(SIZES[type]);
  switch (type) {
    case 'u8': bytes.writeUInt8(value as number); break;
    case 'i8': bytes.writeInt8(value as number); break;
    case 'u16': bytes.writeUInt16LE(value as number); break;
    case 'i16': bytes.writeInt16LE(value as number); break;
    case 'u32': bytes.writeUInt32LE(value as number); break;
    case 'i32': bytes.writeInt32LE(value as number); break;
    case 'u64': bytes.writeBigUInt64LE(value as bigint); break;
    case 'f32': bytes.writeFloatLE(value as number); break;
  }
  return bytes;
}

/** The decoded object expected: floats as float32, extensions zero when MAVLink 1 left them out. */
function expected(fields: readonly Field[], withExtensions: boolean): Record<string, unknown> {
  return Object.fromEntries(fields.map(([name, type, value, extension]) => {
    const present = extension !== 'ext' || withExtensions;
    if (type.startsWith('char')) return [name, present ? value : ''];
    if (Array.isArray(value)) return [name, value.map((item) => (present ? (type.startsWith('f32') ? Math.fround(item) : item) : 0))];
    if (typeof value === 'bigint') return [name, present ? value : 0n];
    return [name, present ? (type === 'f32' ? Math.fround(value as number) : value) : 0];
  }));
}

describe('known-good frames, decoded by MavlinkDecoder', () => {
  it.each(MESSAGES.map((message) => [message.name, message] as const))('%s: CRC_EXTRA, id and length agree with mavlink-mappings', (_name, message) => {
    expect(message.definition.MAGIC_NUMBER).toBe(message.crcExtra);
    expect(message.definition.MSG_ID).toBe(message.messageId);
    expect(message.definition.MSG_NAME).toBe(message.name);
    expect(pack(message.fields, true)).toHaveLength(message.definition.PAYLOAD_LENGTH);
  });

  it.each(MESSAGES.flatMap((message) => [[message.name, 1, message], [message.name, 2, message]] as const))(
    '%s, MAVLink %i: exact field values',
    (_name, version, message) => {
      const header = { systemId: 42, componentId: 1, sequence: 200, messageId: message.messageId, crcExtra: message.crcExtra };
      const frame = version === 1 ? handFrameV1(header, pack(message.fields, false)) : handFrameV2(header, pack(message.fields, true));
      const decoder = new MavlinkDecoder({ clock: () => 1_700_000_000_000 });
      const [decoded, ...rest] = decoder.push(frame);
      expect(rest).toEqual([]);
      expect(decoded).toMatchObject({ systemId: 42, componentId: 1, sequence: 200, messageId: message.messageId, name: message.name, protocolVersion: version, isSigned: false });
      expect(decoded!.raw.equals(frame)).toBe(true);
      expect(decoded!.data).toBeInstanceOf(message.definition);
      expect(decoded!.data).toEqual(expected(message.fields, version === 2));
      expect(decoder.statistics).toMatchObject({ packets: 1, badCrc: 0, unknownMessages: 0 });
    },
  );

  it('trims MAVLink 2 trailing zeros as the C library does, and the decoder zero-fills them back (COMMAND_ACK)', () => {
    const ack = MESSAGES.find((message) => message.name === 'COMMAND_ACK')!;
    const frame = handFrameV2({ systemId: 1, componentId: 1, sequence: 0, messageId: 77, crcExtra: 143 }, pack(ack.fields, true));
    expect(frame[1]).toBe(9); // target_component = 0 trimmed
    expect(new MavlinkDecoder().push(frame)[0]!.data).toMatchObject({ targetSystem: 255, targetComponent: 0, resultParam2: -7 });
  });

  it('rejects each known-good frame with one payload bit flipped (CRC_EXTRA is checked)', () => {
    for (const message of MESSAGES) {
      const frame = handFrameV2({ systemId: 42, componentId: 1, sequence: 0, messageId: message.messageId, crcExtra: message.crcExtra }, pack(message.fields, true));
      frame[10] = (frame[10] as number) ^ 0x01;
      const decoder = new MavlinkDecoder();
      expect(decoder.push(frame), message.name).toEqual([]);
      expect(decoder.statistics.badCrc, message.name).toBe(1);
      const wrongExtra = handFrameV2({ systemId: 42, componentId: 1, sequence: 0, messageId: message.messageId, crcExtra: (message.crcExtra + 1) & 0xff }, pack(message.fields, true));
      expect(new MavlinkDecoder().push(wrongExtra), `${message.name} with a wrong CRC_EXTRA`).toEqual([]);
    }
  });
});
