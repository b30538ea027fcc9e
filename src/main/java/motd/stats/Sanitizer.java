package motd.stats;

/**
 * The one place that decides what of a request is kept: the UTC day, whether it was a targeted or a
 * generic fetch, and for a targeted fetch its version, platform, os, Python version, language and
 * way in, each checked against the {@link Allowlist} ({@code other} if not on it). It is handed
 * offsets into the line by a {@link LineFormat} and never sees the client address, the user agent,
 * the referrer or the time of day.
 *
 * <p>A fetch is counted when the path is exactly {@code /motd/SEGMENT/motd.json} (any query), the
 * method GET or HEAD, the status 200 or 304, and the day between 2000-01-01 and the day after the
 * ingest. {@code SEGMENT} {@code latest} is a generic fetch; any other is targeted, split at its
 * last {@code -} into version and os ({@code 1.0.0rc6-linux2}; no {@code -}: the whole segment is
 * the version and the os is {@code other}).
 */
final class Sanitizer {
  static final int TARGETED = -1;
  static final int GENERIC = -2;

  /** 2000-01-01. */
  static final long MIN_DAY = Times.epochDay(2000, 1, 1);

  private static final byte[] MOTD_DIR = ascii("/motd/");
  private static final byte[] MOTD_JSON = ascii("/motd.json");
  private static final byte[] LATEST = ascii("latest");
  private static final byte[] LANG = ascii("lang=");
  private static final byte[] PY = ascii("py=");

  private final Allowlist allow;
  private final Via via;
  private final long maxDay;

  /**
   * @param via the way in for every fetch, or null to take it from the request's host
   * @param maxDay the last day a fetch may be dated (days since 1970)
   */
  Sanitizer(Allowlist allow, Via via, long maxDay) {
    this.allow = allow;
    this.via = via;
    this.maxDay = maxDay;
  }

  /**
   * Counts the request into {@code tally}.
   *
   * @return {@link #TARGETED}, {@link #GENERIC}, or the ordinal of the {@link SkipReason}
   */
  int count(RequestFields r, Tally tally) {
    byte[] b = r.buf;
    int pf = r.pathFrom;
    int pt = r.pathTo;
    if (pt - pf < 17 || !at(b, pf, MOTD_DIR) || !at(b, pt - 10, MOTD_JSON)) {
      return SkipReason.NOT_MOTD.ordinal();
    }
    int segFrom = pf + 6;
    int segTo = pt - 10;
    if (LineFormat.indexOf(b, (byte) '/', segFrom, segTo) >= 0) {
      return SkipReason.NOT_MOTD.ordinal();
    }
    if (!getOrHead(r.methodBuf, r.methodFrom, r.methodTo)) {
      return SkipReason.METHOD.ordinal();
    }
    if (r.status != 200 && r.status != 304) {
      return SkipReason.STATUS.ordinal();
    }
    if (r.epochDay < MIN_DAY || r.epochDay > maxDay) {
      return SkipReason.OUT_OF_RANGE.ordinal();
    }
    Tally.Day d = tally.day(r.epochDay);
    if (segTo - segFrom == 6 && at(b, segFrom, LATEST)) {
      d.generic++;
      return GENERIC;
    }
    d.targeted++;
    int dash = segTo - 1;
    while (dash >= segFrom && b[dash] != '-') {
      dash--;
    }
    d.version[allow.version(b, segFrom, dash < segFrom ? segTo : dash)]++;
    int os = dash < segFrom ? allow.os.size() : allow.os(b, dash + 1, segTo);
    d.os[os]++;
    d.platform[allow.family(os)]++;
    int py = Allowlist.PY_VALUES;
    int lang = Tally.OTHER_LANG;
    boolean sawPy = false;
    boolean sawLang = false;
    if (r.queryFrom >= 0) {
      int p = r.queryFrom;
      int end = r.queryTo;
      while (p < end) {
        int amp = LineFormat.indexOf(b, (byte) '&', p, end);
        int paramEnd = amp < 0 ? end : amp;
        if (!sawLang && paramEnd - p >= 5 && at(b, p, LANG)) {
          sawLang = true;
          // Only allowed values enter the table, so one found there needs no second check.
          int known = tally.langs.find(b, p + 5, paramEnd);
          if (known >= 0) {
            lang = known;
          } else if (allow.language(b, p + 5, paramEnd)) {
            lang = tally.langs.add(b, p + 5, paramEnd);
          }
        } else if (!sawPy && paramEnd - p >= 3 && at(b, p, PY)) {
          sawPy = true;
          py = Allowlist.py(b, p + 3, paramEnd);
        }
        p = paramEnd + 1;
      }
    }
    d.py[py]++;
    d.lang(lang);
    d.via[(via != null ? via : viaOfHost(r)).ordinal()]++;
    return TARGETED;
  }

  /** {@code tor} for a host ending in {@code .onion} (any port), {@code clearnet} for others. */
  static Via viaOfHost(RequestFields r) {
    if (r.hostFrom < 0) {
      return Via.UNKNOWN;
    }
    byte[] b = r.hostBuf;
    int to = r.hostTo;
    int colon = to - 1;
    while (colon > r.hostFrom && b[colon] >= '0' && b[colon] <= '9') {
      colon--;
    }
    if (colon > r.hostFrom && b[colon] == ':' && colon < to - 1) {
      to = colon;
    }
    if (to > r.hostFrom && b[to - 1] == '.') {
      to--; // a fully qualified name: example.onion.
    }
    if (to <= r.hostFrom || (to - r.hostFrom == 1 && b[r.hostFrom] == '-')) {
      return Via.UNKNOWN;
    }
    if (to - r.hostFrom > 6 && atIgnoreCase(b, to - 6, ".onion")) {
      return Via.TOR;
    }
    return Via.CLEARNET;
  }

  private static boolean getOrHead(byte[] b, int from, int to) {
    int n = to - from;
    return (n == 3 && b[from] == 'G' && b[from + 1] == 'E' && b[from + 2] == 'T')
        || (n == 4
            && b[from] == 'H'
            && b[from + 1] == 'E'
            && b[from + 2] == 'A'
            && b[from + 3] == 'D');
  }

  private static boolean at(byte[] b, int at, byte[] s) {
    for (int i = 0; i < s.length; i++) {
      if (b[at + i] != s[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean atIgnoreCase(byte[] b, int at, String s) {
    for (int i = 0; i < s.length(); i++) {
      int c = b[at + i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
