package motd.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import motd.Fixture;
import motd.emit.SafeFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A store update is atomic: an ingest killed with SIGKILL at each step of its commit leaves the old
 * store or, once its journal is complete, one that the next run finishes. Two ingests into one
 * store wait for each other, and neither loses a count.
 */
class StoreCrashTest {
  @TempDir Path tmp;
  private Fixture fixture;
  private Path store;
  private Path first;
  private Path second;

  @BeforeEach
  void setUp() throws IOException {
    fixture = Fixture.create(tmp.resolve("project"));
    store = tmp.resolve("stats");
    Traffic traffic = new Traffic(5);
    first = log("first.log", traffic, "2026-11-01", "2026-11-02");
    second = log("second.log", traffic, "2026-11-02", "2026-11-04");
  }

  private Path log(String name, Traffic traffic, String from, String to) throws IOException {
    List<byte[]> lines = new ArrayList<>();
    for (Traffic.Request r :
        traffic.requests(LocalDate.parse(from), LocalDate.parse(to), 200, List.of("-"))) {
      lines.add(Traffic.utf8(Traffic.combined(r)));
    }
    Path file = tmp.resolve(name);
    Traffic.write(file, lines);
    return file;
  }

  private IngestReport ingest(Path into, Path log) {
    return Ingest.run(
        new Ingest.Options(
            fixture.announcements,
            into,
            "default",
            LogFormat.AUTO,
            null,
            List.of(log.toString()),
            Instant.parse("2026-12-01T00:00:00Z")),
        System.in,
        new Ingest.Listener() {});
  }

  /** The store's files by name, after a run has opened it (and so finished or undone a commit). */
  private static SortedMap<String, String> recovered(Path dir) throws IOException {
    Store.open(dir, false, () -> {}).close();
    return files(dir);
  }

  private static SortedMap<String, String> files(Path dir) throws IOException {
    SortedMap<String, String> out = new TreeMap<>();
    try (var list = Files.list(dir)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        out.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({"temps-written, false", "journal-written, true", "one-renamed, true"})
  void aKilledIngestLeavesTheOldStoreOrOneTheNextRunFinishes(String step, boolean committed)
      throws Exception {
    ingest(store, first);
    SortedMap<String, String> before = files(store);
    Path reference = tmp.resolve("reference");
    Fixture.copyTree(store, reference);
    ingest(reference, second);
    SortedMap<String, String> after = files(reference);
    assertThat(after).isNotEqualTo(before);

    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + Store.CRASH_PROPERTY + "=" + step,
                "-cp",
                System.getProperty("java.class.path"),
                "motd.cli.Main",
                "stats",
                "ingest",
                "--announcements",
                fixture.announcements.toString(),
                "--store",
                store.toString(),
                second.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader err =
          new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> reached =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  for (String line; (line = err.readLine()) != null; ) {
                    if (line.equals("motd-stats-checkpoint " + step)) {
                      return line;
                    }
                  }
                  return "ended without reaching " + step;
                } catch (IOException e) {
                  return e.toString();
                }
              });
      assertThat(reached.get(60, TimeUnit.SECONDS)).isEqualTo("motd-stats-checkpoint " + step);
      assertThat(files(store).keySet()).anyMatch(SafeFiles::isTemp);
    } finally {
      child.destroyForcibly(); // SIGKILL: no finally blocks, no shutdown hooks
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(child.exitValue()).isEqualTo(137);

    SortedMap<String, String> state = recovered(store);
    assertThat(state).isEqualTo(committed ? after : before);
    assertThat(state.keySet()).noneMatch(SafeFiles::isTemp).doesNotContain(Store.JOURNAL);
    // Running the same ingest again gives exactly the state of one complete run.
    IngestReport again = ingest(store, second);
    assertThat(again.lines()).isEqualTo(committed ? 0 : 600);
    assertThat(files(store)).isEqualTo(after);
  }

  @Test
  void aSecondIngestWaitsForTheFirstAndBothAreCounted() throws Exception {
    Path other = tmp.resolve("other-store");
    long alone = ingest(other, first).targeted() + ingest(other, second).targeted();
    CountDownLatch waiting = new CountDownLatch(1);
    AtomicInteger told = new AtomicInteger();
    CompletableFuture<IngestReport> blocked;
    try (Store held = Store.open(store, true, () -> {})) {
      blocked =
          CompletableFuture.supplyAsync(
              () ->
                  Ingest.run(
                      new Ingest.Options(
                          fixture.announcements,
                          store,
                          "default",
                          LogFormat.AUTO,
                          null,
                          List.of(first.toString()),
                          Instant.parse("2026-12-01T00:00:00Z")),
                      System.in,
                      new Ingest.Listener() {
                        @Override
                        public void waiting(Path s) {
                          told.incrementAndGet();
                          waiting.countDown();
                        }
                      }));
      assertThat(waiting.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(blocked).isNotDone();
      assertThat(held.dir()).isEqualTo(store);
    }
    CompletableFuture<IngestReport> parallel =
        CompletableFuture.supplyAsync(() -> ingest(store, second));
    IngestReport a = blocked.get(60, TimeUnit.SECONDS);
    IngestReport b = parallel.get(60, TimeUnit.SECONDS);
    assertThat(told.get()).isEqualTo(1);
    assertThat(a.targeted() + b.targeted()).isEqualTo(alone);
    try (Store s = Store.open(store, false, () -> {})) {
      assertThat(s.merged().values().stream().mapToLong(DayCounts::targeted).sum())
          .isEqualTo(alone);
    }
    assertThat(files(store)).isEqualTo(files(other));
  }
}
