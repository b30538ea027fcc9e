package motd.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.zip.GZIPOutputStream;
import motd.Fixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Each format's edge cases, the allowlists, and the inputs: compressed, huge lines, junk. */
class FormatsTest {
  private static final String OK =
      " \"GET /motd/1.0.0rc6-linux2/motd.json?lang=de&py=2.7.18 HTTP/1.1\" 200 612 \"-\" \"ua\"";

  @TempDir Path tmp;
  private Fixture fixture;
  private int files;

  @BeforeEach
  void setUp() {
    fixture = Fixture.create(tmp.resolve("project"));
  }

  private record Result(IngestReport report, SortedMap<LocalDate, DayCounts> counts) {
    DayCounts day(String date) {
      return counts.getOrDefault(LocalDate.parse(date), DayCounts.EMPTY);
    }
  }

  private Result ingest(LogFormat format, byte[] content, String suffix) throws IOException {
    Path store = tmp.resolve("store" + files);
    Path file = tmp.resolve("log" + (files++) + suffix);
    Files.write(file, content);
    IngestReport r =
        Ingest.run(
            new Ingest.Options(
                fixture.announcements,
                store,
                "default",
                format,
                null,
                List.of(file.toString()),
                Instant.parse("2026-12-01T00:00:00Z")),
            System.in,
            new Ingest.Listener() {});
    try (Store s = Store.open(store, true, () -> {})) {
      return new Result(r, s.merged());
    }
  }

  private Result ingest(LogFormat format, String... lines) throws IOException {
    return ingest(
        format, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), ".log");
  }

  @Test
  void combinedTakesTheUtcDayAndStepsOverEverythingElse() throws IOException {
    Result r =
        ingest(
            LogFormat.AUTO,
            "2001:db8::1 - - [01/Nov/2026:23:30:00 -0100]" + OK, // 00:30 UTC on the 2nd
            "127.0.0.1 - - [02/Nov/2026:00:30:00 +0200]" + OK, // 22:30 UTC on the 1st
            "127.0.0.1 - frank [01/Nov/2026:12:00:00 +0000] \"GET /motd/1.0.0rc5-darwin/motd.json HTTP/1.1\" 304 0 \"-\" \"a \\\"quoted\\\" agent\" \"extra\"\r",
            "127.0.0.1 - - [01/Nov/2026:12:00:00 +0000] \"GET /motd/latest/motd.json?x=\\\"y HTTP/1.1\" 200 612 \"-\" \"ua\"",
            "127.0.0.1 - - [01/Nov/2026:12:00:00 +0000] \"-\" 400 0 \"-\" \"-\"",
            "127.0.0.1 - - [01/Nov/2026:12:00:00 +0000] \"\\x16\\x03\\x01\" 400 0 \"-\" \"-\"",
            "127.0.0.1 - - [31/Nov/2026:12:00:00 +0000]" + OK,
            "127.0.0.1 - - [01/Nov/2026:12:00:00 +0000] \"GET /motd/latest/motd.json HTTP/1.1\"",
            "127.0.0.1 - - [01/Nov/2026:12:00:00 +0000] \"GET //motd/latest/motd.json HTTP/1.1\" 200 1 \"-\" \"-\"",
            "127.0.0.1 - - [01/Nov/2026:12:00:00 +0000] \"GET /motd/a/b/motd.json HTTP/1.1\" 200 1 \"-\" \"-\"");
    assertThat(r.report().failed()).isFalse();
    assertThat(r.day("2026-11-01").targeted()).isEqualTo(2);
    assertThat(r.day("2026-11-01").generic()).isEqualTo(1);
    assertThat(r.day("2026-11-02").targeted()).isEqualTo(1);
    assertThat(r.day("2026-11-01").of(Dimension.VERSION))
        .isEqualTo(Map.of("1.0.0rc6", 1L, "1.0.0rc5", 1L));
    assertThat(r.report().skipped())
        .containsEntry(SkipReason.NOT_MOTD, 4L)
        .containsEntry(SkipReason.MALFORMED, 2L);
    assertThat(r.report().warnings())
        .containsExactly(
            r.report()
                .warnings()
                .get(0)
                .replaceAll(":7: .*", ":7: warning: malformed line (unreadable time stamp)"),
            r.report()
                .warnings()
                .get(1)
                .replaceAll(":8: .*", ":8: warning: malformed line (no status code)"));
  }

  @Test
  void commonAndVhostCombinedAreToldApartAndTheHostGivesTheWayIn() throws IOException {
    Result common =
        ingest(
            LogFormat.AUTO,
            "127.0.0.1 - - [01/Nov/2026:12:00:00 +0000] \"GET /motd/1.0.0rc6-linux2/motd.json HTTP/1.1\" 200 612");
    assertThat(common.day("2026-11-01").targeted()).isEqualTo(1);
    Result vhosts =
        ingest(
            LogFormat.AUTO,
            "abcdef.onion:80 ::1 - - [01/Nov/2026:12:00:00 +0000]" + OK,
            "ABCDEF.ONION. 127.0.0.1 - - [01/Nov/2026:12:00:00 +0000]" + OK,
            "www.mailpile.is:443 127.0.0.1 - - [01/Nov/2026:12:00:00 +0000]" + OK,
            "onion:443 127.0.0.1 - - [01/Nov/2026:12:00:00 +0000]" + OK);
    assertThat(vhosts.day("2026-11-01").of(Dimension.VIA))
        .isEqualTo(Map.of("tor", 2L, "clearnet", 2L));
  }

  @Test
  void theAllowlistsKeepOnlyWhatTheyList() throws IOException {
    String[][] cases = {
      {"lang=pt_BR&py=3.11.2", "pt_BR", "3.11"},
      {"py=2.7&lang=de", "de", "2.7"},
      {"lang=fr&lang=de&py=3.9&py=2.7", "fr", "3.9"},
      {"lang=zh_XX&py=3.100", "other", "other"},
      {"lang=deu&py=3.0.1", "deu", "3.0"},
      {"lang=DE&py=3", "other", "other"},
      {"lang=de_DE_x&py=2.", "other", "other"},
      {"lang=qq&py=2.7rc1", "other", "other"},
      {"langx=de&pyx=2.7", "other", "other"},
      {"lang=de%5FDE&py=%32.7", "other", "other"},
    };
    for (String[] c : cases) {
      Result r =
          ingest(
              LogFormat.COMBINED,
              "1.2.3.4 - - [01/Nov/2026:12:00:00 +0000] \"GET /motd/1.0.0rc6-linux2/motd.json?"
                  + c[0]
                  + " HTTP/1.1\" 200 1 \"-\" \"-\"");
      assertThat(r.day("2026-11-01").of(Dimension.LANG)).as(c[0]).isEqualTo(Map.of(c[1], 1L));
      assertThat(r.day("2026-11-01").of(Dimension.PY)).as(c[0]).isEqualTo(Map.of(c[2], 1L));
    }
    Result bare =
        ingest(
            LogFormat.COMBINED,
            "1.2.3.4 - - [01/Nov/2026:12:00:00 +0000] \"GET /motd/1.0.0rc5/motd.json HTTP/1.1\" 200 1 \"-\" \"-\"");
    assertThat(bare.day("2026-11-01").of(Dimension.VERSION)).isEqualTo(Map.of("1.0.0rc5", 1L));
    assertThat(bare.day("2026-11-01").of(Dimension.OS)).isEqualTo(Map.of("other", 1L));
  }

  @Test
  void cloudFrontReadsTheFieldOrderFromItsHeader() throws IOException {
    Path fixtureLog = Path.of("src/test/resources/stats/cloudfront.log");
    Result r = ingest(LogFormat.AUTO, Files.readAllBytes(fixtureLog), ".log");
    assertThat(r.report().failed()).as(r.report().failures().toString()).isFalse();
    assertThat(r.report().lines()).isEqualTo(12);
    assertThat(r.day("2019-12-04").targeted()).isEqualTo(4);
    assertThat(r.day("2019-12-04").generic()).isEqualTo(2);
    assertThat(r.day("2019-12-04").of(Dimension.VIA)).isEqualTo(Map.of("clearnet", 3L, "tor", 1L));
    assertThat(r.day("2019-12-04").of(Dimension.LANG))
        .isEqualTo(Map.of("en", 2L, "de", 1L, "other", 1L));
    assertThat(r.report().skipped())
        .containsEntry(SkipReason.NOT_MOTD, 5L) // three header lines, a signature, a page
        .containsEntry(SkipReason.STATUS, 1L)
        .containsEntry(SkipReason.METHOD, 0L)
        .containsEntry(SkipReason.MALFORMED, 0L);
    // A shorter, reordered #Fields line is read as it says.
    Result reordered =
        ingest(
            LogFormat.AUTO,
            "#Version: 1.0",
            "#Fields: cs-uri-stem sc-status cs-method date time c-ip cs-uri-query",
            "/motd/1.0.0rc6-darwin/motd.json\t200\tGET\t2019-12-05\t01:02:03\t192.0.2.1\tlang=fr&py=2.7.18",
            "/motd/latest/motd.json\t304\tHEAD\t2019-12-05\t01:02:03\t192.0.2.1\t-");
    assertThat(reordered.day("2019-12-05").targeted()).isEqualTo(1);
    assertThat(reordered.day("2019-12-05").generic()).isEqualTo(1);
    assertThat(reordered.day("2019-12-05").of(Dimension.VIA)).isEqualTo(Map.of("unknown", 1L));
  }

  @Test
  void caddyJsonWithEscapesNestingAndEitherKindOfTime() throws IOException {
    Result r =
        ingest(
            LogFormat.AUTO,
            "{\"ts\":1793620800.25,\"request\":{\"headers\":{\"X\":[\"}{\\\"]\"]},\"method\":\"GET\",\"host\":\"x.onion\",\"uri\":\"/motd/1.0.0rc6-linux2/motd.json?lang=de\\u0026py=2.7.18\"},\"status\":200}",
            "{\"status\":304,\"request\":{\"uri\":\"\\/motd\\/latest\\/motd.json\",\"method\":\"HEAD\",\"host\":\"localhost\"},\"ts\":\"2026-11-02T23:30:00-01:00\"}",
            "{\"ts\":1.7936208E9,\"request\":{\"method\":\"GET\",\"uri\":\"/motd/latest/motd.json\"},\"status\":200}",
            "{\"ts\":1793620800,\"request\":{\"method\":\"GET\",\"uri\":\"/motd/latest/motd.json\"}}",
            "{\"ts\":1793620800,\"request\":{\"method\":\"GET\",\"uri\":\"/motd/latest/motd.json\"},\"status\":200} trailing");
    assertThat(r.day("2026-11-02").targeted()).isEqualTo(1);
    assertThat(r.day("2026-11-02").generic()).isEqualTo(1);
    assertThat(r.day("2026-11-03").generic()).isEqualTo(1);
    assertThat(r.day("2026-11-02").of(Dimension.LANG)).isEqualTo(Map.of("de", 1L));
    assertThat(r.day("2026-11-02").of(Dimension.VIA)).isEqualTo(Map.of("tor", 1L));
    assertThat(r.report().skipped()).containsEntry(SkipReason.MALFORMED, 2L);
  }

  @Test
  void xzZstdAndGzipAreReadByTheirFirstBytesWhateverTheName() throws IOException {
    byte[] plain =
        ("127.0.0.1 - - [01/Nov/2026:12:00:00 +0000]" + OK + "\n")
            .repeat(3)
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream xz = new ByteArrayOutputStream();
    try (OutputStream out = new XZOutputStream(xz, new LZMA2Options())) {
      out.write(plain);
    }
    ByteArrayOutputStream zstd = new ByteArrayOutputStream();
    try (OutputStream out = new ZstdOutputStream(zstd)) {
      out.write(plain);
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      out.write(plain);
    }
    for (byte[] compressed : List.of(xz.toByteArray(), zstd.toByteArray(), gz.toByteArray())) {
      Result r = ingest(LogFormat.AUTO, compressed, ".log");
      assertThat(r.report().failed()).as(r.report().failures().toString()).isFalse();
      assertThat(r.day("2026-11-01").targeted()).isEqualTo(3);
    }
  }

  @Test
  void aLineOverOneMibIsMalformedAndTheNextLineIsStillRead() throws IOException {
    String huge =
        "127.0.0.1 - - [01/Nov/2026:12:00:00 +0000] \"GET /motd/latest/motd.json HTTP/1.1\" 200 1 \"-\" \""
            + "u".repeat(3 << 20)
            + "\"";
    String next = "127.0.0.1 - - [01/Nov/2026:12:00:00 +0000]" + OK;
    byte[] content = (next + "\n" + huge + "\n" + next + "\n").getBytes(StandardCharsets.UTF_8);
    for (String suffix : new String[] {".log", ".gz"}) {
      byte[] bytes = content;
      if (suffix.equals(".gz")) {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
          out.write(content);
        }
        bytes = gz.toByteArray();
      }
      Result r = ingest(LogFormat.AUTO, bytes, suffix);
      assertThat(r.report().lines()).isEqualTo(3);
      assertThat(r.report().skipped()).containsEntry(SkipReason.MALFORMED, 1L);
      assertThat(r.report().warnings())
          .singleElement()
          .asString()
          .endsWith(":2: warning: malformed line (1 MiB or longer)");
      assertThat(r.day("2026-11-01").targeted()).isEqualTo(2);
    }
  }

  @Test
  void aBigPlainLogIsReadInPartsWithTheSameCountsAndLineNumbers() throws IOException {
    StringBuilder sb = new StringBuilder();
    int lines = 0;
    while (sb.length() < Ingest.SPLIT_MIN + (4 << 20)) {
      sb.append("127.0.0.1 - - [01/Nov/2026:12:00:00 +0000]").append(OK).append('\n');
      lines++;
      if (lines == 150_001) {
        sb.append("junk\n");
        lines++;
      }
    }
    Result r = ingest(LogFormat.AUTO, sb.toString().getBytes(StandardCharsets.UTF_8), ".log");
    assertThat(r.report().lines()).isEqualTo(lines);
    assertThat(r.day("2026-11-01").targeted()).isEqualTo(lines - 1);
    assertThat(r.report().warnings())
        .singleElement()
        .asString()
        .contains(":150002: warning: malformed line");
  }
}
