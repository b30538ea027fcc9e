package motd.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import motd.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated logs of five days from five servers, in every format, with junk mixed in: every cell
 * that {@code build} publishes equals the truth floored to 10, every cell under 10 is absent, and
 * no client address, user agent or referrer reaches the store, the site or the terminal.
 */
class GroundTruthTest {
  private static final LocalDate FIRST = LocalDate.parse("2026-10-01");
  private static final LocalDate LAST = LocalDate.parse("2026-10-05");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private final Traffic traffic = new Traffic(20261001);
  private final Random junk = new Random(7);
  private final List<StatsRun> runs = new ArrayList<>();

  @Test
  void everyPublishedCellIsTheTruthFlooredAndNothingIdentifyingSurvives() throws Exception {
    Fixture fixture = Fixture.create(tmp.resolve("project"));
    Path store = tmp.resolve("project/stats");
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    Traffic.Truth all = new Traffic.Truth();

    // web: combined, the first two days rotated and gzipped, the rest plain; no host, so "unknown"
    List<Traffic.Request> web = traffic.requests(FIRST, LAST, 150, List.of("www.mailpile.is"));
    Traffic.Truth webTruth = new Traffic.Truth();
    List<byte[]> older = new ArrayList<>();
    List<byte[]> newer = new ArrayList<>();
    for (Traffic.Request r : web) {
      (r.day().isBefore(FIRST.plusDays(2)) ? older : newer).add(Traffic.utf8(Traffic.combined(r)));
      webTruth.count(r, Via.UNKNOWN);
    }
    accessLogJunk(newer, webTruth);
    Traffic.write(logs.resolve("access.log.1.gz"), older);
    Traffic.write(logs.resolve("access.log"), newer);
    ingest(
        fixture,
        store,
        webTruth,
        "--source",
        "web",
        logs.resolve("access.log.1.gz"),
        logs.resolve("access.log"));
    all.add(webTruth);

    // onion: vhost_combined; the host says tor or clearnet
    Traffic.Truth onionTruth = new Traffic.Truth();
    List<byte[]> onion = new ArrayList<>();
    for (Traffic.Request r :
        traffic.requests(FIRST, LAST, 60, List.of("motdxyz.onion", "www.mailpile.is"))) {
      onion.add(Traffic.utf8(Traffic.vcombined(r)));
      onionTruth.count(r, r.host().endsWith(".onion") ? Via.TOR : Via.CLEARNET);
    }
    Traffic.write(logs.resolve("vhosts.log"), onion);
    ingest(fixture, store, onionTruth, "--source", "onion", logs.resolve("vhosts.log"));
    all.add(onionTruth);

    // tor: combined, from an onion service's own server: --via tor
    Traffic.Truth torTruth = new Traffic.Truth();
    List<byte[]> tor = new ArrayList<>();
    for (Traffic.Request r : traffic.requests(FIRST, LAST, 40, List.of("-"))) {
      tor.add(Traffic.utf8(Traffic.combined(r)));
      torTruth.count(r, Via.TOR);
    }
    Traffic.write(logs.resolve("tor.log.gz"), tor);
    ingest(fixture, store, torTruth, "--source", "tor", "--via", "tor", logs.resolve("tor.log.gz"));
    all.add(torTruth);

    // caddy: JSON lines, with junk
    Traffic.Truth caddyTruth = new Traffic.Truth();
    List<byte[]> caddy = new ArrayList<>();
    for (Traffic.Request r :
        traffic.requests(FIRST, LAST, 50, List.of("localhost:8443", "abc.onion:80"))) {
      caddy.add(Traffic.utf8(Traffic.caddy(r)));
      caddyTruth.count(r, r.host().startsWith("abc.onion") ? Via.TOR : Via.CLEARNET);
    }
    for (String bad :
        new String[] {
          "{not json", "[1, 2]", "{\"ts\":1790000000,\"status\":200}", "{\"request\":{\"uri\":"
        }) {
      caddy.add(caddy.size() / 2, Traffic.utf8(bad));
      caddyTruth.malformed();
    }
    Traffic.write(logs.resolve("caddy.log"), caddy);
    ingest(fixture, store, caddyTruth, "--source", "caddy", logs.resolve("caddy.log"));
    all.add(caddyTruth);

    // cdn: CloudFront, gzipped, with its two header lines and a short line
    Traffic.Truth cdnTruth = new Traffic.Truth();
    List<byte[]> cdn = new ArrayList<>();
    cdn.add(Traffic.utf8("#Version: 1.0"));
    cdn.add(Traffic.utf8(Traffic.CLOUDFRONT_FIELDS));
    cdnTruth.lines += 2;
    cdnTruth.skipped[SkipReason.NOT_MOTD.ordinal()] += 2;
    for (Traffic.Request r : traffic.requests(FIRST, LAST, 40, List.of("www.mailpile.is"))) {
      cdn.add(Traffic.utf8(Traffic.cloudfront(r)));
      cdnTruth.count(r, Via.CLEARNET);
    }
    cdn.add(Traffic.utf8("2026-10-02\t10:00:00\tFRA56"));
    cdnTruth.malformed();
    Traffic.write(logs.resolve("E2ABCDEF.2026-10-01-10.abcd.gz"), cdn);
    ingest(
        fixture,
        store,
        cdnTruth,
        "--source",
        "cdn",
        logs.resolve("E2ABCDEF.2026-10-01-10.abcd.gz"));
    all.add(cdnTruth);

    // Publish, and compare every cell.
    fixture.builder().withStats(store).build(fixture.site, Instant.parse("2026-10-10T00:00:00Z"));
    JsonNode json = JSON.readTree(fixture.read("stats/stats.json"));
    assertThat(json.get("floor").asInt()).isEqualTo(10);
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("floor", "days");
    Map<String, Long> csv = csv(fixture.read("stats/stats.csv"));
    Map<String, Long> fromJson = new TreeMap<>();
    List<LocalDate> published = new ArrayList<>();
    for (JsonNode day : json.get("days")) {
      LocalDate date = LocalDate.parse(day.get("date").asText());
      published.add(date);
      List<String> keys = new ArrayList<>();
      day.fieldNames().forEachRemaining(keys::add);
      assertThat(keys)
          .containsSubsequence("date", "version", "platform", "os", "py", "lang", "via");
      for (String total : new String[] {"targeted", "generic"}) {
        assertCell(all.get(date, total), day.get(total), date + " " + total);
        if (day.has(total)) {
          fromJson.put(date + ",fetches," + total, day.get(total).asLong());
        }
      }
      for (Dimension dim : Dimension.values()) {
        JsonNode cells = day.get(dim.key());
        Map<String, Long> expected = new TreeMap<>();
        all.days
            .get(date)
            .forEach(
                (k, v) -> {
                  if (k.startsWith(dim.key() + "/")) {
                    expected.put(k.substring(dim.key().length() + 1), v);
                  }
                });
        assertThat(expected).as("truth has " + dim.key() + " values on " + date).isNotEmpty();
        for (Map.Entry<String, Long> e : expected.entrySet()) {
          assertCell(
              e.getValue(), cells.get(e.getKey()), date + " " + dim.key() + " " + e.getKey());
        }
        for (Iterator<String> it = cells.fieldNames(); it.hasNext(); ) {
          String value = it.next();
          assertThat(expected)
              .as(date + " " + dim.key() + " has no value " + value)
              .containsKey(value);
          fromJson.put(date + "," + dim.key() + "," + value, cells.get(value).asLong());
        }
      }
    }
    // The truth has cells of both kinds, so both rules were exercised.
    for (LocalDate day : published) {
      assertThat(all.days.get(day).values()).anyMatch(n -> n >= 10).anyMatch(n -> n > 0 && n < 10);
    }
    assertThat(published).containsExactly(FIRST, FIRST.plusDays(1), FIRST.plusDays(2));
    assertThat(csv).isEqualTo(fromJson);

    // Nothing that identifies anyone: not in the store, the site, or anything printed.
    List<String> outputs = new ArrayList<>(StatsRun.texts(store));
    outputs.addAll(StatsRun.texts(fixture.site));
    runs.forEach(r -> outputs.add(r.all()));
    outputs.add(StatsRun.motd("stats", "show", "--store", store.toString(), "--days", "30").all());
    for (String text : outputs) {
      for (String prefix :
          new String[] {"MarkerUA-", "MarkerRef", "198.18.", "2001:db8:77:", "ref.example"}) {
        assertThat(text).as("output holds %s…", prefix).doesNotContain(prefix);
      }
    }
    String everything = String.join("\n", outputs);
    for (int i = 0; i < traffic.markers.size(); i += 97) {
      assertThat(everything).doesNotContain(traffic.markers.get(i));
    }
    // The store holds counts and nothing else.
    for (Path p : (Iterable<Path>) Files.list(store)::iterator) {
      for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
        assertThat(line)
            .as(p.getFileName() + ": " + line)
            .matches(
                p.toString().endsWith(".counts")
                    ? "#[^:]*|(targeted|generic) \\d+|(version|platform|os|py|lang|via) [A-Za-z0-9._+-]+ \\d+"
                    : "#[^:]*|[0-9a-f]{64} \\d+ \\d+ \\d+");
      }
    }
  }

  private static void assertCell(long truth, JsonNode published, String what) {
    if (truth < 10) {
      assertThat(published).as(what + " (true count " + truth + ")").isNull();
    } else {
      assertThat(published).as(what).isNotNull();
      assertThat(published.asLong())
          .as(what + " (true count " + truth + ")")
          .isEqualTo(truth / 10 * 10);
    }
  }

  private static Map<String, Long> csv(String text) {
    Map<String, Long> out = new TreeMap<>();
    String[] lines = text.split("\n");
    assertThat(lines[0]).isEqualTo("date,dimension,value,count");
    for (int i = 1; i < lines.length; i++) {
      int comma = lines[i].lastIndexOf(',');
      out.put(lines[i].substring(0, comma), Long.parseLong(lines[i].substring(comma + 1)));
    }
    return out;
  }

  /** Malformed lines, binary junk, a 20 KB line, a 20 KB user agent, dates out of range. */
  private void accessLogJunk(List<byte[]> lines, Traffic.Truth truth) {
    Function<Integer, Integer> at = n -> Math.min(lines.size(), n);
    lines.add(at.apply(10), Traffic.utf8("garbage"));
    truth.malformed();
    byte[] binary = new byte[300];
    junk.nextBytes(binary);
    for (int i = 0; i < binary.length; i++) {
      if (binary[i] == '\n' || binary[i] == '[') {
        binary[i] = 'x';
      }
    }
    lines.add(at.apply(20), binary);
    truth.malformed();
    lines.add(at.apply(30), Traffic.utf8("x".repeat(20_000)));
    truth.malformed();
    lines.add(
        at.apply(40),
        Traffic.utf8(
            "198.18.250.1 - - [03/Oct/2026:10:00:00 +0000] \"GET /motd/1.0.0rc6-linux2/motd.json"));
    truth.malformed();
    lines.add(
        at.apply(50),
        Traffic.utf8(
            "198.18.250.2 - - [33/Oct/2026:10:00:00 +0000] \"GET /motd/latest/motd.json HTTP/1.1\" 200 1 \"-\" \"MarkerUA-bad\""));
    truth.malformed();
    lines.add(at.apply(60), new byte[0]);
    truth.malformed();
    String big =
        "198.18.250.3 - - [03/Oct/2026:12:00:00 +0000] \"GET /motd/1.0.0rc6-linux2/motd.json?lang=de&py=2.7.18 HTTP/1.1\" 200 1 \"-\" \"MarkerUA-big"
            + "y".repeat(20_000)
            + "\"";
    lines.add(at.apply(70), Traffic.utf8(big));
    truth.count(
        new Traffic.Request(
            Instant.parse("2026-10-03T12:00:00Z"),
            0,
            "GET",
            "",
            200,
            "",
            "",
            "",
            "",
            null,
            false,
            Map.of(
                Dimension.VERSION,
                "1.0.0rc6",
                Dimension.OS,
                "linux2",
                Dimension.PLATFORM,
                "linux",
                Dimension.LANG,
                "de",
                Dimension.PY,
                "2.7")),
        Via.UNKNOWN);
    lines.add(
        at.apply(80),
        Traffic.utf8(
            "198.18.250.4 - - [03/Oct/1999:12:00:00 +0000] \"GET /motd/latest/motd.json HTTP/1.1\" 200 1 \"-\" \"-\""));
    lines.add(
        at.apply(90),
        Traffic.utf8(
            "198.18.250.5 - - [03/Oct/2099:12:00:00 +0000] \"GET /motd/latest/motd.json HTTP/1.1\" 200 1 \"-\" \"-\""));
    truth.lines += 2;
    truth.skipped[SkipReason.OUT_OF_RANGE.ordinal()] += 2;
  }

  private void ingest(Fixture fixture, Path store, Traffic.Truth truth, Object... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "stats",
                "ingest",
                "--announcements",
                fixture.announcements.toString(),
                "--store",
                store.toString()));
    for (Object a : args) {
      command.add(a.toString());
    }
    StatsRun run = StatsRun.motd(command.toArray(String[]::new));
    runs.add(run);
    assertThat(run.exitCode()).as(run.all()).isZero();
    long targeted = 0;
    long generic = 0;
    for (Map<String, Long> d : truth.days.values()) {
      targeted += d.getOrDefault("targeted", 0L);
      generic += d.getOrDefault("generic", 0L);
    }
    long[] s = truth.skipped;
    String expected =
        String.format(
            java.util.Locale.ROOT,
            "%,d lines read from %d %s; counted %,d fetches (%,d targeted, %,d generic); skipped %,d (malformed %,d, not MOTD %,d, status %,d, method %,d, out of range %,d)",
            truth.lines,
            args.length - (args.length > 3 && "--via".equals(args[2]) ? 4 : 2),
            args.length - (args.length > 3 && "--via".equals(args[2]) ? 4 : 2) == 1
                ? "file"
                : "files",
            targeted + generic,
            targeted,
            generic,
            s[0] + s[1] + s[2] + s[3] + s[4],
            s[0],
            s[1],
            s[2],
            s[3],
            s[4]);
    assertThat(run.out()).as(run.all()).contains(expected);
  }
}
