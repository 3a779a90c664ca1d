/**
 * Counts packets lost from gaps in each sender's sequence numbers, keyed by (system id, component id),
 * the way pymavlink's mavutil does: the first packet of a sender sets the baseline; a gap of n adds n.
 */
export class PacketLossCounter {
  private readonly lastSequence = new Map<number, number>();

  /** Records one packet; returns how many packets the gap before it says were lost (0–255). */
  observe(systemId: number, componentId: number, sequence: number): number {
    const key = (systemId << 8) | componentId;
    const last = this.lastSequence.get(key);
    this.lastSequence.set(key, sequence);
    if (last === undefined) return 0;
    return (sequence - last - 1) & 0xff;
  }
}
