import type { MavLinkData, MavLinkDataConstructor, MavLinkProtocol } from 'node-mavlink';
import type { DecodedFrame } from './received-message.ts';

const STX_V2 = 0xfd;

/**
 * Builds a DecodedFrame from a frame already found and CRC-checked at bytes[start, start + length).
 * MAVLink 2 senders trim trailing zero bytes and MAVLink 1 frames carry no extension fields, so a
 * short payload is zero-padded to the message's full length before node-mavlink deserialises it.
 */
export function decodeFrame(
  bytes: Buffer,
  start: number,
  length: number,
  messageClass: MavLinkDataConstructor<MavLinkData>,
  receivedAtMs: number,
  protocol: MavLinkProtocol,
): DecodedFrame {
  const isV2 = bytes[start] === STX_V2;
  const payloadStart = start + (isV2 ? 10 : 6);
  const payloadBytes = bytes[start + 1] as number;
  let payload = bytes.subarray(payloadStart, payloadStart + payloadBytes);
  if (payloadBytes < messageClass.PAYLOAD_LENGTH) {
    const padded = Buffer.alloc(messageClass.PAYLOAD_LENGTH);
    payload.copy(padded);
    payload = padded;
  }
  return {
    systemId: bytes[start + (isV2 ? 5 : 3)] as number,
    componentId: bytes[start + (isV2 ? 6 : 4)] as number,
    sequence: bytes[start + (isV2 ? 4 : 2)] as number,
    messageId: messageClass.MSG_ID,
    protocolVersion: isV2 ? 2 : 1,
    name: messageClass.MSG_NAME,
    data: protocol.data(payload, messageClass),
    raw: bytes.subarray(start, start + length),
    receivedAtMs,
  };
}
