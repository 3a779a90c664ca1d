/**
 * One MAVLink channel of a simulated aircraft, as each serial port of an ArduPilot autopilot is:
 * its own packet sequence, its own stream rates, its own input decoder and mission transfer, and
 * its own signature link id and timestamps when the aircraft signs. No sockets: the fleet moves its
 * bytes.
 */
import {
  encodeMessage, encodeSignedMessage, MavlinkDecoder, MessageSequence, SignatureVerifier, toSigningTimestamp,
  type DecodedFrame, type MavLinkData,
} from '../protocol/index.ts';
import type { MissionTransfer } from './mission-transfer.ts';
import { StreamScheduler, type GroupRatesHz } from './stream-scheduler.ts';

/** How a channel signs: the aircraft's key, and a wall clock for timestamps (ms since the epoch). */
export interface ChannelSigning {
  key: Buffer;
  clock: () => number;
}

/** Autopilot component id (MAV_COMP_ID_AUTOPILOT1). */
export const AUTOPILOT_COMPONENT_ID = 1;

/** A channel: encode out, decode in, schedule streams. */
export class TelemetryChannel {
  readonly scheduler: StreamScheduler;
  /** The mission upload in progress on this channel. */
  transfer: MissionTransfer = { state: 'idle' };
  /** One-off messages waiting to go out with the next frames (STATUSTEXT, HOME_POSITION when home is set). */
  readonly pending: MavLinkData[] = [];
  private readonly sequence = new MessageSequence();
  private readonly decoder = new MavlinkDecoder();
  private readonly verifier = new SignatureVerifier();
  private lastTimestamp = 0n;
  private rejected = 0;

  /**
   * @param systemId the aircraft's system id.
   * @param signatureLinkId the link id written in this channel's signatures (0–255).
   * @param defaults stream rates before a ground station asks.
   */
  constructor(
    private readonly systemId: number,
    readonly signatureLinkId: number,
    defaults: GroupRatesHz,
    nowS: number,
    private readonly signing: ChannelSigning | null,
  ) {
    this.scheduler = new StreamScheduler(defaults, nowS);
  }

  /** Frames from the ground station that failed their signature check (bad signature or replayed); unsigned ones are taken. */
  get rejectedFrames(): number {
    return this.rejected;
  }

  /** Bytes in: good frames out (garbage is counted by the decoder and dropped; a wrongly signed frame is dropped and counted). */
  decode(bytes: Buffer): DecodedFrame[] {
    const frames = this.decoder.push(bytes);
    if (this.signing === null) return frames;
    return frames.filter((frame) => {
      // ArduPilot with MAVx_OPTIONS "accept unsigned" takes unsigned frames but never a wrongly signed one.
      if (!frame.isSigned) return true;
      const isValid = this.verifier.verify({ ...frame, linkId: 'gcs' }, this.signing!.key) === 'valid';
      if (!isValid) this.rejected++;
      return isValid;
    });
  }

  /** One message as a frame from this aircraft on this channel; signed while `sign` holds and the aircraft has a key. */
  encode(message: MavLinkData, sign: boolean): Buffer {
    const options = { systemId: this.systemId, componentId: AUTOPILOT_COMPONENT_ID, sequence: this.sequence.next() };
    if (this.signing === null || !sign) return encodeMessage(message, options);
    // Timestamps must rise from frame to frame of a stream, even several frames within one ms.
    const now = toSigningTimestamp(this.signing.clock());
    this.lastTimestamp = now > this.lastTimestamp ? now : this.lastTimestamp + 1n;
    return encodeSignedMessage(message, { ...options, key: this.signing.key, signatureLinkId: this.signatureLinkId, timestamp: this.lastTimestamp });
  }
}
