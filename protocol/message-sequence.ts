/** A sender's MAVLink packet sequence number, 0–255 wrapping; one per sender (never shared between streams). */
export class MessageSequence {
  private value: number;

  /** @param start first number handed out, 0–255 (default 0); throws otherwise. */
  constructor(start = 0) {
    if (!Number.isInteger(start) || start < 0 || start > 255) {
      throw new Error(`MessageSequence: start must be an integer 0–255, got ${start}`);
    }
    this.value = start;
  }

  /** Returns the next sequence number to send, then advances (255 wraps to 0). */
  next(): number {
    const current = this.value;
    this.value = (current + 1) & 0xff;
    return current;
  }
}
