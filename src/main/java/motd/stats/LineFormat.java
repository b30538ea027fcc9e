package motd.stats;

/**
 * One log format: finds the method, path, query, status, day and host of a line by scanning its
 * bytes, and copies nothing. The client address, user agent, referrer and time of day are stepped
 * over, never read into anything.
 */
abstract class LineFormat {
  /**
   * Fills {@code r} from the line {@code b[from..to)} (without its line end).
   *
   * @return {@link Problem#NONE}, {@link Problem#HEADER} for a line that describes the log rather
   *     than a request, or what makes the line malformed
   */
  abstract Problem locate(byte[] b, int from, int to, RequestFields r);

  /** Whether the line is certainly of this format: stricter than {@link #locate}, for auto. */
  abstract boolean recognises(byte[] b, int from, int to);

  /** An instance for one worker; formats that keep state per file return a copy. */
  LineFormat copy() {
    return this;
  }

  /** Whether a large file may be cut into parts at any line and parsed in parallel. */
  boolean splittable() {
    return true;
  }

  static int indexOf(byte[] b, byte c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  static boolean startsWith(byte[] b, int from, int to, String prefix) {
    if (to - from < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (b[from + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
