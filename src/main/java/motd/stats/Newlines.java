package motd.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finding bytes eight at a time (SWAR: a {@code long} holds eight bytes, and a few arithmetic
 * operations flag the ones equal to a given byte): line ends, which every byte of a log goes
 * through, and the few bytes that end the fields of a request.
 */
final class Newlines {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Newlines() {}

  /** {@code c} in each of the eight bytes of a long. */
  static long pattern(char c) {
    return (c & 0xFFL) * ONES;
  }

  /** The high bit of each byte of {@code w} that is zero (exact for the lowest such byte). */
  private static long zeros(long w) {
    return (w - ONES) & ~w & HIGHS;
  }

  /** The index of the first byte of {@code b[from..to)} that is {@code c} (a pattern), or -1. */
  static int next(byte[] b, int from, int to, long c) {
    int i = from;
    while (i + 8 <= to) {
      long t = zeros((long) LONGS.get(b, i) ^ c);
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
      i += 8;
    }
    byte v = (byte) c;
    for (; i < to; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The index of the first byte of {@code b[from..to)} that is one of four (patterns), or -1. Bytes
   * before the one returned are none of them.
   */
  static int nextOf(byte[] b, int from, int to, long c1, long c2, long c3, long c4) {
    int i = from;
    while (i + 8 <= to) {
      long w = (long) LONGS.get(b, i);
      // An exact lowest flag per pattern; their union's lowest bit is the first match overall.
      long t = zeros(w ^ c1) | zeros(w ^ c2) | zeros(w ^ c3) | zeros(w ^ c4);
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
      i += 8;
    }
    byte v1 = (byte) c1;
    byte v2 = (byte) c2;
    byte v3 = (byte) c3;
    byte v4 = (byte) c4;
    for (; i < to; i++) {
      byte v = b[i];
      if (v == v1 || v == v2 || v == v3 || v == v4) {
        return i;
      }
    }
    return -1;
  }

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
