package motd.stats;

import java.util.Arrays;
import java.util.List;

/**
 * AWS CloudFront standard logs: tab-separated fields in the order its {@code #Fields} header names,
 * dates in UTC. Only the fields a fetch is counted by are located; the client address, user agent,
 * referrer, cookies and time are stepped over.
 */
final class CloudFrontFormat extends LineFormat {
  /** The documented order of the 33 fields, used until a {@code #Fields} line says otherwise. */
  static final List<String> DEFAULT_FIELDS =
      List.of(
          "date",
          "time",
          "x-edge-location",
          "sc-bytes",
          "c-ip",
          "cs-method",
          "cs(Host)",
          "cs-uri-stem",
          "sc-status",
          "cs(Referer)",
          "cs(User-Agent)",
          "cs-uri-query",
          "cs(Cookie)",
          "x-edge-result-type",
          "x-edge-request-id",
          "x-host-header",
          "cs-protocol",
          "cs-bytes",
          "time-taken",
          "x-forwarded-for",
          "ssl-protocol",
          "ssl-cipher",
          "x-edge-response-result-type",
          "cs-protocol-version",
          "fle-status",
          "fle-encrypted-fields",
          "c-port",
          "time-to-first-byte",
          "x-edge-detailed-result-type",
          "sc-content-type",
          "sc-content-len",
          "sc-range-start",
          "sc-range-end");

  private static final int DATE = 0;
  private static final int METHOD = 1;
  private static final int STEM = 2;
  private static final int STATUS = 3;
  private static final int QUERY = 4;
  private static final int HOST_HEADER = 5;
  private static final int CS_HOST = 6;
  private static final String[] WANTED = {
    "date", "cs-method", "cs-uri-stem", "sc-status", "cs-uri-query", "x-host-header", "cs(Host)"
  };

  /** The column of each wanted field, or -1. */
  private final int[] column = new int[WANTED.length];

  /** The wanted field in each column up to the last wanted one, or -1. */
  private int[] wantedAt;

  private final int[] starts = new int[WANTED.length];
  private final int[] ends = new int[WANTED.length];

  CloudFrontFormat() {
    fields(DEFAULT_FIELDS);
  }

  private void fields(List<String> names) {
    Arrays.fill(column, -1);
    int last = -1;
    for (int c = 0; c < names.size(); c++) {
      for (int w = 0; w < WANTED.length; w++) {
        if (WANTED[w].equals(names.get(c)) && column[w] < 0) {
          column[w] = c;
          last = Math.max(last, c);
        }
      }
    }
    wantedAt = new int[last + 1];
    Arrays.fill(wantedAt, -1);
    for (int w = 0; w < WANTED.length; w++) {
      if (column[w] >= 0) {
        wantedAt[column[w]] = w;
      }
    }
  }

  @Override
  LineFormat copy() {
    CloudFrontFormat c = new CloudFrontFormat();
    System.arraycopy(column, 0, c.column, 0, column.length);
    c.wantedAt = wantedAt.clone();
    return c;
  }

  @Override
  boolean splittable() {
    return false; // a #Fields line anywhere changes how the lines after it are read
  }

  @Override
  Problem locate(byte[] b, int from, int to, RequestFields r) {
    if (from == to) {
      return Problem.EMPTY;
    }
    if (b[from] == '#') {
      if (startsWith(b, from, to, "#Fields:")) {
        // Field names are ASCII words; this header holds nothing about any client.
        String header =
            new String(b, from + 8, to - from - 8, java.nio.charset.StandardCharsets.US_ASCII);
        fields(List.of(header.trim().split("\\s+")));
      }
      return Problem.HEADER;
    }
    if (column[DATE] < 0 || column[METHOD] < 0 || column[STEM] < 0 || column[STATUS] < 0) {
      return Problem.MISSING_FIELD;
    }
    Arrays.fill(starts, -1);
    int c = 0;
    int start = from;
    while (c < wantedAt.length) {
      int tab = indexOf(b, (byte) '\t', start, to);
      int end = tab < 0 ? to : tab;
      int w = wantedAt[c];
      if (w >= 0) {
        starts[w] = start;
        ends[w] = end;
      }
      c++;
      if (tab < 0) {
        break;
      }
      start = tab + 1;
    }
    if (c < wantedAt.length) {
      return Problem.TOO_FEW_FIELDS;
    }
    long day = Times.isoDate(b, starts[DATE], ends[DATE]);
    if (day == Times.BAD || ends[DATE] - starts[DATE] != 10) {
      return Problem.BAD_TIME;
    }
    r.epochDay = day;
    r.methodFrom = starts[METHOD];
    r.methodTo = ends[METHOD];
    r.pathFrom = starts[STEM];
    r.pathTo = ends[STEM];
    if (starts[QUERY] >= 0 && !(ends[QUERY] - starts[QUERY] == 1 && b[starts[QUERY]] == '-')) {
      r.queryFrom = starts[QUERY];
      r.queryTo = ends[QUERY];
    }
    if (ends[STATUS] - starts[STATUS] != 3) {
      return Problem.NO_STATUS;
    }
    int status = Times.digits(b, starts[STATUS], 3);
    if (status < 0) {
      return Problem.NO_STATUS;
    }
    r.status = status;
    int host = starts[HOST_HEADER] >= 0 ? HOST_HEADER : CS_HOST;
    if (starts[host] >= 0 && !(ends[host] - starts[host] == 1 && b[starts[host]] == '-')) {
      r.hostFrom = starts[host];
      r.hostTo = ends[host];
    }
    return Problem.NONE;
  }

  @Override
  boolean recognises(byte[] b, int from, int to) {
    if (startsWith(b, from, to, "#Version:") || startsWith(b, from, to, "#Fields:")) {
      return true;
    }
    RequestFields r = new RequestFields();
    r.clear(b);
    return indexOf(b, (byte) '\t', from, to) > 0 && copy().locate(b, from, to, r) == Problem.NONE;
  }
}
