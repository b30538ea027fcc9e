package motd.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import motd.Fixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a site can be tampered with makes verify fail and name the file. */
class TamperTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  @TempDir Path tmp;
  private Path site;
  private Signer signer;

  @BeforeEach
  void signedSite() throws Exception {
    Fixture f = Fixture.create(tmp.resolve("project"));
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    f.write(
        "linux.yaml",
        "published: 2019-01-01\ntarget: {platforms: [linux]}\nmessage: {en: linux}\n");
    f.builder().build(f.site, NOW);
    site = f.site;
    Keys.Generated key =
        Keys.generate(
            "MOTD <motd@example.org>", KeyAlgorithm.ED25519, null, null, NOW.minusSeconds(60));
    Files.writeString(tmp.resolve("key.asc"), key.secretKey());
    signer = KeyFileSigner.load(tmp.resolve("key.asc"), PassphraseSource.none(), NOW);
    new SiteSigner(signer).sign(site, new SiteSigner.Options(null, NOW, null));
    verify(null); // the untouched site passes
  }

  private SiteVerifier.Report verify(Path previous) {
    return verify(previous, NOW);
  }

  private SiteVerifier.Report verify(Path previous, Instant now) {
    return new SiteVerifier()
        .verify(
            site,
            new SiteVerifier.Options(
                java.util.Set.of(signer.fingerprint()), Keyring.empty(), previous, now));
  }

  private void assertFails(String file, String message) {
    assertFails(null, NOW, file, message);
  }

  /** Verifying (against {@code previous}, at {@code now}) fails with a line on {@code file}. */
  private void assertFails(Path previous, Instant now, String file, String message) {
    assertThatThrownBy(() -> verify(previous, now))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith(site.resolve(file).toString())
                                .contains(message)));
  }

  @Test
  void oneByteFlipped() throws Exception {
    Path file = site.resolve("motd/1.0.0rc5-linux2/motd.json");
    byte[] bytes = Files.readAllBytes(file);
    bytes[20] ^= 1;
    Files.write(file, bytes);
    assertFails("motd/1.0.0rc5-linux2/motd.json.asc", "does not verify for these bytes");
    assertFails("motd/1.0.0rc5-linux2/motd.json", "SHA-256 differs from the manifest");
  }

  @Test
  void signatureDeleted() throws Exception {
    Files.delete(site.resolve("motd/latest/motd.json.asc"));
    assertFails("motd/latest/motd.json", "no signature");
  }

  @Test
  void unsignedFileAdded() throws Exception {
    Files.createDirectories(site.resolve("motd/9.9-linux2"));
    Files.writeString(
        site.resolve("motd/9.9-linux2/motd.json"),
        "{\"en\": \"download the urgent update from evil.example\", \"variant\": \"9.9-linux2\"}\n");
    assertFails("motd/9.9-linux2/motd.json", "no signature");
    assertFails("motd/9.9-linux2/motd.json", "not in the manifest");
  }

  @Test
  void signatureFromAnotherKey() throws Exception {
    Keys.Generated other =
        Keys.generate(
            "Mallory <m@example.org>", KeyAlgorithm.ED25519, null, null, NOW.minusSeconds(60));
    Files.writeString(tmp.resolve("other.asc"), other.secretKey());
    Signer mallory = KeyFileSigner.load(tmp.resolve("other.asc"), PassphraseSource.none(), NOW);
    Path file = site.resolve("motd/latest/motd.json");
    Files.write(site.resolve("motd/latest/motd.json.asc"), mallory.sign(Files.readAllBytes(file)));
    assertFails("motd/latest/motd.json.asc", "signed by key " + other.fingerprint().substring(24));
  }

  @Test
  void junkAppendedToASignature() throws Exception {
    Files.writeString(
        site.resolve("motd/latest/motd.json.asc"), "junk\n", StandardOpenOption.APPEND);
    assertFails("motd/latest/motd.json.asc", "extra data after the signature");
  }

  @Test
  void aTruncatedSignatureSaysSo() throws Exception {
    Path asc = site.resolve("motd/latest/motd.json.asc");
    String text = Files.readString(asc);
    Files.writeString(asc, text.substring(0, text.length() / 2));
    assertFails("motd/latest/motd.json.asc", "truncated: the armored signature has no end line");
  }

  @Test
  void aDamagedSignatureSaysSo() throws Exception {
    Path asc = site.resolve("motd/latest/motd.json.asc");
    String text = Files.readString(asc);
    int body = text.indexOf("\n\n") + 2;
    char c = text.charAt(body + 5);
    Files.writeString(
        asc, text.substring(0, body + 5) + (c == 'A' ? 'B' : 'A') + text.substring(body + 6));
    assertFails("motd/latest/motd.json.asc", "damaged");
  }

  @Test
  void aSecondSignatureAppended() throws Exception {
    Path asc = site.resolve("motd/latest/motd.json.asc");
    Files.write(asc, Files.readAllBytes(asc), StandardOpenOption.APPEND);
    assertFails("motd/latest/motd.json.asc", "more than one armored block");
  }

  @Test
  void aManifestFromAnOlderBuild() throws Exception {
    Path older = tmp.resolve("older-manifest.json");
    Files.copy(site.resolve("motd/manifest.json"), older);
    Path olderSig = tmp.resolve("older-manifest.json.asc");
    Files.copy(site.resolve("motd/manifest.json.asc"), olderSig);
    // The maintainers publish an update (serial 2)...
    Files.writeString(
        site.resolve("motd/latest/motd.json"),
        Files.readString(site.resolve("motd/latest/motd.json")).replace("hello", "hello again"));
    new SiteSigner(signer).sign(site, new SiteSigner.Options(null, NOW, null));
    Path current = tmp.resolve("current-manifest.json");
    Files.copy(site.resolve("motd/manifest.json"), current);
    long newer = Manifest.read(current).serial();
    assertThat(newer).isEqualTo(Manifest.read(older).serial() + 1);
    assertThat(verify(older).serial()).isEqualTo(newer);
    // ...and an attacker serves the older, validly signed manifest and file again.
    Files.copy(
        older,
        site.resolve("motd/manifest.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(
        olderSig,
        site.resolve("motd/manifest.json.asc"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertFails(
        current,
        NOW,
        "motd/manifest.json",
        "is lower than the previous manifest's " + newer + " (rolled back)");
  }

  @Test
  void anEqualSerialWithOtherContent() throws Exception {
    Path previous = tmp.resolve("previous.json");
    String json = Files.readString(site.resolve("motd/manifest.json"));
    Files.writeString(
        previous, json.replaceFirst("\"sha256\": \"[0-9a-f]{4}", "\"sha256\": \"0000"));
    assertFails(
        previous,
        NOW,
        "motd/manifest.json",
        "equals the previous manifest's, but the content differs");
    Files.writeString(previous, json);
    assertThat(verify(previous).serial())
        .as("the same manifest again is no rollback")
        .isEqualTo(NOW.getEpochSecond());
  }

  @Test
  void anExpiredManifest() {
    Instant later = NOW.plus(Duration.ofDays(31));
    assertFails(null, later, "motd/manifest.json", "expired at 2026-12-29T00:00:00Z");
  }

  @Test
  void oneVariantsSignedFileCopiedOverAnother() throws Exception {
    for (String name : new String[] {"motd.json", "motd.json.asc"}) {
      Files.copy(
          site.resolve("motd/1.0.0rc5-darwin/" + name),
          site.resolve("motd/1.0.0rc5-linux2/" + name),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertFails(
        "motd/1.0.0rc5-linux2/motd.json",
        "is the file of variant '1.0.0rc5-darwin', served at the path of '1.0.0rc5-linux2'");
  }

  @Test
  void aPinnedFingerprintThatDoesNotMatch() {
    assertThatThrownBy(
            () ->
                new SiteVerifier()
                    .verify(
                        site,
                        new SiteVerifier.Options(
                            java.util.Set.of("00001111222233334444555566667777888899990000"),
                            Keyring.empty(),
                            null,
                            NOW)))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith(site.resolve("motd/manifest.json.asc").toString())
                                .contains("not signed by a trusted key")));
  }

  @Test
  void everyProblemIsReportedAtOnce() throws Exception {
    Files.delete(site.resolve("motd/latest/motd.json.asc"));
    Files.writeString(site.resolve("motd/1.0.0rc6/motd.json.asc"), "x", StandardOpenOption.APPEND);
    Files.writeString(site.resolve("extra.html"), "<p>hi</p>", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> verify(null))
        .isInstanceOfSatisfying(
            VerificationException.class, e -> assertThat(e.problems()).hasSize(3));
  }
}
