package motd.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Finding line ends eight bytes at a time: the scan every byte of a log goes through. */
final class Newlines {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Newlines() {}

  /** The index of the first {@code '\n'} in {@code b[from..to)}, or -1. */
  static int next(byte[] b, int from, int to) {
    int i = from;
    while (i + 8 <= to) {
      long w = (long) LONGS.get(b, i) ^ NEWLINES;
      // The lowest byte flagged here is the first zero byte of w, i.e. the first newline.
      long t = (w - ONES) & ~w & HIGHS;
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
      i += 8;
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
