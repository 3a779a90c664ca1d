/**
 * Which telemetry a channel sends when, as ArduPilot schedules it: messages in stream groups whose
 * rates REQUEST_DATA_STREAM sets (libraries/GCS_MAVLink/GCS_MAVLink_Parameters.cpp), a per-message
 * rate from SET_MESSAGE_INTERVAL overriding its group until the group is requested again, and
 * HEARTBEAT at 1 Hz whatever was asked. Pure apart from its own state; time is simulated seconds.
 */

/** ArduPilot stream groups holding the simulator's messages. */
export type StreamGroup = 'EXTENDED_STATUS' | 'POSITION' | 'EXTRA1' | 'EXTRA2' | 'EXTRA3';
/** Rate per group, Hz. */
export type GroupRatesHz = Readonly<Record<StreamGroup, number>>;

/** ArduCopter's defaults (SRn_* = 0): before a ground station asks, only HEARTBEAT (and STATUSTEXT) go out, as from SITL's tcp:5760. */
export const ARDUCOPTER_DEFAULT_RATES_HZ: GroupRatesHz = Object.freeze({ EXTENDED_STATUS: 0, POSITION: 0, EXTRA1: 0, EXTRA2: 0, EXTRA3: 0 });

/** What arrives on a `--out` address before anyone asks: sim_vehicle.py's MAVProxy has already requested streams for it. */
export function forwardedRatesHz(positionRateHz: number): GroupRatesHz {
  return Object.freeze({ EXTENDED_STATUS: 2, POSITION: positionRateHz, EXTRA1: positionRateHz, EXTRA2: 2, EXTRA3: 1 });
}

/** The messages scheduled, by id: their group, or a fixed default rate for those in no group. */
const MESSAGES: ReadonlyArray<{ messageId: number; group: StreamGroup | null; fixedHz: number }> = [
  { messageId: 0, group: null, fixedHz: 1 }, // HEARTBEAT
  { messageId: 1, group: 'EXTENDED_STATUS', fixedHz: 0 }, // SYS_STATUS
  { messageId: 24, group: 'EXTENDED_STATUS', fixedHz: 0 }, // GPS_RAW_INT
  { messageId: 33, group: 'POSITION', fixedHz: 0 }, // GLOBAL_POSITION_INT
  { messageId: 30, group: 'EXTRA1', fixedHz: 0 }, // ATTITUDE
  { messageId: 74, group: 'EXTRA2', fixedHz: 0 }, // VFR_HUD
  { messageId: 147, group: 'EXTRA3', fixedHz: 0 }, // BATTERY_STATUS
  { messageId: 242, group: null, fixedHz: 0 }, // HOME_POSITION: on request or interval only
];

/** MAV_DATA_STREAM ids → groups (ALL = 0 covers every group). */
const STREAM_IDS: Readonly<Record<number, StreamGroup>> = { 2: 'EXTENDED_STATUS', 6: 'POSITION', 10: 'EXTRA1', 11: 'EXTRA2', 12: 'EXTRA3' };
const MAV_DATA_STREAM_ALL = 0;
/** ArduPilot's ceiling for a stream rate. */
const MAX_RATE_HZ = 50;
const MAV_RESULT = { ACCEPTED: 0, UNSUPPORTED: 3 } as const;

/** The message ids a StreamScheduler can send. */
export const SCHEDULED_MESSAGE_IDS: readonly number[] = MESSAGES.map((entry) => entry.messageId);

/** One channel's schedule. */
export class StreamScheduler {
  private readonly groupRatesHz: Record<StreamGroup, number>;
  private readonly overridesHz = new Map<number, number>();
  private readonly nextDueS = new Map<number, number>();

  /** Starts with `defaults`, everything due at `nowS`. */
  constructor(defaults: GroupRatesHz, nowS: number) {
    this.groupRatesHz = { ...defaults };
    for (const { messageId } of MESSAGES) this.nextDueS.set(messageId, nowS);
  }

  /** Current rate of a message, Hz (0 = not sent). */
  rateHz(messageId: number): number {
    const entry = MESSAGES.find((candidate) => candidate.messageId === messageId);
    if (entry === undefined) return 0;
    return this.overridesHz.get(messageId) ?? (entry.group === null ? entry.fixedHz : this.groupRatesHz[entry.group]);
  }

  /** REQUEST_DATA_STREAM: sets a group's rate (or every group's, for ALL), dropping that group's per-message overrides, as ArduPilot does. */
  requestDataStream(streamId: number, rateHz: number, start: boolean, nowS: number): void {
    const groups = streamId === MAV_DATA_STREAM_ALL ? (Object.keys(this.groupRatesHz) as StreamGroup[]) : [STREAM_IDS[streamId]].filter((group) => group !== undefined);
    const wantedHz = start ? Math.min(Math.max(0, rateHz), MAX_RATE_HZ) : 0;
    for (const group of groups) {
      this.groupRatesHz[group] = wantedHz;
      for (const entry of MESSAGES) {
        if (entry.group !== group) continue;
        this.overridesHz.delete(entry.messageId);
        this.nextDueS.set(entry.messageId, nowS);
      }
    }
  }

  /** SET_MESSAGE_INTERVAL: µs between messages (-1 stops, 0 restores the default); returns a MAV_RESULT. */
  setMessageInterval(messageId: number, intervalUs: number, nowS: number): number {
    if (!SCHEDULED_MESSAGE_IDS.includes(messageId) || !Number.isFinite(intervalUs) || intervalUs < -1) return MAV_RESULT.UNSUPPORTED;
    if (intervalUs === 0) this.overridesHz.delete(messageId);
    else this.overridesHz.set(messageId, intervalUs < 0 ? 0 : Math.min(MAX_RATE_HZ, 1e6 / intervalUs));
    this.nextDueS.set(messageId, nowS);
    return MAV_RESULT.ACCEPTED;
  }

  /** The message ids due at `nowS`, in a fixed order; each moves on by its period (once after a long step, not a burst of stale copies). */
  due(nowS: number): number[] {
    const due: number[] = [];
    for (const { messageId } of MESSAGES) {
      const rateHz = this.rateHz(messageId);
      const nextS = this.nextDueS.get(messageId) ?? nowS;
      if (rateHz <= 0 || nextS > nowS + 1e-9) continue;
      due.push(messageId);
      this.nextDueS.set(messageId, Math.max(nextS + 1 / rateHz, nowS + 0.5 / rateHz));
    }
    return due;
  }
}
