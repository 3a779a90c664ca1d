/**
 * The synchronous frame finder under MavlinkDecoder and readTlog: finds MAVLink 1 and 2 frames in
 * a byte buffer, checks their CRC (with CRC_EXTRA) and resynchronises one byte at a time after
 * anything that is not a good frame, as pymavlink does (node-mavlink's splitter skips a whole
 * claimed frame after an unknown id, and so loses good frames that follow garbage).
 * Frame layout: https://mavlink.io/en/guide/serialization.html
 */
import type { MavLinkData, MavLinkDataConstructor } from 'node-mavlink';
import type { LinkStatistics } from './link-statistics.ts';
import { mavlinkCrc } from './mavlink-crc.ts';
import type { MessageRegistry } from './message-registry.ts';

const STX_V1 = 0xfe;
const STX_V2 = 0xfd;
const HEADER_V1_BYTES = 6;
const HEADER_V2_BYTES = 10;
const CHECKSUM_BYTES = 2;
const SIGNATURE_BYTES = 13;
const IFLAG_SIGNED = 0x01;

const INCOMPLETE = 0;
const NOT_A_FRAME = -1;
const BAD_CRC = -2;
const UNKNOWN_MESSAGE = -3;

const EMPTY = Buffer.alloc(0);

/** Cursor over one buffer: `next()` moves to each good frame in turn and counts what it drops. */
export class FrameScanner {
  /** Offset of the current frame (valid after `next()` returned true). */
  frameStart = 0;
  /** Length in bytes of the current frame, signature included. */
  frameLength = 0;
  /** Data class of the current frame's message. */
  messageClass: MavLinkDataConstructor<MavLinkData> | null = null;

  private bytes: Buffer = EMPTY;
  private position = 0;
  private holdFrom = -1;
  /** True while `position` is the end of the frame just returned. */
  private isAfterFrame = false;

  /**
   * @param registry messages whose CRC_EXTRA is known (others are counted as unknown).
   * @param statistics counters to increment (badCrc, unknownMessages).
   * @param recordGapBytes bytes a container may put between frames (8 in a .tlog), used to tell
   *   a well-framed bad frame from noise.
   */
  constructor(
    private readonly registry: MessageRegistry,
    private readonly statistics: LinkStatistics,
    private readonly recordGapBytes = 0,
  ) {}

  /** Starts scanning `bytes` from its first byte. */
  reset(bytes: Buffer): void {
    this.bytes = bytes;
    this.position = 0;
    this.holdFrom = -1;
    this.isAfterFrame = false;
  }

  /** Offset from which the scanned bytes may still hold the start of a frame cut short by the end of the buffer. */
  heldFrom(): number {
    return this.holdFrom >= 0 ? this.holdFrom : this.bytes.length;
  }

  /** Advances to the next good frame; false once the buffer is exhausted. */
  next(): boolean {
    const bytes = this.bytes;
    const end = bytes.length;
    let offset = this.position;
    if (this.isAfterFrame && this.recordGapBytes > 0 && !isStartByte(bytes[offset]) && this.acceptAt(offset + this.recordGapBytes)) return true;
    while (offset < end) {
      const byte = bytes[offset];
      if (byte !== STX_V2 && byte !== STX_V1) {
        offset++;
        continue;
      }
      const result = this.inspect(bytes, offset, end);
      if (result > 0) return this.accept(offset, result);
      if (result === INCOMPLETE) {
        if (this.holdFrom < 0) this.holdFrom = offset;
      } else if (result !== NOT_A_FRAME && this.isFrameBoundary(offset + claimedLength(bytes, offset))) {
        if (result === BAD_CRC) this.statistics.badCrc++;
        else this.statistics.unknownMessages++;
      }
      // Resynchronise on the next byte, never skip a claimed length: a good frame may start inside it.
      offset++;
    }
    this.position = end;
    this.isAfterFrame = false;
    return false;
  }

  /**
   * Fast path for containers: when no frame follows the last one directly but a good frame sits exactly
   * one record header after it, take that without scanning the header, whose timestamp bytes often
   * look like start bytes.
   */
  private acceptAt(offset: number): boolean {
    if (!isStartByte(this.bytes[offset])) return false;
    const result = this.inspect(this.bytes, offset, this.bytes.length);
    return result > 0 && this.accept(offset, result);
  }

  private accept(offset: number, length: number): true {
    this.frameStart = offset;
    this.frameLength = length;
    this.position = offset + length;
    this.isAfterFrame = true;
    // A good frame inside the span a cut-short candidate claimed proves that candidate was noise.
    this.holdFrom = -1;
    return true;
  }

  private inspect(bytes: Buffer, offset: number, end: number): number {
    const isV2 = bytes[offset] === STX_V2;
    const headerBytes = isV2 ? HEADER_V2_BYTES : HEADER_V1_BYTES;
    if (offset + headerBytes > end) return INCOMPLETE;
    let messageId: number;
    if (isV2) {
      const flags = bytes[offset + 2] as number;
      if ((flags & ~IFLAG_SIGNED) !== 0) return NOT_A_FRAME; // unknown incompatibility flag: the spec says drop
      messageId = (bytes[offset + 7] as number) | ((bytes[offset + 8] as number) << 8) | ((bytes[offset + 9] as number) << 16);
    } else {
      messageId = bytes[offset + 5] as number;
    }
    const length = claimedLength(bytes, offset);
    if (offset + length > end) return INCOMPLETE;
    const messageClass = this.registry[messageId];
    if (messageClass === undefined) return UNKNOWN_MESSAGE;
    const crcAt = offset + headerBytes + (bytes[offset + 1] as number);
    const crc = mavlinkCrc(bytes, offset + 1, crcAt, messageClass.MAGIC_NUMBER);
    if (crc !== ((bytes[crcAt] as number) | ((bytes[crcAt + 1] as number) << 8))) return BAD_CRC;
    this.messageClass = messageClass;
    return length;
  }

  /** True when a frame ending here is followed by the end of the data or by another start byte. */
  private isFrameBoundary(next: number): boolean {
    const bytes = this.bytes;
    if (next === bytes.length || isStartByte(bytes[next])) return true;
    return this.recordGapBytes > 0 && isStartByte(bytes[next + this.recordGapBytes]);
  }
}

function isStartByte(byte: number | undefined): boolean {
  return byte === STX_V2 || byte === STX_V1;
}

/** Total frame length its header claims (header, payload, CRC, signature); the header must be present. */
function claimedLength(bytes: Buffer, offset: number): number {
  const payloadBytes = bytes[offset + 1] as number;
  if (bytes[offset] === STX_V1) return HEADER_V1_BYTES + payloadBytes + CHECKSUM_BYTES;
  const signed = ((bytes[offset + 2] as number) & IFLAG_SIGNED) !== 0;
  return HEADER_V2_BYTES + payloadBytes + CHECKSUM_BYTES + (signed ? SIGNATURE_BYTES : 0);
}
