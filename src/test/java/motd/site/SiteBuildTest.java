package motd.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import motd.Fixture;
import motd.diagnostic.InvalidInputException;
import motd.diagnostic.OutputException;
import motd.emit.SiteWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteBuildTest {
  private static final Instant NOW = Instant.parse("2020-01-01T00:00:00Z");
  private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
  @TempDir Path tmp;
  private Fixture f;

  @BeforeEach
  void setUp() {
    f = Fixture.create(tmp);
    f.write("a.yaml", "published: 2019-01-01\nmessage: {en: hello, de: hallo}\n");
    f.write(
        "b.yaml", "published: 2019-02-01\ntarget: {platforms: [linux]}\nmessage: {en: linux}\n");
  }

  @Test
  void twoBuildsAreByteIdentical() throws IOException {
    f.builder().build(tmp.resolve("one"), NOW);
    f.builder().build(tmp.resolve("two"), NOW);
    assertThat(contents(tmp.resolve("one"))).isNotEmpty().isEqualTo(contents(tmp.resolve("two")));
  }

  @Test
  void manyVariantsComposedInParallelAreStillByteIdentical() throws IOException {
    StringBuilder releases = new StringBuilder("releases:\n");
    for (int i = 0; i < 40; i++) {
      releases
          .append("  - {version: 1.")
          .append(i)
          .append(", date: 2019-01-")
          .append(String.format("%02d", i % 28 + 1))
          .append("}\n");
    }
    f.config(Fixture.CONFIG.substring(0, Fixture.CONFIG.indexOf("releases:")) + releases);
    for (int n = 0; n < 60; n++) {
      f.write(
          "n" + n + ".yaml",
          "published: 2019-01-01T"
              + String.format("%02d", n % 24)
              + ":00:00Z\n"
              + "target: {versions: '>=1."
              + (n % 30)
              + "', platforms: ["
              + (n % 2 == 0 ? "linux" : "windows, bsd")
              + "]}\n"
              + "message: {en: 'news "
              + n
              + " for {{version}} on {{platform}}', de: 'Neues "
              + n
              + "'}\n");
    }
    f.builder().build(tmp.resolve("one"), NOW);
    f.builder().build(tmp.resolve("two"), NOW);
    SortedMap<String, String> one = contents(tmp.resolve("one"));
    assertThat(one).hasSizeGreaterThan(40 * 9).isEqualTo(contents(tmp.resolve("two")));
  }

  @Test
  void aRebuildWithoutChangesRewritesNothing() throws IOException {
    f.builder().build(f.site, NOW);
    setAllTimes(f.site, LONG_AGO);
    BuildReport second = f.builder().build(f.site, NOW);
    assertThat(second.written()).isZero();
    assertThat(second.removed()).isZero();
    assertThat(second.unchanged()).isEqualTo(SiteWriter.listFiles(f.site).size());
    for (String rel : SiteWriter.listFiles(f.site)) {
      assertThat(Files.getLastModifiedTime(f.site.resolve(rel))).as(rel).isEqualTo(LONG_AGO);
    }
  }

  @Test
  void aChangeRewritesOnlyWhatChangedAndKeepsValidSignatures() throws IOException {
    f.builder().build(f.site, NOW);
    Files.writeString(
        f.site.resolve("motd/latest/motd.json.asc"), "signature of an unchanged file");
    Files.writeString(
        f.site.resolve("motd/1.0.0rc5-linux2/motd.json.asc"), "signature of a changed file");
    Files.writeString(f.site.resolve("motd/manifest.json"), "{}");
    setAllTimes(f.site, LONG_AGO);
    f.write(
        "b.yaml",
        "published: 2019-02-01\ntarget: {platforms: [linux]}\nmessage: {en: 'linux, changed'}\n");
    BuildReport r = f.builder().build(f.site, NOW);
    // 2 releases x 2 linux platforms, and the index, b's page and the feed that show its text
    assertThat(r.written()).isEqualTo(7);
    assertThat(Files.getLastModifiedTime(f.site.resolve("motd/latest/motd.json")))
        .isEqualTo(LONG_AGO);
    assertThat(f.site.resolve("motd/latest/motd.json.asc")).exists();
    assertThat(f.site.resolve("motd/1.0.0rc5-linux2/motd.json.asc")).doesNotExist();
    assertThat(f.site.resolve("motd/manifest.json")).as("kept for its serial").hasContent("{}");
    assertThat(f.read("motd/1.0.0rc5-linux2/motd.json")).contains("linux, changed");
  }

  @Test
  void theNoOpShortcutNeverHidesAChange() throws IOException {
    f.write("soon.yaml", "published: 2020-01-02\nexpires: 2020-01-03\nmessage: {en: tomorrow}\n");
    f.builder().build(f.site, NOW);
    Map<String, String> built = contents(f.site);
    // an output edited by hand is restored
    Files.writeString(f.site.resolve("motd/latest/motd.json"), "{}");
    assertThat(f.builder().build(f.site, NOW).written()).isEqualTo(1);
    assertThat(contents(f.site)).isEqualTo(built);
    // a stray file is removed
    Files.writeString(f.site.resolve("stray.html"), "x");
    assertThat(f.builder().build(f.site, NOW).removed()).isEqualTo(1);
    // and so is a stray link, which is no file at all
    Files.createSymbolicLink(f.site.resolve("stray.json"), f.site.resolve("index.html"));
    assertThat(f.builder().build(f.site, NOW).removed()).isEqualTo(1);
    assertThat(Files.exists(f.site.resolve("stray.json"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
        .isFalse();
    // an announcement going live changes the output, though no input file changed
    assertThat(f.builder().build(f.site, Instant.parse("2020-01-02T00:00:00Z")).written())
        .isPositive();
    assertThat(f.read("motd/latest/motd.json")).contains("tomorrow");
    // and expiring changes the MOTD files back (the pages now list it in the archive)
    f.builder().build(f.site, Instant.parse("2020-01-03T00:00:00Z"));
    Map<String, String> motdFiles = new TreeMap<>(built);
    motdFiles.keySet().removeIf(k -> !k.startsWith("motd/"));
    assertThat(contents(f.site)).containsAllEntriesOf(motdFiles);
    assertThat(f.read("index.html")).contains("id=\"archive\"");
    // an input change is seen
    f.write("a.yaml", "published: 2019-01-01\nmessage: {en: hello again, de: hallo}\n");
    assertThat(f.builder().build(f.site, NOW).written()).isPositive();
    assertThat(f.read("motd/latest/motd.json")).contains("hello again");
    // signatures beside outputs do not stop the shortcut
    Files.writeString(f.site.resolve("motd/latest/motd.json.asc"), "sig");
    BuildReport again = f.builder().build(f.site, NOW);
    assertThat(again.written()).isZero();
    assertThat(f.site.resolve("motd/latest/motd.json.asc")).exists();
  }

  @Test
  void filesNoLongerProducedDisappear() throws IOException {
    f.builder().build(f.site, NOW);
    assertThat(f.site.resolve("motd/1.0.0rc5-linux2/motd.json")).exists();
    f.config(Fixture.CONFIG.replace("  - version: 1.0.0rc5\n    date: 2019-02-27\n", ""));
    BuildReport r = f.builder().build(f.site, NOW);
    assertThat(f.site.resolve("motd/1.0.0rc5-linux2")).doesNotExist();
    assertThat(r.removed()).isEqualTo(9);
  }

  @Test
  void aBuildThatFailsMidwayLeavesThePreviousSiteIntact() throws IOException {
    f.builder().build(f.site, NOW);
    Map<String, String> before = snapshot(f.site);
    f.write("b.yaml", "published: 2019-02-01\nmessage: {en: everyone now}\n");
    AtomicInteger writes = new AtomicInteger();
    SiteWriter failing =
        new SiteWriter(
            path -> {
              if (writes.incrementAndGet() == 5) {
                throw new IOException("No space left on device");
              }
            });
    SiteBuilder builder = new SiteBuilder(f.announcements, f.templates, failing);
    assertThatThrownBy(() -> builder.build(f.site, NOW))
        .isInstanceOf(OutputException.class)
        .hasMessageContaining("No space left on device");
    assertThat(writes.get()).isGreaterThanOrEqualTo(5); // files are written in parallel
    assertThat(snapshot(f.site)).isEqualTo(before);
    try (var siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.contains(".staging-") || n.contains(".old-"));
    }
  }

  @Test
  void invalidInputLeavesThePreviousSiteIntact() throws IOException {
    f.builder().build(f.site, NOW);
    Map<String, String> before = snapshot(f.site);
    f.write("b.yaml", "published: yesterday\nmessage: {en: broken}\n");
    assertThatThrownBy(() -> f.builder().build(f.site, NOW))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("b.yaml:1:12: error: 'yesterday' is not a date");
    assertThat(snapshot(f.site)).isEqualTo(before);
  }

  @Test
  void refusesToReplaceAFolderThatIsNotASite() throws IOException {
    Path precious = tmp.resolve("precious");
    Files.createDirectories(precious);
    Files.writeString(precious.resolve("thesis.tex"), "years of work");
    assertThatThrownBy(() -> f.builder().build(precious, NOW))
        .isInstanceOf(OutputException.class)
        .hasMessageContaining("is not a motd site");
    assertThat(precious.resolve("thesis.tex")).hasContent("years of work");
  }

  static SortedMap<String, String> contents(Path root) throws IOException {
    SortedMap<String, String> out = new TreeMap<>();
    for (String rel : SiteWriter.listFiles(root)) {
      out.put(rel, Files.readString(root.resolve(rel)));
    }
    return out;
  }

  /** Contents and modification times: what "left exactly as it was" means. */
  static SortedMap<String, String> snapshot(Path root) throws IOException {
    SortedMap<String, String> out = new TreeMap<>();
    for (String rel : SiteWriter.listFiles(root)) {
      Path p = root.resolve(rel);
      out.put(rel, Files.readString(p) + "@" + Files.getLastModifiedTime(p));
    }
    return out;
  }

  private static void setAllTimes(Path root, FileTime time) throws IOException {
    for (String rel : SiteWriter.listFiles(root)) {
      Files.setLastModifiedTime(root.resolve(rel), time);
    }
  }
}
