/** One decoded MAVLink frame: header fields, the mavlink-mappings data instance and the raw frame bytes. */
export interface DecodedFrame {
  systemId: number;
  componentId: number;
  /** Sender's packet sequence number, 0–255. */
  sequence: number;
  messageId: number;
  protocolVersion: 1 | 2;
  /** True for a MAVLink 2 frame with the signed flag (IFLAG_SIGNED) and its 13-byte signature; check it with SignatureVerifier. */
  isSigned: boolean;
  /** MAVLink message name, e.g. 'HEARTBEAT'. */
  name: string;
  /** The mavlink-mappings MavLinkData instance (narrow with instanceof, e.g. `common.GlobalPositionInt`). */
  data: unknown;
  /** The whole frame as received (signature included); a view of the pushed bytes, kept for .tlog evidence. */
  raw: Buffer;
  /** When the bytes arrived (ms since the Unix epoch, from the decoder's clock or the .tlog record). */
  receivedAtMs: number;
}

/** A decoded MAVLink message with its header and raw bytes (raw kept for .tlog evidence), tagged with its link. */
export interface ReceivedMessage extends DecodedFrame {
  /** Id of the link it came in on, e.g. 'udp-14550'. */
  linkId: string;
  /** Where it came from, e.g. '127.0.0.1:53211'. */
  remote: string;
}
