package motd.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import motd.Fixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log is counted once: read twice, renamed, rotated and gzipped, or grown in between. */
class NeverTwiceTest {
  @TempDir Path tmp;
  private Fixture fixture;
  private Path store;
  private final Traffic traffic = new Traffic(99);

  @BeforeEach
  void setUp() {
    fixture = Fixture.create(tmp.resolve("project"));
    store = tmp.resolve("stats");
  }

  private List<String> lines(int perDay, LocalDate first, LocalDate last) {
    List<String> out = new ArrayList<>();
    for (Traffic.Request r : traffic.requests(first, last, perDay, List.of("-"))) {
      out.add(Traffic.combined(r));
    }
    return out;
  }

  private static long counted(List<String> lines) {
    return lines.stream()
        .filter(
            l ->
                (l.contains("\"GET /motd/") || l.contains("\"HEAD /motd/"))
                    && l.contains("/motd.json")
                    && !l.contains(".json.asc")
                    && !l.contains("other.json")
                    && (l.contains("\" 200 ") || l.contains("\" 304 ")))
        .count();
  }

  private IngestReport ingest(Path... files) {
    List<String> names = new ArrayList<>();
    for (Path f : files) {
      names.add(f.toString());
    }
    return Ingest.run(
        new Ingest.Options(
            fixture.announcements,
            store,
            "default",
            LogFormat.AUTO,
            null,
            names,
            Instant.parse("2026-12-01T00:00:00Z")),
        System.in,
        new Ingest.Listener() {});
  }

  private long storedFetches() {
    try (Store s = Store.open(store, false, () -> {})) {
      return s.merged().values().stream().mapToLong(d -> d.targeted() + d.generic()).sum();
    }
  }

  private static void write(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private static void gzip(Path from, Path to) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
      Files.copy(from, out);
    }
  }

  @Test
  void theSameFileTwiceInOneRunAndInTwoRuns() throws IOException {
    List<String> lines = lines(400, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-02"));
    Path log = tmp.resolve("access.log");
    write(log, lines);
    IngestReport first = ingest(log, log);
    assertThat(first.targeted() + first.generic()).isEqualTo(counted(lines)).isPositive();
    assertThat(first.alreadyRead()).isEqualTo(1);
    IngestReport again = ingest(log);
    assertThat(again.lines()).isZero();
    assertThat(again.alreadyRead()).isEqualTo(1);
    assertThat(storedFetches()).isEqualTo(counted(lines));
  }

  @Test
  void aRenamedCopyAndARotatedGzippedCopyAddNothing() throws IOException {
    List<String> lines = lines(300, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-03"));
    Path log = tmp.resolve("access.log");
    write(log, lines);
    ingest(log);
    // logrotate: access.log -> access.log.1 -> access.log.2.gz, and a fresh access.log
    Path one = tmp.resolve("access.log.1");
    Files.move(log, one);
    List<String> fresh = lines(200, LocalDate.parse("2026-11-04"), LocalDate.parse("2026-11-04"));
    write(log, fresh);
    IngestReport second = ingest(log, one);
    assertThat(second.alreadyRead()).isEqualTo(1);
    assertThat(second.targeted() + second.generic()).isEqualTo(counted(fresh));
    Path two = tmp.resolve("access.log.2.gz");
    gzip(one, two);
    Files.delete(one);
    Files.copy(two, tmp.resolve("copy-with-another-name.gz"));
    IngestReport third = ingest(two, tmp.resolve("copy-with-another-name.gz"), log);
    assertThat(third.alreadyRead()).isEqualTo(3);
    assertThat(third.lines()).isZero();
    assertThat(storedFetches()).isEqualTo(counted(lines) + counted(fresh));
  }

  @Test
  void aGrownLogIsContinuedWhereItWasLeftAndItsGzippedRotationToo() throws IOException {
    List<String> lines = lines(500, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-03"));
    List<String> start = lines.subList(0, 700);
    List<String> rest = lines.subList(700, lines.size());
    Path log = tmp.resolve("access.log");
    // A half-written last line is left for the next run.
    Files.writeString(log, String.join("\n", start) + "\n" + rest.get(0).substring(0, 40));
    IngestReport first = ingest(log);
    assertThat(first.lines()).isEqualTo(700);
    assertThat(storedFetches()).isEqualTo(counted(start));
    Files.writeString(log, rest.get(0).substring(40) + "\n", StandardOpenOption.APPEND);
    Files.writeString(
        log, String.join("\n", rest.subList(1, 200)) + "\n", StandardOpenOption.APPEND);
    IngestReport second = ingest(log);
    assertThat(second.lines()).isEqualTo(200);
    assertThat(storedFetches()).isEqualTo(counted(lines.subList(0, 900)));
    // It grows on, then is rotated and gzipped: the gzip is continued from the same place.
    Files.writeString(
        log, String.join("\n", rest.subList(200, rest.size())) + "\n", StandardOpenOption.APPEND);
    gzip(log, tmp.resolve("access.log.1.gz"));
    Files.delete(log);
    IngestReport third = ingest(tmp.resolve("access.log.1.gz"));
    assertThat(third.lines()).isEqualTo(lines.size() - 900);
    assertThat(storedFetches()).isEqualTo(counted(lines));
  }

  @Test
  void aSmallLogThatGrowsPastTheIdentifyingPrefixIsStillKnown() throws IOException {
    List<String> lines = lines(1500, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-02"));
    Path log = tmp.resolve("access.log");
    write(log, lines.subList(0, 5)); // far under 64 KiB
    ingest(log);
    write(log, lines); // now far over it
    assertThat(Files.size(log)).isGreaterThan(LogInput.PREFIX * 4L);
    IngestReport second = ingest(log);
    assertThat(second.lines()).isEqualTo(lines.size() - 5);
    gzip(log, tmp.resolve("access.log.1.gz"));
    assertThat(ingest(tmp.resolve("access.log.1.gz")).lines()).isZero();
    assertThat(storedFetches()).isEqualTo(counted(lines));
  }

  @Test
  void aLogReadForOneSourceIsNotCountedAgainForAnother() throws IOException {
    List<String> lines = lines(100, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-01"));
    Path log = tmp.resolve("access.log");
    write(log, lines);
    ingest(log);
    IngestReport other =
        Ingest.run(
            new Ingest.Options(
                fixture.announcements,
                store,
                "web2",
                LogFormat.AUTO,
                null,
                List.of(log.toString()),
                Instant.parse("2026-12-01T00:00:00Z")),
            System.in,
            new Ingest.Listener() {});
    assertThat(other.lines()).isZero();
    assertThat(other.warnings())
        .singleElement()
        .asString()
        .contains("read before for source default");
    assertThat(storedFetches()).isEqualTo(counted(lines));
  }

  @Test
  void anEmptyLogAndAnUnfinishedFirstLineCountNothingAndFailNothing() throws IOException {
    Path empty = Files.createFile(tmp.resolve("empty.log"));
    Path partial = tmp.resolve("partial.log");
    Files.writeString(
        partial, "198.18.0.1 - - [01/Nov/2026:00:00:00 +0000] \"GET /motd/latest/motd.json");
    IngestReport r = ingest(empty, partial);
    assertThat(r.failed()).isFalse();
    assertThat(r.lines()).isZero();
    Files.writeString(partial, " HTTP/1.1\" 200 10 \"-\" \"-\"\n", StandardOpenOption.APPEND);
    assertThat(ingest(partial).generic()).isEqualTo(1);
    assertThat(ingest(partial).lines()).isZero();
  }
}
