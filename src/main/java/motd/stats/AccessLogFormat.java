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
    COMBINED("combined"),
    COMMON("common"),
    VCOMBINED("vcombined");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  private final Kind kind;

  AccessLogFormat(Kind kind) {
    this.kind = kind;
  }

  @Override
  String name() {
    return kind.label;
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
    int lb = indexOf(b, (byte) '[', p, to);
    if (lb < 0) {
      return Problem.NO_TIME;
    }
    if (strict && tokens(b, p, lb) != 3) {
      return Problem.NO_TIME;
    }
    if (lb + 30 > to || b[lb + 27] != ']') {
      return Problem.BAD_TIME;
    }
    long day = Times.accessLogDay(b, lb + 1);
    if (day == Times.BAD) {
      return Problem.BAD_TIME;
    }
    r.epochDay = day;
    if (b[lb + 28] != ' ' || b[lb + 29] != '"') {
      return Problem.NO_REQUEST;
    }
    int rs = lb + 30;
    int re = rs;
    while (re < to) {
      byte c = b[re];
      if (c == '\\') {
        re += 2;
      } else if (c == '"') {
        break;
      } else {
        re++;
      }
    }
    if (re >= to) {
      return Problem.NO_REQUEST;
    }
    int sp1 = indexOf(b, (byte) ' ', rs, re);
    if (sp1 < 0) {
      r.methodFrom = rs;
      r.methodTo = re;
      r.pathFrom = r.pathTo = re;
    } else {
      r.methodFrom = rs;
      r.methodTo = sp1;
      int sp2 = indexOf(b, (byte) ' ', sp1 + 1, re);
      int targetEnd = sp2 < 0 ? re : sp2;
      r.pathFrom = sp1 + 1;
      int q = indexOf(b, (byte) '?', sp1 + 1, targetEnd);
      if (q < 0) {
        r.pathTo = targetEnd;
      } else {
        r.pathTo = q;
        r.queryFrom = q + 1;
        r.queryTo = targetEnd;
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
