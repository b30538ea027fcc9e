package motd.stats;

/**
 * Caddy's JSON access log, one object per line: {@code ts}, {@code status} and, inside {@code
 * request}, {@code method}, {@code host} and {@code uri}. Every other member (the client address,
 * headers, TLS details) is skipped by a scanner that only matches brackets and quotes.
 */
final class CaddyFormat extends LineFormat {
  private byte[] b;
  private int pos;
  private int end;
  private byte[] uriScratch = new byte[256];
  private byte[] hostScratch = new byte[256];
  private boolean sawTs;
  private boolean sawStatus;
  private boolean sawUri;
  private long day;

  @Override
  LineFormat copy() {
    return new CaddyFormat();
  }

  @Override
  Problem locate(byte[] line, int from, int to, RequestFields r) {
    b = line;
    pos = from;
    end = to;
    sawTs = sawStatus = sawUri = false;
    day = Times.BAD;
    skipWs();
    if (from == to) {
      return Problem.EMPTY;
    }
    if (pos >= end || b[pos] != '{') {
      return Problem.NOT_JSON;
    }
    if (!object(0, r)) {
      return Problem.NOT_JSON;
    }
    skipWs();
    if (pos != end) {
      return Problem.NOT_JSON;
    }
    if (!sawTs || !sawStatus || !sawUri || r.methodTo <= r.methodFrom) {
      return Problem.MISSING_FIELD;
    }
    if (day == Times.BAD) {
      return Problem.BAD_TIME;
    }
    r.epochDay = day;
    return Problem.NONE;
  }

  /** At '{': reads the object's members; depth 0 is the line, depth 1 its request. */
  private boolean object(int depth, RequestFields r) {
    pos++;
    skipWs();
    if (pos < end && b[pos] == '}') {
      pos++;
      return true;
    }
    while (true) {
      skipWs();
      if (pos >= end || b[pos] != '"') {
        return false;
      }
      int keyFrom = pos + 1;
      int keyTo = stringEnd(pos);
      if (keyTo < 0) {
        return false;
      }
      pos = keyTo + 1;
      skipWs();
      if (pos >= end || b[pos] != ':') {
        return false;
      }
      pos++;
      skipWs();
      if (pos >= end) {
        return false;
      }
      boolean ok;
      if (depth == 0 && is(keyFrom, keyTo, "request") && b[pos] == '{') {
        ok = object(1, r);
      } else if (depth == 0 && is(keyFrom, keyTo, "ts")) {
        ok = ts();
      } else if (depth == 0 && is(keyFrom, keyTo, "status")) {
        ok = status(r);
      } else if (depth == 1 && b[pos] == '"' && is(keyFrom, keyTo, "method")) {
        int s = pos + 1;
        int e = stringEnd(pos);
        ok = e >= 0;
        if (ok) {
          r.methodBuf = b;
          r.methodFrom = s;
          r.methodTo = e;
          pos = e + 1;
        }
      } else if (depth == 1 && b[pos] == '"' && is(keyFrom, keyTo, "uri")) {
        ok = uri(r);
      } else if (depth == 1 && b[pos] == '"' && is(keyFrom, keyTo, "host")) {
        ok = host(r);
      } else {
        ok = skipValue();
      }
      if (!ok) {
        return false;
      }
      skipWs();
      if (pos >= end) {
        return false;
      }
      if (b[pos] == ',') {
        pos++;
      } else if (b[pos] == '}') {
        pos++;
        return true;
      } else {
        return false;
      }
    }
  }

  private boolean is(int from, int to, String key) {
    if (to - from != key.length()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (b[from + i] != key.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The index of the quote that closes the string opening at {@code at}, or -1. */
  private int stringEnd(int at) {
    int i = at + 1;
    while (i < end) {
      byte c = b[i];
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i;
      } else {
        i++;
      }
    }
    return -1;
  }

  private boolean uri(RequestFields r) {
    int s = pos + 1;
    int e = stringEnd(pos);
    if (e < 0) {
      return false;
    }
    pos = e + 1;
    r.buf = b;
    if (indexOf(b, (byte) '\\', s, e) >= 0) {
      uriScratch = ensure(uriScratch, e - s);
      int n = unescape(b, s, e, uriScratch);
      if (n < 0) {
        return false;
      }
      r.buf = uriScratch;
      s = 0;
      e = n;
    }
    sawUri = true;
    r.pathFrom = s;
    int q = indexOf(r.buf, (byte) '?', s, e);
    if (q < 0) {
      r.pathTo = e;
    } else {
      r.pathTo = q;
      r.queryFrom = q + 1;
      r.queryTo = e;
    }
    return true;
  }

  private boolean host(RequestFields r) {
    int s = pos + 1;
    int e = stringEnd(pos);
    if (e < 0) {
      return false;
    }
    pos = e + 1;
    if (indexOf(b, (byte) '\\', s, e) >= 0) {
      hostScratch = ensure(hostScratch, e - s);
      int n = unescape(b, s, e, hostScratch);
      if (n < 0) {
        return false;
      }
      r.hostBuf = hostScratch;
      r.hostFrom = 0;
      r.hostTo = n;
    } else {
      r.hostBuf = b;
      r.hostFrom = s;
      r.hostTo = e;
    }
    return true;
  }

  private static byte[] ensure(byte[] buf, int n) {
    return buf.length >= n ? buf : new byte[Math.max(n, buf.length * 2)];
  }

  /** Decodes JSON string escapes of {@code src[from..to)} into {@code dst}; its length or -1. */
  static int unescape(byte[] src, int from, int to, byte[] dst) {
    int o = 0;
    int i = from;
    while (i < to) {
      byte c = src[i];
      if (c != '\\') {
        dst[o++] = c;
        i++;
        continue;
      }
      if (i + 1 >= to) {
        return -1;
      }
      byte e = src[i + 1];
      i += 2;
      switch (e) {
        case '"', '\\', '/' -> dst[o++] = e;
        case 'b' -> dst[o++] = '\b';
        case 'f' -> dst[o++] = '\f';
        case 'n' -> dst[o++] = '\n';
        case 'r' -> dst[o++] = '\r';
        case 't' -> dst[o++] = '\t';
        case 'u' -> {
          if (i + 4 > to) {
            return -1;
          }
          int cp = 0;
          for (int k = 0; k < 4; k++) {
            int h = Character.digit(src[i + k], 16);
            if (h < 0) {
              return -1;
            }
            cp = cp * 16 + h;
          }
          i += 4;
          // \\uXXXX is at most 3 bytes of UTF-8, never more than the 6 bytes it replaces.
          if (cp < 0x80) {
            dst[o++] = (byte) cp;
          } else if (cp < 0x800) {
            dst[o++] = (byte) (0xC0 | (cp >> 6));
            dst[o++] = (byte) (0x80 | (cp & 0x3F));
          } else {
            dst[o++] = (byte) (0xE0 | (cp >> 12));
            dst[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            dst[o++] = (byte) (0x80 | (cp & 0x3F));
          }
        }
        default -> {
          return -1;
        }
      }
    }
    return o;
  }

  private boolean status(RequestFields r) {
    int s = pos;
    int v = 0;
    while (pos < end && b[pos] >= '0' && b[pos] <= '9' && pos - s < 4) {
      v = v * 10 + (b[pos] - '0');
      pos++;
    }
    if (pos == s || pos - s > 3) {
      return false;
    }
    r.status = v;
    sawStatus = true;
    return true;
  }

  /** Seconds since the epoch as a number, or an RFC 3339 string. */
  private boolean ts() {
    sawTs = true;
    if (b[pos] == '"') {
      int e = stringEnd(pos);
      if (e < 0) {
        return false;
      }
      day = Times.rfc3339Day(b, pos + 1, e);
      pos = e + 1;
      return true;
    }
    boolean negative = false;
    if (b[pos] == '-') {
      negative = true;
      pos++;
    }
    long mantissa = 0;
    int exponent = 0;
    int digits = 0;
    boolean fraction = false;
    int start = pos;
    while (pos < end) {
      byte c = b[pos];
      if (c >= '0' && c <= '9') {
        if (digits < 18) {
          mantissa = mantissa * 10 + (c - '0');
          digits += mantissa == 0 ? 0 : 1;
          if (fraction) {
            exponent--;
          }
        } else if (!fraction) {
          exponent++;
        }
      } else if (c == '.' && !fraction) {
        fraction = true;
      } else {
        break;
      }
      pos++;
    }
    if (pos == start) {
      return false;
    }
    if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
      pos++;
      int sign = 1;
      if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
        sign = b[pos] == '-' ? -1 : 1;
        pos++;
      }
      int e = 0;
      int es = pos;
      while (pos < end && b[pos] >= '0' && b[pos] <= '9' && pos - es < 4) {
        e = e * 10 + (b[pos] - '0');
        pos++;
      }
      if (pos == es) {
        return false;
      }
      exponent += sign * e;
    }
    if (negative || exponent > 10 || exponent < -30) {
      day = Times.BAD;
      return true;
    }
    double seconds = mantissa * Math.pow(10, exponent);
    day = Math.floorDiv((long) Math.floor(seconds), 86400L);
    return true;
  }

  private boolean skipValue() {
    if (pos >= end) {
      return false;
    }
    byte c = b[pos];
    if (c == '"') {
      int e = stringEnd(pos);
      if (e < 0) {
        return false;
      }
      pos = e + 1;
      return true;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      while (pos < end) {
        c = b[pos];
        if (c == '"') {
          int e = stringEnd(pos);
          if (e < 0) {
            return false;
          }
          pos = e + 1;
          continue;
        }
        if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          depth--;
          if (depth == 0) {
            pos++;
            return true;
          }
        }
        pos++;
      }
      return false;
    }
    int s = pos;
    while (pos < end) {
      c = b[pos];
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t') {
        break;
      }
      pos++;
    }
    return pos > s;
  }

  private void skipWs() {
    while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\r')) {
      pos++;
    }
  }

  @Override
  boolean recognises(byte[] line, int from, int to) {
    RequestFields r = new RequestFields();
    r.clear(line);
    return new CaddyFormat().locate(line, from, to, r) == Problem.NONE;
  }
}
