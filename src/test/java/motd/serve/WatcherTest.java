package motd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import motd.Fixture;
import motd.sign.KeyAlgorithm;
import motd.sign.KeyFileSigner;
import motd.sign.Keyring;
import motd.sign.Keys;
import motd.sign.PassphraseSource;
import motd.sign.SiteSigner;
import motd.sign.SiteVerifier;
import motd.site.Signing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --watch} on a signed site re-signs with the keys {@code sign} would use, or leaves
 * the site alone: never half signed (the review found 45 signatures missing after an edit).
 */
class WatcherTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  @TempDir Path tmp;
  private Fixture f;
  private Path key;
  private String fingerprint;
  private Path stats;

  @BeforeEach
  void signedSite() throws Exception {
    f = Fixture.create(tmp.resolve("project"));
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    stats = Files.createDirectories(tmp.resolve("project/stats"));
    Files.writeString(stats.resolve("2026-11-01.web.counts"), "targeted 40\ngeneric 20\n");
    Files.writeString(stats.resolve("2026-11-04.web.counts"), "targeted 40\ngeneric 20\n");
    f.builder().withStats(stats).build(f.site, NOW);
    Keys.Generated k =
        Keys.generate(
            "M <m@example.org>",
            KeyAlgorithm.ED25519,
            null,
            "pw".toCharArray(),
            NOW.minusSeconds(60));
    key = Files.writeString(tmp.resolve("key.asc"), k.secretKey());
    fingerprint = k.fingerprint();
    new SiteSigner(KeyFileSigner.load(key, PassphraseSource.of("pw"), NOW))
        .sign(f.site, new SiteSigner.Options(null, NOW, null));
  }

  private void rebuild(Signing.KeyChoice keys, StringWriter out, StringWriter err) {
    Watcher.rebuild(
        f.announcements,
        f.templates,
        f.site,
        stats,
        keys,
        () -> NOW.plusSeconds(60),
        new PrintWriter(out, true),
        new PrintWriter(err, true));
  }

  private void verify() {
    new SiteVerifier()
        .verify(
            f.site,
            new SiteVerifier.Options(
                Set.of(fingerprint), Keyring.empty(), null, NOW.plusSeconds(60)));
  }

  @Test
  void anEditIsRebuiltAndReSignedWithTheKeySignWouldUse() {
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello after an edit}\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // As with sign: no --key, so $MOTD_SIGNING_KEY (here, the environment key) is used.
    rebuild(
        new Signing.KeyChoice(
            List.of(),
            List.of(),
            "gpg",
            key,
            tmp.resolve("default.asc"),
            PassphraseSource.of("pw")),
        out,
        err);
    assertThat(err.toString()).doesNotContain("not rebuilt");
    assertThat(out.toString()).contains("built ").contains("signed ");
    assertThat(f.read("motd/latest/motd.json")).contains("after an edit");
    // A watch rebuild is the build the maintainer runs: the published figures stay.
    assertThat(f.read("stats/stats.json")).contains("2026-11-01");
    verify();
  }

  @Test
  void aSignedSiteThatCannotBeReSignedIsNotRebuilt() throws Exception {
    String before = f.read("motd/latest/motd.json");
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello after an edit}\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    rebuild(
        new Signing.KeyChoice(
            List.of(), List.of(), "gpg", key, tmp.resolve("default.asc"), PassphraseSource.none()),
        out,
        err);
    assertThat(err.toString())
        .contains("not rebuilt")
        .contains("protected by a passphrase")
        .contains("still serving the previous site");
    assertThat(f.read("motd/latest/motd.json")).isEqualTo(before);
    verify();
  }
}
