package motd.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import motd.Fixture;
import motd.Tools;
import motd.diagnostic.OutputException;
import motd.emit.SafeFiles;
import motd.serve.SiteServer;
import motd.sign.KeyAlgorithm;
import motd.sign.KeyFileSigner;
import motd.sign.Keyring;
import motd.sign.Keys;
import motd.sign.PassphraseSource;
import motd.sign.Signer;
import motd.sign.SiteSigner;
import motd.sign.SiteVerifier;
import motd.sign.VerificationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file system turned against the tool, as the outside review did it: symlinks planted at the
 * names temporary files used to have, a site file that links out of the site, FIFOs, and stray
 * temporary files. Nothing outside the site is ever written or signed; nothing hangs.
 */
class FileSystemAttackTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  @TempDir Path tmp;
  private Fixture f;
  private Signer signer;
  private Path victim;

  @BeforeEach
  void setUp() throws Exception {
    f = Fixture.create(tmp.resolve("project"));
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    Keys.Generated k =
        Keys.generate("M <m@example.org>", KeyAlgorithm.ED25519, null, null, NOW.minusSeconds(60));
    Files.writeString(tmp.resolve("key.asc"), k.secretKey());
    signer = KeyFileSigner.load(tmp.resolve("key.asc"), PassphraseSource.none(), NOW);
    victim = Files.writeString(tmp.resolve("victim.txt"), "precious");
  }

  private void buildAndSign(Instant at) {
    f.builder().build(f.site, at);
    new SiteSigner(signer).sign(f.site, new SiteSigner.Options(null, at, null));
  }

  private SiteVerifier.Report verify() {
    return new SiteVerifier()
        .verify(
            f.site,
            new SiteVerifier.Options(Set.of(signer.fingerprint()), Keyring.empty(), null, NOW));
  }

  @Test
  void symlinksPlantedAtTemporaryNamesAreNeverWrittenThrough() throws Exception {
    buildAndSign(NOW);
    // The names earlier versions wrote to before renaming, planted by someone who can write
    // into the site's folder, each pointing at a file outside it.
    for (String name :
        new String[] {
          "motd/latest/motd.json.asc.motd-tmp",
          "motd/manifest.json.motd-tmp",
          "motd/manifest.json.asc.motd-tmp",
        }) {
      Files.createSymbolicLink(f.site.resolve(name), victim);
    }
    Files.createSymbolicLink(tmp.resolve("project/.site.motd-stamp.tmp"), victim);
    Files.delete(tmp.resolve("project/.site.motd-stamp"));
    Files.createSymbolicLink(tmp.resolve("project/.site.motd-stamp"), victim);

    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello again}\n");
    assertThatThrownBy(
            () -> new SiteSigner(signer).sign(f.site, new SiteSigner.Options(null, NOW, null)))
        .as("a site holding symlinks is refused by sign")
        .isInstanceOf(OutputException.class)
        .hasMessageContaining("motd.json.asc.motd-tmp is a symbolic link");
    f.builder().build(f.site, NOW.plusSeconds(1)); // build drops them, and replaces the stamp link
    new SiteSigner(signer).sign(f.site, new SiteSigner.Options(null, NOW.plusSeconds(1), null));

    assertThat(victim).hasContent("precious");
    assertThat(Files.isSymbolicLink(tmp.resolve("project/.site.motd-stamp"))).isFalse();
    try (var walk = Files.walk(f.site)) {
      assertThat(walk.filter(Files::isSymbolicLink)).isEmpty();
    }
    assertThat(f.read("motd/latest/motd.json")).contains("hello again");
  }

  @Test
  void aFileLinkingOutOfTheSiteIsNeverHashedSignedOrServed() throws Exception {
    buildAndSign(NOW);
    Path link = f.site.resolve("motd/passwd.json");
    Files.createSymbolicLink(link, victim);

    assertThatThrownBy(
            () -> new SiteSigner(signer).sign(f.site, new SiteSigner.Options(null, NOW, null)))
        .isInstanceOf(OutputException.class)
        .hasMessageContaining(link + " is a symbolic link");
    assertThat(f.read("motd/manifest.json")).doesNotContain("passwd");
    assertThatThrownBy(this::verify)
        .isInstanceOfSatisfying(
            VerificationException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).startsWith(link + ": is a symbolic link")));
    assertThatThrownBy(() -> SiteServer.start(f.site, new InetSocketAddress("127.0.0.1", 0), null))
        .isInstanceOf(OutputException.class)
        .hasMessageContaining("refusing to serve");
  }

  @Test
  void aLinkPlantedWhileServingIsNotFollowed() throws Exception {
    buildAndSign(NOW);
    try (SiteServer server =
        SiteServer.start(f.site, new InetSocketAddress("127.0.0.1", 0), null)) {
      Files.createSymbolicLink(f.site.resolve("assets/victim.txt"), victim);
      Files.createDirectories(tmp.resolve("outside/motd"));
      Files.writeString(tmp.resolve("outside/motd/x.json"), "{}");
      Files.createSymbolicLink(f.site.resolve("linked"), tmp.resolve("outside"));
      Files.writeString(SafeFiles.tempFor(f.site.resolve("motd/latest/motd.json")), "half");
      HttpClient http = HttpClient.newHttpClient();
      for (String path :
          new String[] {
            "/assets/victim.txt",
            "/linked/motd/x.json",
            "/motd/latest/" + SafeFiles.tempFor(Path.of("motd.json")).getFileName()
          }) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(404);
        assertThat(r.body()).doesNotContain("precious");
      }
    }
  }

  @Test
  void aFifoInTheSiteIsRefusedAtOnceNotWaitedOn() throws Exception {
    buildAndSign(NOW);
    Path fifo = f.site.resolve("motd/latest/motd.json.asc");
    Files.delete(fifo);
    Tools.Result mk = Tools.run("mkfifo", fifo.toString());
    assertThat(mk.exitCode()).as(mk.all()).isZero();
    // Reading a FIFO blocks until a writer comes; a hang here fails the test, it is no timing.
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          assertThatThrownBy(this::verify)
              .isInstanceOfSatisfying(
                  VerificationException.class,
                  e ->
                      assertThat(e.problems())
                          .anySatisfy(
                              p -> assertThat(p).contains(fifo + ": is not a regular file")));
          assertThatThrownBy(
                  () ->
                      new SiteSigner(signer).sign(f.site, new SiteSigner.Options(null, NOW, null)))
              .hasMessageContaining(fifo + " is not a regular file: a FIFO");
          assertThatThrownBy(
                  () -> SiteServer.start(f.site, new InetSocketAddress("127.0.0.1", 0), null))
              .hasMessageContaining("refusing to serve");
          f.builder().build(f.site, NOW); // build replaces the tree without reading it
        });
    assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void strayTemporaryFilesAreListedByVerifyAndRemovedBySign() throws Exception {
    buildAndSign(NOW);
    Path stray = f.site.resolve("motd/latest/motd.json.asc.motd-tmp");
    Files.writeString(stray, "-----BEGIN PGP SIGNATURE-----\nhalf");
    assertThatThrownBy(this::verify)
        .isInstanceOfSatisfying(
            VerificationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(stray + ": not in the manifest (added after signing?)"));
    var report = new SiteSigner(signer).sign(f.site, new SiteSigner.Options(null, NOW, null));
    assertThat(report.notes())
        .anySatisfy(n -> assertThat(n).contains("dropped motd/latest/motd.json.asc.motd-tmp"));
    assertThat(stray).doesNotExist();
    assertThat(verify().serial()).isPositive();
  }

  @Test
  void anInputFolderThatIsALinkIsReadNotTakenAsEmptyAndLinksInsideItAreStillChecked()
      throws IOException {
    // The review's worst finding: announcements/ as a link published a site with every
    // announcement gone, exit 0, while motd.yaml was still read through the link. The folder is
    // the user's choice, so it is followed; what is inside it is checked as always.
    Files.writeString(Files.createDirectories(f.root.resolve("static")).resolve(".nojekyll"), "");
    for (Path folder : java.util.List.of(f.announcements, f.templates, f.root.resolve("static"))) {
      Path real = Files.move(folder, tmp.resolve("real-" + folder.getFileName()));
      Files.createSymbolicLink(folder, real);
    }
    f.builder().build(f.site, NOW);
    assertThat(f.read("motd/latest/motd.json")).contains("hello");
    assertThat(f.site.resolve(".nojekyll")).exists();

    Files.createSymbolicLink(f.announcements.resolve("leak.yaml"), victim);
    assertThatThrownBy(() -> f.builder().build(f.site, NOW))
        .isInstanceOfSatisfying(
            motd.diagnostic.InvalidInputException.class,
            e ->
                assertThat(e.diagnostics())
                    .anySatisfy(
                        d ->
                            assertThat(d.toString())
                                .startsWith(
                                    f.announcements.resolve("leak.yaml")
                                        + ": error: is a symbolic link to "
                                        + victim.toRealPath())));
  }

  @Test
  void aStatsStoreThatIsALinkOrHoldsAFifoIsRefusedNotDroppedOrWaitedOn() throws Exception {
    Path store = Files.createDirectories(tmp.resolve("real-stats"));
    Files.writeString(store.resolve("2026-11-01.web.counts"), "targeted 40\ngeneric 20\n");
    Files.writeString(store.resolve("2026-11-04.web.counts"), "targeted 40\ngeneric 20\n");
    f.builder().withStats(store).build(f.site, NOW);
    assertThat(f.read("stats/stats.json")).contains("2026-11-01");
    Path link = Files.createSymbolicLink(tmp.resolve("stats-link"), store);
    assertThatThrownBy(() -> f.builder().withStats(link).build(f.site, NOW))
        .isInstanceOf(OutputException.class)
        .hasMessageContaining("is a symbolic link");
    assertThat(f.read("stats/stats.json")).as("the published stats kept").contains("2026-11-01");

    Path fifo = store.resolve("2026-11-02.web.counts");
    Tools.Result mk = Tools.run("mkfifo", fifo.toString());
    assertThat(mk.exitCode()).as(mk.all()).isZero();
    // A FIFO blocks its reader until a writer comes; a hang fails the test, it is no timing.
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () ->
            assertThatThrownBy(() -> f.builder().withStats(store).build(f.site, NOW))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining(fifo + ": is not a regular file"));
  }

  @Test
  void aSiteThatIsASymlinkIsRefused() throws IOException {
    buildAndSign(NOW);
    Path link = Files.createSymbolicLink(tmp.resolve("site-link"), f.site);
    assertThatThrownBy(() -> f.builder().build(link, NOW))
        .isInstanceOf(OutputException.class)
        .hasMessageContaining("is a symbolic link");
    assertThatThrownBy(
            () -> new SiteSigner(signer).sign(link, new SiteSigner.Options(null, NOW, null)))
        .hasMessageContaining("is a symbolic link");
  }
}
