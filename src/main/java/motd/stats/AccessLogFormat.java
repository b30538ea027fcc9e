package motd.stats;

/**
 * The access-log formats of nginx and Apache: {@code combined}, {@code common} and Apache's {@code
 * vhost_combined}, whose lines start {@code host:port}. Each line is {@code … [time] "request"
 * status …}; everything before the time (the client address and user) and after the status (size,
 * referrer, user agent) is skipped without being looked at.
 */
final class AccessLogFormat extends LineFormat {
  /** The three variants. */
  enum Kind {
    COMBINED,
    COMMON,
    VCOMBINED
  }

  private static final long BRACKET = Newlines.pattern('[');
  private static final long SPACE = Newlines.pattern(' ');
  private static final long QUOTE = Newlines.pattern('"');
  private static final long BACKSLASH = Newlines.pattern('\\');
  private static final long QUESTION = Newlines.pattern('?');

  private final Kind kind;

  AccessLogFormat(Kind kind) {
    this.kind = kind;
  }

  @Override
  LineFormat copy() {
    return new AccessLogFormat(kind);
  }

  /** The date and zone of the last time read ({@code dd/Mon/yyyy} and {@code +hhmm}). */
  private final byte[] lastDate = new byte[16];

  private long lastMidnight = Long.MIN_VALUE;

  /**
   * The UTC day of the time at {@code at}. Lines come in time order, so the date and zone are
   * nearly always those of the line before, and only the clock needs reading.
   */
  private long day(byte[] b, int at) {
    if (lastMidnight != Long.MIN_VALUE
        && java.util.Arrays.equals(lastDate, 0, 11, b, at, at + 11)
        && java.util.Arrays.equals(lastDate, 11, 16, b, at + 21, at + 26)
        && b[at + 11] == ':'
        && b[at + 14] == ':'
        && b[at + 17] == ':'
        && b[at + 20] == ' ') {
      int hh = Times.twoDigits(b, at + 12);
      int mm = Times.twoDigits(b, at + 15);
      int ss = Times.twoDigits(b, at + 18);
      if (hh < 0 || mm < 0 || ss < 0 || hh > 23 || mm > 59 || ss > 60) {
        return Times.BAD;
      }
      return Math.floorDiv(lastMidnight + hh * 3600 + mm * 60 + ss, 86400);
    }
    long day = Times.accessLogDay(b, at);
    if (day != Times.BAD) {
      System.arraycopy(b, at, lastDate, 0, 11);
      System.arraycopy(b, at + 21, lastDate, 11, 5);
      int hh = Times.twoDigits(b, at + 12);
      int mm = Times.twoDigits(b, at + 15);
      int ss = Times.twoDigits(b, at + 18);
      // midnight of the local date, in UTC seconds: the clock is added back per line
      long seconds = Times.accessLogSeconds(b, at);
      lastMidnight = seconds - (hh * 3600 + mm * 60 + ss);
    }
    return day;
  }

  @Override
  Problem locate(byte[] b, int from, int to, RequestFields r) {
    return locate(b, from, to, r, false);
  }

  private Problem locate(byte[] b, int from, int to, RequestFields r, boolean strict) {
    int p = from;
    if (from == to) {
      return Problem.EMPTY;
    }
    if (kind == Kind.VCOMBINED) {
      int sp = indexOf(b, (byte) ' ', p, to);
      if (sp < 0) {
        return Problem.NO_TIME;
      }
      int colon = sp - 1;
      while (colon > p && b[colon] >= '0' && b[colon] <= '9') {
        colon--;
      }
      boolean port = colon > p && colon < sp - 1 && b[colon] == ':';
      if (strict && !port) {
        return Problem.NO_TIME;
      }
      r.hostFrom = p;
      r.hostTo = port ? colon : sp;
      p = sp + 1;
    }
    int lb = Newlines.next(b, p, to, BRACKET);
    if (lb < 0) {
      return Problem.NO_TIME;
    }
    if (strict && tokens(b, p, lb) != 3) {
      return Problem.NO_TIME;
    }
    if (lb + 30 > to || b[lb + 27] != ']') {
      return Problem.BAD_TIME;
    }
    long day = day(b, lb + 1);
    if (day == Times.BAD) {
      return Problem.BAD_TIME;
    }
    r.epochDay = day;
    if (b[lb + 28] != ' ' || b[lb + 29] != '"') {
      return Problem.NO_REQUEST;
    }
    int rs = lb + 30;
    // One pass: the method up to a space, the target up to a space (noting its '?'), then the
    // protocol up to the closing quote. Apache writes a quote inside the request as \".
    int p1 = Newlines.nextOf(b, rs, to, SPACE, QUOTE, BACKSLASH, SPACE);
    while (p1 >= 0 && b[p1] == '\\') {
      p1 = p1 + 2 >= to ? -1 : Newlines.nextOf(b, p1 + 2, to, SPACE, QUOTE, BACKSLASH, SPACE);
    }
    if (p1 < 0) {
      return Problem.NO_REQUEST;
    }
    r.methodFrom = rs;
    r.methodTo = p1;
    int re;
    if (b[p1] == '"') {
      re = p1; // no target: "-" or junk
      r.pathFrom = r.pathTo = re;
    } else {
      int q = -1;
      int t = Newlines.nextOf(b, p1 + 1, to, SPACE, QUOTE, BACKSLASH, QUESTION);
      while (t >= 0 && (b[t] == '\\' || b[t] == '?')) {
        if (b[t] == '?' && q < 0) {
          q = t;
        }
        int next = b[t] == '\\' ? t + 2 : t + 1;
        t = next >= to ? -1 : Newlines.nextOf(b, next, to, SPACE, QUOTE, BACKSLASH, QUESTION);
      }
      if (t < 0) {
        return Problem.NO_REQUEST;
      }
      r.pathFrom = p1 + 1;
      if (q < 0) {
        r.pathTo = t;
      } else {
        r.pathTo = q;
        r.queryFrom = q + 1;
        r.queryTo = t;
      }
      re = t;
      while (re >= 0 && b[re] != '"') {
        int next = b[re] == '\\' ? re + 2 : re + 1;
        re = next >= to ? -1 : Newlines.nextOf(b, next, to, QUOTE, BACKSLASH, QUOTE, QUOTE);
      }
      if (re < 0) {
        return Problem.NO_REQUEST;
      }
    }
    int s = re + 1;
    if (s + 4 > to || b[s] != ' ') {
      return Problem.NO_STATUS;
    }
    int status = Times.digits(b, s + 1, 3);
    if (status < 0 || (s + 4 < to && b[s + 4] != ' ')) {
      return Problem.NO_STATUS;
    }
    r.status = status;
    if (strict) {
      return strictTail(b, s + 4, to) ? Problem.NONE : Problem.NO_STATUS;
    }
    return Problem.NONE;
  }

  /** After the status: the size, then the end (common) or a quoted referrer (the others). */
  private boolean strictTail(byte[] b, int p, int to) {
    if (p >= to || b[p] != ' ') {
      return false;
    }
    int sizeEnd = p + 1;
    while (sizeEnd < to && b[sizeEnd] != ' ') {
      byte c = b[sizeEnd];
      if ((c < '0' || c > '9') && c != '-') {
        return false;
      }
      sizeEnd++;
    }
    if (sizeEnd == p + 1) {
      return false;
    }
    if (kind == Kind.COMMON) {
      return sizeEnd == to;
    }
    return sizeEnd + 1 < to && b[sizeEnd] == ' ' && b[sizeEnd + 1] == '"';
  }

  private static int tokens(byte[] b, int from, int to) {
    if (to == from || b[to - 1] != ' ') {
      return -1;
    }
    int n = 0;
    boolean in = false;
    for (int i = from; i < to; i++) {
      boolean space = b[i] == ' ';
      if (!space && !in) {
        n++;
      }
      in = !space;
    }
    return n;
  }

  @Override
  boolean recognises(byte[] b, int from, int to) {
    RequestFields r = new RequestFields();
    r.clear(b);
    return locate(b, from, to, r, true) == Problem.NONE;
  }
}
