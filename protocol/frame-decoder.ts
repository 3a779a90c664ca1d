import { MavLinkProtocolV2, type MavLinkData, type MavLinkDataConstructor, type MavLinkProtocol } from 'node-mavlink';
import type { DecodedFrame } from './received-message.ts';

const STX_V2 = 0xfd;
const IFLAG_SIGNED = 0x01;
/** Longest MAVLink payload. */
const MAX_PAYLOAD_BYTES = 255;

/**
 * Turns a frame already found and CRC-checked by FrameScanner into a DecodedFrame. MAVLink 2 senders
 * trim trailing zero bytes and MAVLink 1 frames carry no extension fields, so a short payload is
 * zero-padded (in a scratch buffer owned by this instance, not a fresh one per packet) before
 * node-mavlink's deserialiser reads it; the deserialiser copies every value out.
 */
export class FrameDecoder {
  // Only its data() deserialiser is used; it is the same for both protocol versions.
  private readonly protocol: MavLinkProtocol = new MavLinkProtocolV2();
  private readonly scratch = Buffer.alloc(MAX_PAYLOAD_BYTES);

  /** Decodes the frame at bytes[start, start + length); `raw` is a view of `bytes`, not a copy. */
  decode(
    bytes: Buffer,
    start: number,
    length: number,
    messageClass: MavLinkDataConstructor<MavLinkData>,
    receivedAtMs: number,
  ): DecodedFrame {
    const isV2 = bytes[start] === STX_V2;
    const payloadStart = start + (isV2 ? 10 : 6);
    const payloadBytes = bytes[start + 1] as number;
    let payload: Buffer;
    if (payloadBytes < messageClass.PAYLOAD_LENGTH) {
      payload = this.scratch;
      bytes.copy(payload, 0, payloadStart, payloadStart + payloadBytes);
      payload.fill(0, payloadBytes, messageClass.PAYLOAD_LENGTH);
    } else {
      payload = bytes.subarray(payloadStart, payloadStart + payloadBytes);
    }
    return {
      systemId: bytes[start + (isV2 ? 5 : 3)] as number,
      componentId: bytes[start + (isV2 ? 6 : 4)] as number,
      sequence: bytes[start + (isV2 ? 4 : 2)] as number,
      messageId: messageClass.MSG_ID,
      protocolVersion: isV2 ? 2 : 1,
      isSigned: isV2 && ((bytes[start + 2] as number) & IFLAG_SIGNED) !== 0,
      name: messageClass.MSG_NAME,
      data: this.protocol.data(payload, messageClass),
      raw: bytes.subarray(start, start + length),
      receivedAtMs,
    };
  }
}
