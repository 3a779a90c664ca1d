/** The .tlog tail recovery after a kill: complete records kept, a torn last record cut off, the last HEARTBEAT's arming read. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { common, encodeMessage, minimal, readTlogEntries, tlogRecord } from '../../protocol/index.ts';
import { completeTlogRecords, FlightLogArchive } from './flight-log-archive.ts';

function heartbeat(armed: boolean): Buffer {
  const message = new minimal.Heartbeat();
  message.type = minimal.MavType.QUADROTOR;
  message.autopilot = minimal.MavAutopilot.ARDUPILOTMEGA;
  message.baseMode = (minimal.MavModeFlag.CUSTOM_MODE_ENABLED | (armed ? minimal.MavModeFlag.SAFETY_ARMED : 0)) as minimal.MavModeFlag;
  return encodeMessage(message, { systemId: 12, componentId: 1, sequence: 0 });
}

function position(): Buffer {
  const message = new common.GlobalPositionInt();
  message.lat = -130_600_000;
  message.lon = 334_000_000;
  return encodeMessage(message, { systemId: 12, componentId: 1, sequence: 1 });
}

const T0_MS = 1_795_000_000_000;
const records = (armed: boolean) => Buffer.concat([tlogRecord(heartbeat(armed), T0_MS), tlogRecord(position(), T0_MS + 100)]);

describe('completeTlogRecords', () => {
  it('keeps every complete record and reads the last HEARTBEAT', () => {
    expect(completeTlogRecords(records(true))).toEqual({ length: records(true).length, lastRecordAtMs: T0_MS + 100, wasArmed: true });
    expect(completeTlogRecords(records(false)).wasArmed).toBe(false);
    expect(completeTlogRecords(Buffer.alloc(0))).toEqual({ length: 0, lastRecordAtMs: null, wasArmed: false });
  });

  it('stops before a record cut anywhere by the end of the file', () => {
    const whole = records(true);
    const firstLength = tlogRecord(heartbeat(true), T0_MS).length;
    for (let cut = firstLength + 1; cut < whole.length; cut += 1) {
      expect(completeTlogRecords(whole.subarray(0, cut))).toEqual({ length: firstLength, lastRecordAtMs: T0_MS, wasArmed: true });
    }
  });
});

describe('FlightLogArchive.recover', () => {
  it('cuts a torn last record off so the file reads back cleanly and appends after it', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'flight-logs-'));
    const archive = new FlightLogArchive(folder, pino({ level: 'silent' }));
    const whole = records(true);
    fs.writeFileSync(archive.pathOf('f1'), whole.subarray(0, whole.length - 7));
    expect(await archive.recover('f1')).toMatchObject({ lastRecordAtMs: T0_MS, wasArmed: true, truncatedBytes: whole.length - 7 - tlogRecord(heartbeat(true), T0_MS).length });
    archive.append('f1', position(), T0_MS + 200);
    await archive.close('f1');
    const { entries, statistics } = readTlogEntries(fs.readFileSync(archive.pathOf('f1')));
    expect(statistics.unreadBytes).toBe(0);
    expect(entries.map((entry) => entry.frame.name)).toEqual(['HEARTBEAT', 'GLOBAL_POSITION_INT']);
    expect(await archive.recover('missing')).toMatchObject({ lastRecordAtMs: null, wasArmed: false, truncatedBytes: 0 });
    fs.rmSync(folder, { recursive: true });
  });
});
