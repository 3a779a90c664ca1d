import { common } from 'node-mavlink';
import { describe, expect, it } from 'vitest';
import { buildStreamRequests, DEFAULT_STREAM_RATES_HZ } from './build-stream-requests.ts';

const TARGET = { systemId: 12, componentId: 1 };

describe('buildStreamRequests', () => {
  it('asks ArduPilot’s stream groups first, at the fastest rate of their messages, then each message’s interval', () => {
    const messages = buildStreamRequests(TARGET);
    const streams = messages.filter((message): message is common.RequestDataStream => message instanceof common.RequestDataStream);
    expect(streams.map((stream) => [stream.reqStreamId, stream.reqMessageRate, stream.startStop])).toEqual([
      [6, 4, 1], [2, 2, 1], [10, 4, 1], [11, 2, 1], [12, 1, 1], // POSITION, EXTENDED_STATUS, EXTRA1, EXTRA2, EXTRA3
    ]);
    expect(streams.every((stream) => stream.targetSystem === 12 && stream.targetComponent === 1)).toBe(true);
    const intervals = messages.slice(streams.length) as common.CommandLong[];
    expect(intervals.every((message) => message instanceof common.CommandLong && message.command === 511 && message.targetSystem === 12)).toBe(true);
    expect(intervals.map((message) => [message._param1, message._param2])).toEqual([
      [33, 250_000], [24, 500_000], [1, 1_000_000], [30, 250_000], [74, 500_000], [147, 1_000_000], [242, 10_000_000],
    ]);
    expect(messages.indexOf(intervals[0]!)).toBe(streams.length); // REQUEST_DATA_STREAM first: ArduPilot resets intervals of a requested group
  });

  it('takes rates per message, rounds a group up to whole Hz and stops what is set to 0', () => {
    const messages = buildStreamRequests(TARGET, { GLOBAL_POSITION_INT: 10, ATTITUDE: 0, VFR_HUD: 0, SYS_STATUS: 0.5, GPS_RAW_INT: 0.5 });
    const byStream = new Map(messages.filter((message) => message instanceof common.RequestDataStream)
      .map((message) => [(message as common.RequestDataStream).reqStreamId, message as common.RequestDataStream]));
    expect(byStream.get(6)).toMatchObject({ reqMessageRate: 10, startStop: 1 });
    expect(byStream.get(2)).toMatchObject({ reqMessageRate: 1, startStop: 1 });
    expect(byStream.get(10)).toMatchObject({ reqMessageRate: 0, startStop: 0 });
    const attitude = messages.find((message) => message instanceof common.CommandLong && message._param1 === 30) as common.CommandLong;
    expect(attitude._param2).toBe(-1);
    expect(DEFAULT_STREAM_RATES_HZ.GLOBAL_POSITION_INT).toBe(4);
  });

  it('names a bad rate or target', () => {
    expect(() => buildStreamRequests(TARGET, { ATTITUDE: 60 })).toThrow(/rates.ATTITUDE must be a number of Hz in \[0, 50\], got 60/);
    expect(() => buildStreamRequests(TARGET, { ATTITUDE: -1 })).toThrow(/rates.ATTITUDE/);
    expect(() => buildStreamRequests({ systemId: 1, componentId: 1.5 })).toThrow(/target.componentId/);
  });
});
