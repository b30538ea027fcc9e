package motd.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import motd.Fixture;
import motd.Tools;
import motd.emit.SiteFileIo;
import motd.emit.SiteTree;
import motd.emit.SiteUpdate;
import motd.emit.SiteWriter;
import motd.sign.KeyAlgorithm;
import motd.sign.KeyFileSigner;
import motd.sign.Keyring;
import motd.sign.Keys;
import motd.sign.Manifest;
import motd.sign.PassphraseSource;
import motd.sign.Signer;
import motd.sign.SiteSigner;
import motd.sign.SiteVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed at any single step of {@code build} or {@code sign} loses nothing: the next command
 * finds a complete site, the old one or the new one, repairs what the killed run left, and the
 * manifest's serial never goes back.
 *
 * <p>Every step that changes the disk is a point of fault injection ({@link SiteUpdate.Steps}):
 * each is stopped in turn by an error that, like {@code kill -9}, skips every cleanup. Every rename
 * is also hit by a real SIGKILL of a separate motd process, injected by strace.
 */
class CrashTest {
  private static final Instant BEFORE = Instant.parse("2026-11-29T00:00:00Z");
  private static final Instant AFTER = BEFORE.plusSeconds(3600);
  @TempDir Path tmp;
  private Fixture f;
  private Path keyFile;
  private Signer signer;

  /** What a kill is: an error nothing catches for cleanup. */
  static final class Killed extends Error {
    Killed(String step) {
      super("killed before: " + step);
    }
  }

  @BeforeEach
  void signedSite() throws Exception {
    f = Fixture.create(tmp.resolve("project"));
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    f.write(
        "linux.yaml", "published: 2019-01-01\ntarget: {platforms: [linux]}\nmessage: {en: l}\n");
    Keys.Generated k =
        Keys.generate(
            "M <m@example.org>", KeyAlgorithm.ED25519, null, null, BEFORE.minusSeconds(60));
    keyFile = Files.writeString(tmp.resolve("key.asc"), k.secretKey());
    signer = KeyFileSigner.load(keyFile, PassphraseSource.none(), AFTER);
    f.builder().build(f.site, BEFORE);
    new SiteSigner(signer).sign(f.site, new SiteSigner.Options(null, BEFORE, null));
  }

  /** Every file of a site and its SHA-256, or empty if there is no site. */
  private static SortedMap<String, String> contents(Path site) throws IOException {
    SortedMap<String, String> out = new TreeMap<>();
    if (!Files.exists(site, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    SiteTree tree = SiteTree.scan(site);
    for (String path : tree.files().keySet()) {
      out.put(path, SiteFileIo.sha256(tree.read(path)));
    }
    return out;
  }

  /** Steps that count, and stop the run at step {@code killAt} (0: never). */
  private static SiteUpdate.Steps steps(AtomicInteger count, int killAt) {
    return step -> {
      if (count.incrementAndGet() == killAt) {
        throw new Killed(step);
      }
    };
  }

  private void change() {
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello, de: hallo}\n");
  }

  private void runBuild(SiteUpdate.Steps steps) {
    new SiteBuilder(f.announcements, f.templates, new SiteWriter(steps)).build(f.site, AFTER);
  }

  private void runSign(SiteUpdate.Steps steps) {
    new SiteSigner(signer).sign(f.site, new SiteSigner.Options(null, AFTER, null, steps));
  }

  private long serial() throws IOException {
    return Manifest.read(f.site.resolve("motd/manifest.json")).serial();
  }

  /** The project folder as it is, to start each killed run from the same state. */
  private Path keep(String name) throws IOException {
    Path copy = tmp.resolve(name);
    Fixture.copyTree(f.root, copy);
    return copy;
  }

  private void restore(Path copy) throws IOException {
    SiteUpdate.deleteTree(f.root);
    Fixture.copyTree(copy, f.root);
  }

  private List<String> leftovers() throws IOException {
    try (Stream<Path> list = Files.list(f.root)) {
      return list.map(p -> p.getFileName().toString())
          .filter(n -> n.contains(".staging-") || n.contains(".old-") || n.contains(".motd-tmp"))
          .toList();
    }
  }

  @Test
  void aBuildKilledAtEveryStepLeavesTheOldSiteOrTheNew() throws Exception {
    SortedMap<String, String> old = contents(f.site);
    change();
    Path start = keep("start");
    AtomicInteger counted = new AtomicInteger();
    runBuild(steps(counted, 0));
    SortedMap<String, String> built = contents(f.site);
    assertThat(built).isNotEqualTo(old);
    int total = counted.get();
    assertThat(total).as("steps of one build").isGreaterThan(10);
    for (int n = 1; n <= total; n++) {
      restore(start);
      try {
        runBuild(steps(new AtomicInteger(), n));
        fail("step " + n + " was not reached");
      } catch (Killed expected) {
        // the process is gone; what is on the disk is what a kill leaves
      }
      SiteWriter.requireSite(f.site); // the next command, whatever it is
      SortedMap<String, String> now = contents(f.site);
      assertThat(now.equals(old) || now.equals(built))
          .as(
              "after a kill before step %d (%s) the site is the old one or the new one",
              n, now.size())
          .isTrue();
      runBuild(SiteUpdate.Steps.NONE);
      assertThat(contents(f.site)).as("the next build after step %d", n).isEqualTo(built);
      assertThat(leftovers()).as("left after step %d", n).isEmpty();
    }
  }

  @Test
  void aSignKilledAtEveryStepLeavesAVerifiableSiteAndTheSerialNeverGoesBack() throws Exception {
    change();
    f.builder().build(f.site, AFTER); // a rebuilt site, signed at BEFORE: sign must re-sign it
    long before = serial();
    SortedMap<String, String> old = contents(f.site);
    Path start = keep("start");
    AtomicInteger counted = new AtomicInteger();
    runSign(steps(counted, 0));
    SortedMap<String, String> signed = contents(f.site);
    verify();
    int total = counted.get();
    assertThat(total).isGreaterThan(10);
    for (int n = 1; n <= total; n++) {
      restore(start);
      try {
        runSign(steps(new AtomicInteger(), n));
        fail("step " + n + " was not reached");
      } catch (Killed expected) {
        // killed
      }
      SiteWriter.requireSite(f.site);
      SortedMap<String, String> now = contents(f.site);
      assertThat(now.equals(old) || now.equals(signed))
          .as("after a kill before step %d the site is the old one or the new one", n)
          .isTrue();
      assertThat(serial()).isGreaterThanOrEqualTo(before);
      runSign(SiteUpdate.Steps.NONE);
      verify();
      assertThat(serial()).isGreaterThan(before);
      assertThat(leftovers()).isEmpty();
    }
  }

  private void verify() {
    new SiteVerifier()
        .verify(
            f.site,
            new SiteVerifier.Options(Set.of(signer.fingerprint()), Keyring.empty(), null, AFTER));
  }

  /**
   * A real motd process, killed by the kernel at its Nth rename: what kill -9 at that instant does.
   */
  @Test
  void realKillsAtEveryRename() throws Exception {
    Tools.require("strace");
    for (String command : new String[] {"build", "sign"}) {
      change();
      if (command.equals("sign")) {
        f.builder().build(f.site, AFTER);
      }
      SortedMap<String, String> old = contents(f.site);
      Path start = keep("start-" + command);
      long serialBefore = serial();
      List<String> renames = renames(command, 0);
      assertThat(renames).as(command + " renames").isNotEmpty();
      SortedMap<String, String> finished = contents(f.site);
      for (int n = 1; n <= renames.size(); n++) {
        restore(start);
        List<String> seen = renames(command, n);
        assertThat(seen).as("%s killed at rename %d", command, n).hasSize(n);
        SiteWriter.requireSite(f.site);
        SortedMap<String, String> now = contents(f.site);
        assertThat(now.equals(old) || now.equals(finished))
            .as("%s killed at rename %d (%s): old or new site", command, n, seen.get(n - 1))
            .isTrue();
        if (command.equals("sign")) {
          assertThat(serial()).isGreaterThanOrEqualTo(serialBefore);
        }
      }
      restore(start);
      renames(command, 0);
      assertThat(leftovers()).isEmpty();
    }
  }

  /**
   * Runs {@code motd COMMAND} in its own JVM under strace and returns the renames it made; with
   * {@code killAt} > 0 the kernel kills it with SIGKILL when it makes that rename.
   */
  private List<String> renames(String command, int killAt) throws IOException {
    Path log = tmp.resolve("strace.log");
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "strace", "-f", "-qq", "-o", log.toString(), "-e", "trace=rename,renameat,renameat2"));
    if (killAt > 0) {
      args.addAll(List.of("-e", "inject=rename,renameat,renameat2:signal=KILL:when=" + killAt));
    }
    args.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "motd.cli.Main",
            command));
    if (command.equals("build")) {
      args.addAll(
          List.of(
              "--announcements", f.announcements.toString(),
              "--templates", f.templates.toString(),
              "--out", f.site.toString(),
              "--now", AFTER.toString()));
    } else {
      args.addAll(
          List.of(
              "--site", f.site.toString(),
              "--announcements", f.announcements.toString(),
              "--key", keyFile.toString(),
              "--now", AFTER.toString()));
    }
    Tools.Result r = Tools.run(Map.of(), args.toArray(String[]::new));
    if (killAt == 0) {
      assertThat(r.exitCode()).as(r.all()).isZero();
    } else {
      assertThat(r.exitCode()).as("killed: " + r.all()).isEqualTo(128 + 9);
    }
    // Only the main thread renames; count its rename calls, finished or cut short by the kill.
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (line.matches("^\\d+\\s+rename(at2?)?\\(.*") && !line.contains("resumed>")) {
        out.add(line.replaceFirst("^\\d+\\s+", ""));
      }
    }
    return out;
  }
}
