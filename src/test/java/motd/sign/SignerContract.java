package motd.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import motd.Fixture;
import motd.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Signer} must do, run against each implementation: signatures that our own
 * check, gpgv and sqv accept; that fail on other bytes and other keys; and signing a site all or
 * nothing.
 */
abstract class SignerContract {
  static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  @TempDir Path tmp;
  Fixture fixture;

  /** A signer for a fresh key. */
  abstract Signer signer() throws Exception;

  @BeforeEach
  void buildSite() {
    fixture = Fixture.create(tmp.resolve("project"));
    fixture.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello, de: hallo}\n");
    fixture.write(
        "linux.yaml",
        "published: 2019-01-01\ntarget: {platforms: [linux]}\nmessage: {en: linux}\n");
    fixture.builder().build(fixture.site, NOW);
  }

  @Test
  void signaturesVerifyWithOurCheckGpgvAndSqv() throws Exception {
    Signer signer = signer();
    byte[] data = "{\"en\": \"news\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] sig = signer.sign(data);
    SignatureCheck check =
        new SignatureCheck(Keys.parseCertificate(signer.certificate(), "test"), NOW);
    assertThat(check.problem(data, sig)).isEmpty();
    Path dir = Files.createDirectories(tmp.resolve("files"));
    Files.write(dir.resolve("motd.json"), data);
    Files.write(dir.resolve("motd.json.asc"), sig);
    Files.writeString(dir.resolve("cert.asc"), signer.certificate());
    assertThat(
            External.gpgv(
                tmp,
                dir.resolve("cert.asc"),
                dir.resolve("motd.json.asc"),
                dir.resolve("motd.json")))
        .isZero();
    assertThat(
            External.sqv(
                dir.resolve("cert.asc"), dir.resolve("motd.json.asc"), dir.resolve("motd.json")))
        .isZero();
  }

  @Test
  void signaturesFailForOtherBytesAndOtherKeys() throws Exception {
    Signer signer = signer();
    byte[] data = "{}\n".getBytes(StandardCharsets.UTF_8);
    byte[] sig = signer.sign(data);
    SignatureCheck check =
        new SignatureCheck(Keys.parseCertificate(signer.certificate(), "test"), NOW);
    assertThat(check.problem("{ }\n".getBytes(StandardCharsets.UTF_8), sig))
        .hasValueSatisfying(p -> assertThat(p).contains("does not verify"));
    Keys.Generated other =
        Keys.generate(
            "Other <o@example.org>", KeyAlgorithm.ED25519, null, null, NOW.minusSeconds(60));
    SignatureCheck otherCheck =
        new SignatureCheck(Keys.parseCertificate(other.certificate(), "other"), NOW);
    assertThat(otherCheck.problem(data, sig))
        .hasValueSatisfying(
            p -> assertThat(p).startsWith("signed by key ").endsWith("not known here"));
  }

  @Test
  void aSignedSiteVerifies() throws Exception {
    Signer signer = signer();
    SignReport report =
        new SiteSigner(signer).sign(fixture.site, new SiteSigner.Options(null, NOW, null));
    assertThat(report.signed()).isEqualTo(19);
    assertThat(report.serial())
        .as("a fresh site's serial is the signing time")
        .isEqualTo(NOW.getEpochSecond());
    SiteVerifier.Report verified =
        new SiteVerifier()
            .verify(
                fixture.site,
                new SiteVerifier.Options(
                    java.util.Set.of(signer.fingerprint()), Keyring.empty(), null, NOW));
    assertThat(verified.signaturesChecked()).isEqualTo(19 + 1); // 19 MOTD files and the manifest
    assertThat(
            External.sqv(
                fixture.site.resolve("motd/signing-key.asc"),
                fixture.site.resolve("motd/manifest.json.asc"),
                fixture.site.resolve("motd/manifest.json")))
        .isZero();
  }

  @Test
  void aSecondSignWithoutChangesRewritesNothing() throws Exception {
    Signer signer = signer();
    new SiteSigner(signer).sign(fixture.site, new SiteSigner.Options(null, NOW, null));
    SortedMap<String, String> before = snapshot(fixture.site);
    SignReport again =
        new SiteSigner(signer)
            .sign(fixture.site, new SiteSigner.Options(null, NOW.plusSeconds(3600), null));
    assertThat(again.signed()).isZero();
    assertThat(again.manifestWritten()).isFalse();
    assertThat(snapshot(fixture.site)).isEqualTo(before);
  }

  @Test
  void signingThatFailsMidwayLeavesTheSiteByteIdentical() throws Exception {
    Signer real = signer();
    SortedMap<String, String> before = snapshot(fixture.site);
    AtomicInteger calls = new AtomicInteger();
    Signer failing =
        new Signer() {
          @Override
          public byte[] sign(byte[] data) {
            if (calls.incrementAndGet() == 3) {
              throw new KeyException("smartcard removed");
            }
            return real.sign(data);
          }

          @Override
          public String fingerprint() {
            return real.fingerprint();
          }

          @Override
          public String certificate() {
            return real.certificate();
          }
        };
    assertThatThrownBy(
            () ->
                new SiteSigner(failing).sign(fixture.site, new SiteSigner.Options(null, NOW, null)))
        .isInstanceOf(KeyException.class)
        .hasMessage("smartcard removed");
    // Every signing that had started was awaited: no gpg (or other child) is still running.
    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList())
        .isEmpty();
    assertThat(snapshot(fixture.site)).isEqualTo(before);
  }

  static SortedMap<String, String> snapshot(Path root) throws IOException {
    SortedMap<String, String> out = new TreeMap<>();
    try (var walk = Files.walk(root)) {
      for (Path p :
          (Iterable<Path>)
              walk.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                  ::iterator) {
        out.put(
            root.relativize(p).toString(),
            motd.emit.SiteFileIo.sha256(Files.readAllBytes(p))
                + "@"
                + Files.getLastModifiedTime(p));
      }
    }
    return out;
  }

  /** The real verifiers people use. */
  static final class External {
    static int gpgv(Path tmp, Path cert, Path sig, Path data) throws IOException {
      Tools.require("gpgv");
      Tools.require("gpg");
      Path keyring = tmp.resolve("keyring-" + System.nanoTime() + ".gpg");
      Tools.Result dearmor =
          Tools.run(
              "gpg",
              "--batch",
              "--yes",
              "--output",
              keyring.toString(),
              "--dearmor",
              cert.toString());
      assertThat(dearmor.exitCode()).as(dearmor.all()).isZero();
      Tools.Result r =
          Tools.run("gpgv", "--keyring", keyring.toString(), sig.toString(), data.toString());
      assertThat(r.err()).as("gpgv").contains("Good signature");
      return r.exitCode();
    }

    static int sqv(Path cert, Path sig, Path data) {
      Tools.require("sqv");
      Tools.Result r =
          Tools.run("sqv", "--keyring", cert.toString(), sig.toString(), data.toString());
      assertThat(r.exitCode()).as(r.all()).isZero();
      return r.exitCode();
    }
  }
}
