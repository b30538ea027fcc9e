package motd.stats;

import java.util.List;

/** The log formats {@code ingest} reads ({@code --format}). */
public enum LogFormat {
  /** Recognise each file's format from its first lines. */
  AUTO("auto"),
  /** nginx's and Apache's {@code combined}. */
  COMBINED("combined"),
  /** Apache's {@code common}. */
  COMMON("common"),
  /** Apache's {@code vhost_combined}: {@code host:port} first. */
  VCOMBINED("vcombined"),
  /** AWS CloudFront standard logs. */
  CLOUDFRONT("cloudfront"),
  /** Caddy's JSON access log. */
  CADDY("caddy");

  private final String label;

  LogFormat(String label) {
    this.label = label;
  }

  /** The name {@code --format} takes. */
  public String label() {
    return label;
  }

  /** The format named {@code label}, or null. */
  public static LogFormat byLabel(String label) {
    for (LogFormat f : values()) {
      if (f.label.equals(label)) {
        return f;
      }
    }
    return null;
  }

  /** The formats auto tries, most particular first. */
  static final List<LogFormat> DETECTABLE = List.of(CLOUDFRONT, CADDY, VCOMBINED, COMBINED, COMMON);

  LineFormat create() {
    return switch (this) {
      case AUTO -> throw new IllegalStateException("auto is not a format");
      case COMBINED -> new AccessLogFormat(AccessLogFormat.Kind.COMBINED);
      case COMMON -> new AccessLogFormat(AccessLogFormat.Kind.COMMON);
      case VCOMBINED -> new AccessLogFormat(AccessLogFormat.Kind.VCOMBINED);
      case CLOUDFRONT -> new CloudFrontFormat();
      case CADDY -> new CaddyFormat();
    };
  }

  /**
   * The format most of the first lines of {@code prefix} are certainly in, or null.
   *
   * @param complete whether {@code prefix} is the whole content (else its last line may be cut)
   */
  static LogFormat detect(byte[] prefix, boolean complete) {
    int end = prefix.length;
    if (!complete) {
      int last = end - 1;
      while (last >= 0 && prefix[last] != '\n') {
        last--;
      }
      end = last + 1;
    }
    List<int[]> sample = new java.util.ArrayList<>();
    int pos = 0;
    while (pos < end && sample.size() < 50) {
      int nl = Newlines.next(prefix, pos, end);
      int lineEnd = nl < 0 ? end : nl;
      int to = lineEnd > pos && prefix[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
      if (to > pos && !blank(prefix, pos, to)) {
        sample.add(new int[] {pos, to});
      }
      pos = lineEnd + 1;
    }
    LogFormat best = null;
    int bestCount = 0;
    for (LogFormat f : DETECTABLE) {
      LineFormat lf = f.create();
      int count = 0;
      for (int[] line : sample) {
        if (lf.recognises(prefix, line[0], line[1])) {
          count++;
        }
      }
      if (count > bestCount) {
        best = f;
        bestCount = count;
      }
    }
    return best;
  }

  /** Whether {@code prefix} holds nothing but blank lines. */
  static boolean noLines(byte[] prefix) {
    return blank(prefix, 0, prefix.length);
  }

  private static boolean blank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n') {
        return false;
      }
    }
    return true;
  }
}
