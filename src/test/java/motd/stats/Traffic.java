package motd.stats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Generated MOTD traffic whose exact counts are known: every request is drawn from lists that pair
 * what a client sends with the bucket the spec says it lands in (written out by hand here, not
 * computed by the code under test). Every client address, user agent and referrer carries a unique
 * marker, so that a search of every output can prove none survived.
 */
public final class Traffic {
  /** The {@link motd.Fixture#CONFIG} releases, platforms and languages. */
  static final String[][] VERSIONS = {
    {"1.0.0rc6", "1.0.0rc6"},
    {"1.0.0rc5", "1.0.0rc5"},
    {"1.0.0rc6+someone", "other"},
    {"1.0.0rc7.dev1", "other"},
    {"1.0.0RC6", "other"},
  };

  static final int[] VERSION_WEIGHTS = {50, 30, 3, 5, 2};

  /** sys.platform sent, os bucket, platform bucket; null sent means the bare /motd/V/ file. */
  static final String[][] OSES = {
    {"linux2", "linux2", "linux"},
    {"darwin", "darwin", "macos"},
    {"win32", "win32", "windows"},
    {"linux", "linux", "linux"},
    {"cygwin", "cygwin", "windows"},
    {"freebsd11", "freebsd11", "bsd"},
    {"haiku", "other", "other"},
    {"Linux2", "other", "other"},
    {null, "other", "other"},
  };

  static final int[] OS_WEIGHTS = {40, 20, 20, 6, 2, 3, 3, 1, 1};

  /** lang sent (null: no lang parameter), bucket. */
  static final String[][] LANGS = {
    {"en", "en"},
    {"de", "de"},
    {"pt_BR", "pt_BR"},
    {"fr", "fr"},
    {"zh_CN", "zh_CN"},
    {"en_XX", "other"},
    {"english", "other"},
    {"de-DE", "other"},
    {"", "other"},
    {null, "other"},
  };

  static final int[] LANG_WEIGHTS = {45, 20, 10, 8, 3, 2, 2, 2, 1, 3};

  static final String[][] PYS = {
    {"2.7.18", "2.7"},
    {"2.7.16", "2.7"},
    {"3.11.2", "3.11"},
    {"3.9", "3.9"},
    {"2.7.18+evil", "2.7"},
    {"4.0", "other"},
    {"2.07", "other"},
    {null, "other"},
  };

  static final int[] PY_WEIGHTS = {40, 20, 20, 5, 2, 2, 2, 5};

  /** One request, and what it must count as. */
  record Request(
      Instant at,
      int offsetMinutes,
      String method,
      String target,
      int status,
      String ip,
      String userAgent,
      String referrer,
      String host,
      SkipReason skip,
      boolean generic,
      Map<Dimension, String> buckets) {
    LocalDate day() {
      return at.atZone(ZoneOffset.UTC).toLocalDate();
    }
  }

  /** What a log must count to, per UTC day: "targeted", "generic" and "dimension/value". */
  public static final class Truth {
    final SortedMap<LocalDate, SortedMap<String, Long>> days = new TreeMap<>();
    final long[] skipped = new long[SkipReason.values().length];
    long lines;

    void count(Request r, Via via) {
      lines++;
      if (r.skip() != null) {
        skipped[r.skip().ordinal()]++;
        return;
      }
      SortedMap<String, Long> d = days.computeIfAbsent(r.day(), k -> new TreeMap<>());
      if (r.generic()) {
        d.merge("generic", 1L, Long::sum);
        return;
      }
      d.merge("targeted", 1L, Long::sum);
      r.buckets().forEach((dim, v) -> d.merge(dim.key() + "/" + v, 1L, Long::sum));
      d.merge("via/" + via.key(), 1L, Long::sum);
    }

    void malformed() {
      lines++;
      skipped[SkipReason.MALFORMED.ordinal()]++;
    }

    void add(Truth other) {
      other.days.forEach(
          (day, m) ->
              m.forEach(
                  (k, v) ->
                      days.computeIfAbsent(day, x -> new TreeMap<>()).merge(k, v, Long::sum)));
      for (int i = 0; i < skipped.length; i++) {
        skipped[i] += other.skipped[i];
      }
      lines += other.lines;
    }

    long get(LocalDate day, String key) {
      return days.getOrDefault(day, new TreeMap<>()).getOrDefault(key, 0L);
    }
  }

  private final Random random;
  private int serial;
  final List<String> markers = new ArrayList<>();

  public Traffic(long seed) {
    random = new Random(seed);
  }

  private static String pick(Random r, String[][] options, int[] weights, int column) {
    return options[index(r, weights)][column];
  }

  private static int index(Random r, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int x = r.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    throw new IllegalStateException();
  }

  /** {@code perDay} requests on each day from {@code first} to {@code last}, in time order. */
  public List<Request> requests(LocalDate first, LocalDate last, int perDay, List<String> hosts) {
    List<Request> out = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      long start = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
      for (int i = 0; i < perDay; i++) {
        Instant at = Instant.ofEpochSecond(start + (long) i * 86400 / perDay);
        out.add(request(at, hosts.get(random.nextInt(hosts.size()))));
      }
    }
    return out;
  }

  private Request request(Instant at, String host) {
    int n = serial++;
    boolean v6 = n % 5 == 0;
    String ip =
        v6
            ? String.format(Locale.ROOT, "2001:db8:77::%x:%x", 0xa000 + n / 60000, n % 60000)
            : String.format(Locale.ROOT, "198.18.%d.%d", n / 250, n % 250 + 1);
    String ua = "MarkerUA-" + Integer.toHexString(0x100000 + n) + " Mailpile";
    String ref = "https://ref.example/MarkerRef" + n;
    markers.add(ip);
    markers.add("MarkerUA-" + Integer.toHexString(0x100000 + n));
    markers.add("MarkerRef" + n);
    int[] offsets = {0, 0, 120, -420, 330, -60};
    int offset = offsets[random.nextInt(offsets.length)];
    double kind = random.nextDouble();
    String method = "GET";
    int status = random.nextInt(10) == 0 ? 304 : 200;
    SkipReason skip = null;
    boolean generic = false;
    Map<Dimension, String> buckets = Map.of();
    String target;
    if (kind < 0.16) {
      target = random.nextBoolean() ? "/motd/latest/motd.json" : "/motd/latest/motd.json?lang=de";
      generic = true;
    } else if (kind < 0.19) {
      target = "/motd/1.0.0rc6-linux2/motd.json.asc";
      skip = SkipReason.NOT_MOTD;
    } else if (kind < 0.21) {
      target = random.nextBoolean() ? "/index.html" : "/motd/latest/other.json";
      skip = SkipReason.NOT_MOTD;
    } else if (kind < 0.23) {
      target = "/motd/latest/motd.json";
      method = random.nextBoolean() ? "POST" : "DELETE";
      status = 405;
      skip = SkipReason.METHOD;
    } else if (kind < 0.25) {
      target = "/motd/1.0.0rc6-linux2/motd.json?lang=en&py=2.7.18";
      status = random.nextBoolean() ? 404 : 500;
      skip = SkipReason.STATUS;
    } else {
      int v = index(random, VERSION_WEIGHTS);
      int o = index(random, OS_WEIGHTS);
      int l = index(random, LANG_WEIGHTS);
      int p = index(random, PY_WEIGHTS);
      StringBuilder t = new StringBuilder("/motd/").append(VERSIONS[v][0]);
      if (OSES[o][0] != null) {
        t.append('-').append(OSES[o][0]);
      }
      t.append("/motd.json");
      List<String> params = new ArrayList<>();
      if (LANGS[l][0] != null) {
        params.add("lang=" + LANGS[l][0]);
      }
      if (PYS[p][0] != null) {
        params.add("py=" + PYS[p][0]);
      }
      if (!params.isEmpty()) {
        t.append('?').append(String.join("&", params));
      }
      target = t.toString();
      method = random.nextInt(20) == 0 ? "HEAD" : "GET";
      buckets =
          Map.of(
              Dimension.VERSION, VERSIONS[v][1],
              Dimension.OS, OSES[o][1],
              Dimension.PLATFORM, OSES[o][2],
              Dimension.LANG, LANGS[l][1],
              Dimension.PY, PYS[p][1]);
    }
    return new Request(
        at, offset, method, target, status, ip, ua, ref, host, skip, generic, buckets);
  }

  private static final DateTimeFormatter ACCESS_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", Locale.ENGLISH);

  /** A line in nginx's and Apache's combined format. */
  static String combined(Request r) {
    return r.ip()
        + " - - ["
        + accessTime(r)
        + "] \""
        + r.method()
        + " "
        + r.target()
        + " HTTP/1.1\" "
        + r.status()
        + " 612 \""
        + r.referrer()
        + "\" \""
        + r.userAgent()
        + "\"";
  }

  /** A line in Apache's vhost_combined format. */
  static String vcombined(Request r) {
    return r.host() + ":80 " + combined(r);
  }

  private static String accessTime(Request r) {
    ZoneOffset zone = ZoneOffset.ofTotalSeconds(r.offsetMinutes() * 60);
    int abs = Math.abs(r.offsetMinutes());
    return ACCESS_TIME.format(r.at().atOffset(zone))
        + String.format(
            Locale.ROOT, " %s%02d%02d", r.offsetMinutes() < 0 ? "-" : "+", abs / 60, abs % 60);
  }

  /** A line of Caddy's JSON access log. */
  static String caddy(Request r) {
    String uri = r.target().replace("&", "\\u0026");
    return "{\"level\":\"info\",\"ts\":"
        + r.at().getEpochSecond()
        + "."
        + (100000 + r.ip().length())
        + ",\"logger\":\"http.log.access.log0\",\"msg\":\"handled request\",\"request\":{\"remote_ip\":\""
        + r.ip()
        + "\",\"remote_port\":\"41234\",\"client_ip\":\""
        + r.ip()
        + "\",\"proto\":\"HTTP/1.1\",\"method\":\""
        + r.method()
        + "\",\"host\":\""
        + r.host()
        + "\",\"uri\":\""
        + uri
        + "\",\"headers\":{\"User-Agent\":[\""
        + r.userAgent()
        + "\"],\"Referer\":[\""
        + r.referrer()
        + "\"],\"Accept\":[\"*/*\"]}},\"bytes_read\":0,"
        + "\"user_id\":\"\",\"duration\":0.000311,\"size\":612,\"status\":"
        + r.status()
        + ",\"resp_headers\":{\"Content-Type\":[\"application/json\"]}}";
  }

  /** The documented 33-field #Fields line of CloudFront standard logs. */
  static final String CLOUDFRONT_FIELDS =
      "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status"
          + " cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id"
          + " x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher"
          + " x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port"
          + " time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len"
          + " sc-range-start sc-range-end";

  /** A line of a CloudFront standard log in the documented field order. */
  static String cloudfront(Request r) {
    String t = r.target();
    int q = t.indexOf('?');
    String stem = q < 0 ? t : t.substring(0, q);
    String query = q < 0 ? "-" : t.substring(q + 1);
    String time = r.at().atOffset(ZoneOffset.UTC).toLocalTime().toString();
    if (time.length() == 5) {
      time += ":00";
    }
    return String.join(
        "\t",
        r.at().atOffset(ZoneOffset.UTC).toLocalDate().toString(),
        time,
        "FRA56-P4",
        "612",
        r.ip(),
        r.method(),
        "d111111abcdef8.cloudfront.net",
        stem,
        String.valueOf(r.status()),
        r.referrer(),
        r.userAgent().replace(" ", "%20"),
        query,
        "-",
        "Hit",
        "SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==",
        r.host(),
        "https",
        "123",
        "0.001",
        "-",
        "TLSv1.3",
        "TLS_AES_128_GCM_SHA256",
        "Hit",
        "HTTP/2.0",
        "-",
        "-",
        "11040",
        "0.001",
        "Hit",
        "application/json",
        "612",
        "-",
        "-");
  }

  /**
   * A combined-format log of {@code perDay} requests a day from {@code first} to {@code last}, for
   * tests that need a realistic store.
   */
  public static void writeCombined(
      Path file, LocalDate first, LocalDate last, int perDay, long seed) throws IOException {
    List<byte[]> lines = new ArrayList<>();
    for (Request r : new Traffic(seed).requests(first, last, perDay, List.of("-"))) {
      lines.add(utf8(combined(r)));
    }
    write(file, lines);
  }

  /** Writes lines (and raw junk) to {@code file}, gzip-compressed if it ends in .gz. */
  static void write(Path file, List<byte[]> lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] l : lines) {
      bytes.write(l);
      bytes.write('\n');
    }
    if (file.toString().endsWith(".gz")) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(bytes.toByteArray());
      }
    } else {
      Files.write(file, bytes.toByteArray());
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
