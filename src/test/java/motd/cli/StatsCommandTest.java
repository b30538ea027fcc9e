package motd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import motd.Fixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code motd stats}: exit codes, messages, standard input, the table and the progress bar. */
class StatsCommandTest {
  @TempDir Path tmp;
  private Fixture fixture;
  private Path store;
  private Path good;

  private static String line(String day, String target) {
    return "192.0.2.1 - - ["
        + day
        + "/Nov/2026:12:00:00 +0000] \"GET "
        + target
        + " HTTP/1.1\" 200 1 \"-\" \"MarkerAgent\"\n";
  }

  @BeforeEach
  void setUp() throws IOException {
    fixture = Fixture.create(tmp.resolve("project"));
    store = tmp.resolve("stats");
    StringBuilder sb = new StringBuilder();
    for (String day : new String[] {"01", "02", "03", "04"}) {
      for (int i = 0; i < 25; i++) {
        sb.append(line(day, "/motd/1.0.0rc6-linux2/motd.json?lang=de&py=2.7.18"));
      }
      for (int i = 0; i < 12; i++) {
        sb.append(line(day, "/motd/latest/motd.json"));
      }
      sb.append(line(day, "/motd/1.0.0rc5-darwin/motd.json?lang=fr"));
    }
    good = tmp.resolve("access.log");
    Files.writeString(good, sb.toString());
  }

  private Cli ingest(String... files) {
    String[] args = {
      "stats",
      "ingest",
      "--announcements",
      fixture.announcements.toString(),
      "--store",
      store.toString()
    };
    String[] all = Arrays.copyOf(args, args.length + files.length);
    System.arraycopy(files, 0, all, args.length, files.length);
    return Cli.run(all);
  }

  @Test
  void ingestThenShow() {
    Cli in = ingest(good.toString());
    assertThat(in.exitCode()).as(in.err()).isZero();
    assertThat(in.out())
        .startsWith(
            "motd stats: 152 lines read from 1 file; counted 152 fetches (104 targeted, 48 generic)");
    assertThat(in.out()).contains("4 days touched (2026-11-01 to 2026-11-04)");
    Cli show = Cli.run("stats", "show", "--store", store.toString(), "--days", "5");
    assertThat(show.exitCode()).isZero();
    assertThat(show.out())
        .contains("2026-11-01  2026-11-02")
        .doesNotContain("2026-11-03")
        .containsPattern("fetches +targeted +20 +20")
        .containsPattern("generic +10 +10")
        .containsPattern("lang +de +20 +20")
        .doesNotContain("fr", "1.0.0rc5", "MarkerAgent", "192.0.2.1");
    assertThat(Cli.run("stats", "show", "--store", tmp.resolve("none").toString()).out())
        .contains("holds no counts");
  }

  @Test
  void unreadableCorruptAndUnknownFilesFailWithExitOneAndTheRestIsStored() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      out.write(Files.readAllBytes(good));
    }
    Path corrupt = tmp.resolve("access.log.2.gz");
    byte[] bytes = gz.toByteArray();
    Files.write(corrupt, Arrays.copyOf(bytes, bytes.length * 2 / 3));
    Path junk = tmp.resolve("picture.png");
    Files.write(
        junk,
        "\u0089PNG\r\n\u001a\nnot a log at all\nreally not\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    Cli c =
        ingest(
            tmp.resolve("missing.log").toString(),
            corrupt.toString(),
            junk.toString(),
            tmp.toString(),
            good.toString());
    assertThat(c.exitCode()).isEqualTo(1);
    assertThat(c.clean()).as(c.err()).isTrue();
    assertThat(c.err())
        .contains(
            tmp.resolve("missing.log")
                + ": error: cannot read: no such file; nothing was counted from it")
        .contains(corrupt + ": error: corrupt gzip data: ")
        .contains(
            junk
                + ": error: matches none of the formats tried (cloudfront, caddy, vcombined, combined, common); name one with --format")
        .contains(tmp + ": error: cannot read: is a folder")
        .contains(
            "motd: 4 of 5 files could not be read (see above); nothing from them was stored, the rest was");
    assertThat(c.out()).contains("152 lines read from 5 files (4 failed); counted 152 fetches");
    // The corrupt copy has the same content as the good log: had any of it been stored, the
    // good log would now be partly "already read".
    Cli again = ingest(good.toString());
    assertThat(again.out()).contains("0 lines read from 1 file (1 already read)");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(Cli.run("stats").exitCode()).isEqualTo(2);
    assertThat(Cli.run("stats", "ingest").exitCode()).isEqualTo(2);
    Cli format = ingest("--format", "apache", good.toString());
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("--format: unknown format 'apache'");
    assertThat(ingest("--via", "pigeon", good.toString()).exitCode()).isEqualTo(2);
    Cli source = ingest("--source", "../etc", good.toString());
    assertThat(source.exitCode()).isEqualTo(2);
    assertThat(source.err()).contains("--source '../etc'");
    assertThat(ingest("-", "-").exitCode()).isEqualTo(2);
    assertThat(Cli.run("stats", "show", "--days", "0").exitCode()).isEqualTo(2);
    assertThat(Files.exists(store)).isFalse();
  }

  @Test
  void aBrokenMotdYamlOrAStoreInTheWayIsReportedPlainly() throws IOException {
    fixture.config("signed: x\nreleases: [\n");
    Cli yaml = ingest(good.toString());
    assertThat(yaml.exitCode()).isEqualTo(1);
    assertThat(yaml.err()).contains("motd.yaml:");
    assertThat(yaml.clean()).isTrue();
    assertThat(store.toFile().list()).as("nothing stored").isNullOrEmpty();
    fixture.config(Fixture.CONFIG);
    store = tmp.resolve("in-the-way");
    Files.writeString(store, "a file where the store should be");
    Cli blocked = ingest(good.toString());
    assertThat(blocked.exitCode()).isEqualTo(3);
    assertThat(blocked.err()).contains("cannot use " + store + " as the stats store");
    assertThat(blocked.clean()).isTrue();
  }

  @Test
  void standardInputIsALogLikeAnyOther() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      out.write(Files.readAllBytes(good));
    }
    for (int round = 0; round < 2; round++) {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName(),
                  "stats",
                  "ingest",
                  "--announcements",
                  fixture.announcements.toString(),
                  "--store",
                  store.toString(),
                  "-")
              .redirectErrorStream(true)
              .start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(gz.toByteArray());
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out)
          .contains(
              round == 0
                  ? "152 lines read from 1 file;"
                  : "0 lines read from 1 file (1 already read)");
    }
  }

  @Test
  void theProgressBarIsDrawnOnlyForAPersonAndLargeInput() {
    StringWriter text = new StringWriter();
    StatsIngestCommand.ProgressBar bar =
        new StatsIngestCommand.ProgressBar(new PrintWriter(text), true);
    bar.progress(30L << 20, 120L << 20);
    bar.clear();
    assertThat(text.toString())
        .isEqualTo("\r[######...................]  25%  30 of 120 MB\r\033[K");
    StringWriter quiet = new StringWriter();
    StatsIngestCommand.ProgressBar none =
        new StatsIngestCommand.ProgressBar(new PrintWriter(quiet), false);
    none.progress(30L << 20, 120L << 20);
    new StatsIngestCommand.ProgressBar(new PrintWriter(quiet), true).progress(1, 2 << 20);
    none.clear();
    assertThat(quiet.toString()).isEmpty();

    // Standard input, of unknown size: a count of megabytes, once there are many.
    StringWriter piped = new StringWriter();
    StatsIngestCommand.ProgressBar stdin =
        new StatsIngestCommand.ProgressBar(new PrintWriter(piped), true);
    stdin.progress(1L << 20, -1);
    assertThat(piped.toString()).isEmpty();
    stdin.progress(40L << 20, -1);
    stdin.clear();
    assertThat(piped.toString()).isEqualTo("\r40 MB read\r\033[K");
  }
}
