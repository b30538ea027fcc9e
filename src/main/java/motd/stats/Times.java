package motd.stats;

/** Calendar arithmetic on bytes: no {@code String}, no objects, for the time of every line. */
final class Times {
  /** A day that is no day: an unreadable time. */
  static final long BAD = Long.MIN_VALUE;

  private Times() {}

  /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
  static long epochDay(long y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  static boolean validDate(int y, int m, int d) {
    if (m < 1 || m > 12 || d < 1) {
      return false;
    }
    int days =
        switch (m) {
          case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
          case 4, 6, 9, 11 -> 30;
          default -> 31;
        };
    return d <= days;
  }

  /** {@code n} decimal digits at {@code at}, or -1. */
  static int digits(byte[] b, int at, int n) {
    int v = 0;
    for (int i = at; i < at + n; i++) {
      int c = b[i] - '0';
      if (c < 0 || c > 9) {
        return -1;
      }
      v = v * 10 + c;
    }
    return v;
  }

  /** Two decimal digits at {@code at}, or -1. */
  static int twoDigits(byte[] b, int at) {
    int h = b[at] - '0';
    int l = b[at + 1] - '0';
    return (h | l) < 0 || h > 9 || l > 9 ? -1 : h * 10 + l;
  }

  /** The month number of a three-letter English abbreviation, or -1. */
  static int month(byte a, byte b, byte c) {
    int key = (a << 16) | (b << 8) | c;
    return switch (key) {
      case ('J' << 16) | ('a' << 8) | 'n' -> 1;
      case ('F' << 16) | ('e' << 8) | 'b' -> 2;
      case ('M' << 16) | ('a' << 8) | 'r' -> 3;
      case ('A' << 16) | ('p' << 8) | 'r' -> 4;
      case ('M' << 16) | ('a' << 8) | 'y' -> 5;
      case ('J' << 16) | ('u' << 8) | 'n' -> 6;
      case ('J' << 16) | ('u' << 8) | 'l' -> 7;
      case ('A' << 16) | ('u' << 8) | 'g' -> 8;
      case ('S' << 16) | ('e' << 8) | 'p' -> 9;
      case ('O' << 16) | ('c' << 8) | 't' -> 10;
      case ('N' << 16) | ('o' << 8) | 'v' -> 11;
      case ('D' << 16) | ('e' << 8) | 'c' -> 12;
      default -> -1;
    };
  }

  /**
   * The UTC day of an access-log time {@code dd/Mon/yyyy:HH:mm:ss +hhmm} at {@code at} (26 bytes),
   * or {@link #BAD}.
   */
  static long accessLogDay(byte[] b, int at) {
    long seconds = accessLogSeconds(b, at);
    return seconds == BAD ? BAD : Math.floorDiv(seconds, 86400);
  }

  /** The UTC seconds since 1970 of an access-log time at {@code at}, or {@link #BAD}. */
  static long accessLogSeconds(byte[] b, int at) {
    if (b[at + 2] != '/' || b[at + 6] != '/' || b[at + 11] != ':' || b[at + 14] != ':') {
      return BAD;
    }
    if (b[at + 17] != ':' || b[at + 20] != ' ' || (b[at + 21] != '+' && b[at + 21] != '-')) {
      return BAD;
    }
    int d = digits(b, at, 2);
    int m = month(b[at + 3], b[at + 4], b[at + 5]);
    int y = digits(b, at + 7, 4);
    int hh = digits(b, at + 12, 2);
    int mm = digits(b, at + 15, 2);
    int ss = digits(b, at + 18, 2);
    int oh = digits(b, at + 22, 2);
    int om = digits(b, at + 24, 2);
    if (d < 0 || m < 0 || y < 0 || hh < 0 || mm < 0 || ss < 0 || oh < 0 || om < 0) {
      return BAD;
    }
    if (!validDate(y, m, d) || hh > 23 || mm > 59 || ss > 60 || oh > 23 || om > 59) {
      return BAD;
    }
    int offset = (oh * 3600 + om * 60) * (b[at + 21] == '-' ? -1 : 1);
    return epochDay(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss - offset;
  }

  /** The day of an ISO date {@code yyyy-mm-dd} at {@code at}, or {@link #BAD}. */
  static long isoDate(byte[] b, int at, int to) {
    if (to - at < 10 || b[at + 4] != '-' || b[at + 7] != '-') {
      return BAD;
    }
    int y = digits(b, at, 4);
    int m = digits(b, at + 5, 2);
    int d = digits(b, at + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !validDate(y, m, d)) {
      return BAD;
    }
    return epochDay(y, m, d);
  }

  /**
   * The UTC day of an RFC 3339 time ({@code 2026-11-01T12:00:00.5+01:00}, or {@code Z}) in {@code
   * b[at..to)}, or {@link #BAD}.
   */
  static long rfc3339Day(byte[] b, int at, int to) {
    long day = isoDate(b, at, to);
    if (day == BAD || to - at < 19 || (b[at + 10] != 'T' && b[at + 10] != ' ')) {
      return BAD;
    }
    int hh = digits(b, at + 11, 2);
    int mm = digits(b, at + 14, 2);
    int ss = digits(b, at + 17, 2);
    if (hh < 0 || mm < 0 || ss < 0 || hh > 23 || mm > 59 || ss > 60) {
      return BAD;
    }
    int i = at + 19;
    if (i < to && b[i] == '.') {
      i++;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
    }
    int offset;
    if (i < to && (b[i] == 'Z' || b[i] == 'z') && i + 1 == to) {
      offset = 0;
    } else if (i < to && (b[i] == '+' || b[i] == '-')) {
      int sign = b[i] == '-' ? -1 : 1;
      int oh;
      int om;
      if (to - i == 6 && b[i + 3] == ':') {
        oh = digits(b, i + 1, 2);
        om = digits(b, i + 4, 2);
      } else if (to - i == 5) {
        oh = digits(b, i + 1, 2);
        om = digits(b, i + 3, 2);
      } else {
        return BAD;
      }
      if (oh < 0 || om < 0) {
        return BAD;
      }
      offset = sign * (oh * 3600 + om * 60);
    } else {
      return BAD;
    }
    long seconds = day * 86400 + hh * 3600 + mm * 60 + ss - offset;
    return Math.floorDiv(seconds, 86400);
  }
}
