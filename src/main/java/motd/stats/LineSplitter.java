package motd.stats;

import java.util.Arrays;

/**
 * Cuts blocks of a log, in order, into lines for a {@link LineParser}. A line that spans two blocks
 * is carried over; one longer than {@link #MAX_LINE} is skipped without being kept, so memory stays
 * bounded whatever the input.
 */
final class LineSplitter {
  /** The longest line read; longer ones are malformed. */
  static final int MAX_LINE = Blocks.MAX_LINE;

  private final LineParser parser;
  private byte[] carry = new byte[4096];
  private int carryLength;

  /** Bytes of the unfinished line so far (carried or, when too long, skipped). */
  private long pending;

  private boolean tooLong;
  private long consumed;

  LineSplitter(LineParser parser) {
    this.parser = parser;
  }

  /** The next block of input. */
  void block(byte[] b, int from, int to) {
    if (pending > 0) {
      int nl = Newlines.next(b, from, to);
      if (nl < 0) {
        carry(b, from, to);
        return;
      }
      carry(b, from, nl);
      endPendingLine();
      consumed += 1;
      from = nl + 1;
    }
    while (from < to) {
      int nl = Newlines.next(b, from, to);
      if (nl < 0) {
        carry(b, from, to);
        return;
      }
      parser.line(b, from, nl);
      consumed += nl - from + 1;
      from = nl + 1;
    }
  }

  private void endPendingLine() {
    if (tooLong) {
      parser.overlong();
    } else {
      parser.line(carry, 0, carryLength);
    }
    consumed += pending;
    pending = 0;
    carryLength = 0;
    tooLong = false;
  }

  private void carry(byte[] b, int from, int to) {
    int n = to - from;
    pending += n;
    if (tooLong) {
      return;
    }
    if (carryLength + n > MAX_LINE) {
      tooLong = true;
      carryLength = 0;
      return;
    }
    if (carryLength + n > carry.length) {
      carry = Arrays.copyOf(carry, Math.max(carryLength + n, carry.length * 2));
    }
    System.arraycopy(b, from, carry, carryLength, n);
    carryLength += n;
  }

  /**
   * Ends the input. An unfinished last line is left for the next run: a plain file may still be
   * being written.
   *
   * @return how many bytes of input were read as whole lines
   */
  long finish() {
    return consumed;
  }
}
