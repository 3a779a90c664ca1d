/**
 * CRC-16/MCRF4XX ("X.25" in the MAVLink spec) over bytes[start, end), then over `crcExtra`.
 * Same result as node-mavlink's `x25crc`, but without its per-call closure: this runs once per frame.
 * See https://mavlink.io/en/guide/serialization.html#checksum
 */
export function mavlinkCrc(bytes: Uint8Array, start: number, end: number, crcExtra: number): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) crc = accumulate(crc, bytes[i] as number);
  return accumulate(crc, crcExtra);
}

function accumulate(crc: number, byte: number): number {
  let tmp = (byte ^ crc) & 0xff;
  tmp = (tmp ^ (tmp << 4)) & 0xff;
  return ((crc >> 8) ^ (tmp << 8) ^ (tmp << 3) ^ (tmp >> 4)) & 0xffff;
}
