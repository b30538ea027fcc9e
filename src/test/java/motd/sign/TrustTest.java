package motd.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import motd.Fixture;
import motd.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a signature is worth: only keys trusted from outside the site count, and a key change is
 * accepted only when a previous key endorses it. The review's attack (replace the certificate,
 * re-sign everything with one's own key, continue the serial) fails with and without a pin.
 */
class TrustTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  @TempDir Path tmp;
  private Fixture f;
  private Signer maintainer;

  @BeforeEach
  void signedSite() throws Exception {
    f = Fixture.create(tmp.resolve("project"));
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    f.builder().build(f.site, NOW);
    maintainer = signer("maintainer");
    new SiteSigner(maintainer).sign(f.site, new SiteSigner.Options(null, NOW, null));
  }

  private Signer signer(String name) throws Exception {
    Keys.Generated k =
        Keys.generate(
            name + " <" + name + "@example.org>",
            KeyAlgorithm.ED25519,
            null,
            null,
            NOW.minus(Duration.ofDays(1)));
    Path file = tmp.resolve(name + ".asc");
    Files.writeString(file, k.secretKey());
    return KeyFileSigner.load(file, PassphraseSource.none(), NOW);
  }

  private SiteVerifier.Report verify(Set<String> trusted, Path previous, Instant now) {
    return new SiteVerifier()
        .verify(f.site, new SiteVerifier.Options(trusted, Keyring.empty(), previous, now));
  }

  private void assertRefused(Set<String> trusted, Path previous, Instant now, String message) {
    assertThatThrownBy(() -> verify(trusted, previous, now))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(message)));
  }

  private Path keep(String name) throws Exception {
    Path copy = tmp.resolve(name);
    Files.copy(f.site.resolve("motd/manifest.json"), copy);
    return copy;
  }

  @Test
  void anAttackerWhoReplacesTheKeyAndContinuesTheSerialIsRefused() throws Exception {
    Path previous = keep("seen-manifest.json");
    long serial = Manifest.read(previous).serial();
    // The attacker changes a file, then signs the whole site with their own key: the site's
    // certificate becomes theirs and the serial goes on from the one they found.
    Files.writeString(
        f.site.resolve("motd/latest/motd.json"),
        Files.readString(f.site.resolve("motd/latest/motd.json"))
            .replace("hello", "download the update from evil.example"));
    Signer attacker = signer("attacker");
    SignReport forged =
        new SiteSigner(attacker)
            .sign(f.site, new SiteSigner.Options(null, NOW.plusSeconds(60), null));
    assertThat(forged.serial()).isGreaterThan(serial);
    Instant later = NOW.plusSeconds(120);
    // The site now proves itself with its own certificate...
    assertThat(verify(Set.of(attacker.fingerprint()), null, later).serial())
        .isEqualTo(forged.serial());
    // ...which proves nothing: the maintainers' key (a pin, or the repository's list) refuses it,
    assertRefused(
        Set.of(maintainer.fingerprint()),
        null,
        later,
        "not signed by a trusted key (signed by " + attacker.fingerprint());
    // and so does the previous manifest alone, since its key did not endorse the new one,
    assertRefused(Set.of(), previous, later, "a key change is accepted only when a previous key");
    // and with both.
    assertRefused(Set.of(maintainer.fingerprint()), previous, later, "not signed by a trusted key");
  }

  @Test
  void withNothingTrustedVerificationFailsClosed() {
    assertThatThrownBy(() -> verify(Set.of(), null, NOW))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e ->
                assertThat(e.problems().get(0))
                    .contains("no trusted key")
                    .contains("the site's own signing-key.asc proves nothing"));
  }

  @Test
  void aRotationPassesEveryStepAndAnAttackerFailsAtEach() throws Exception {
    Signer old = maintainer;
    Signer next = signer("next");
    Signer attacker = signer("attacker");
    Path step1 = keep("step1.json");

    // Step 2: old and new sign together; the manifest names both.
    Instant t2 = NOW.plusSeconds(60);
    touch("two keys");
    SignReport r2 =
        new SiteSigner(List.of(next, old)).sign(f.site, new SiteSigner.Options(null, t2, null));
    assertThat(r2.keys()).containsExactly(next.fingerprint(), old.fingerprint());
    assertThat(Manifest.read(f.site.resolve("motd/manifest.json")).keys())
        .containsExactly(next.fingerprint(), old.fingerprint());
    assertThat(verify(Set.of(), step1, t2).keys()).hasSize(2);
    assertThat(verify(Set.of(old.fingerprint()), null, t2).serial()).isEqualTo(r2.serial());
    assertThat(verify(Set.of(next.fingerprint()), null, t2).serial()).isEqualTo(r2.serial());
    everyFileVerifiesWithGpgvAndSqv(old, next);
    Path step2 = keep("step2.json");
    assertAttackerFails(attacker, step2, t2.plusSeconds(1));

    // Step 3: the new key alone; the previous manifest named it, so the change is endorsed.
    Instant t3 = t2.plusSeconds(60);
    touch("new key only");
    SignReport r3 = new SiteSigner(next).sign(f.site, new SiteSigner.Options(null, t3, null));
    assertThat(r3.notes()).noneMatch(n -> n.contains("key change"));
    assertThat(verify(Set.of(), step2, t3).keys()).containsExactly(next.fingerprint());
    assertRefused(
        Set.of(), step1, t3, "a key change is accepted only when a previous key signs too");
    assertRefused(Set.of(old.fingerprint()), null, t3, "not signed by a trusted key");
    assertAttackerFails(attacker, keep("step3.json"), t3.plusSeconds(1));
  }

  @Test
  void signingWithANewKeyAloneWarnsThatClientsWillRefuseTheChange() throws Exception {
    touch("changed");
    SignReport r =
        new SiteSigner(signer("other"))
            .sign(f.site, new SiteSigner.Options(null, NOW.plusSeconds(60), null));
    assertThat(r.notes())
        .anySatisfy(
            n ->
                assertThat(n)
                    .contains("previous manifest was signed by")
                    .contains("--key NEW --key OLD"));
  }

  /** The attacker signs the current site alone: refused against the previous manifest. */
  private void assertAttackerFails(Signer attacker, Path previous, Instant at) throws Exception {
    Path backup = tmp.resolve("backup-" + at.getEpochSecond());
    Fixture.copyTree(f.site, backup);
    new SiteSigner(attacker).sign(f.site, new SiteSigner.Options(null, at, null));
    assertRefused(Set.of(), previous, at, "a key change is accepted only when a previous key");
    motd.emit.SiteWriter.deleteTree(f.site);
    Fixture.copyTree(backup, f.site);
  }

  /** Changes the generic file's bytes, as a rebuild with new news would. */
  private void touch(String text) throws Exception {
    Path latest = f.site.resolve("motd/latest/motd.json");
    String json = Files.readString(latest);
    Files.writeString(latest, json.replaceFirst("\"en\": \"[^\"]*\"", "\"en\": \"" + text + "\""));
  }

  /** gpgv and sqv accept the two-signature files with either certificate alone, or both. */
  private void everyFileVerifiesWithGpgvAndSqv(Signer a, Signer b) throws Exception {
    Tools.require("gpg");
    Tools.require("gpgv");
    Tools.require("sqv");
    Path data = f.site.resolve("motd/latest/motd.json");
    Path sig = f.site.resolve("motd/latest/motd.json.asc");
    Path both = f.site.resolve("motd/signing-key.asc");
    Path certA = Files.writeString(tmp.resolve("a.asc"), a.certificate());
    Path certB = Files.writeString(tmp.resolve("b.asc"), b.certificate());
    for (Path cert : List.of(certA, certB, both)) {
      Tools.Result sqv =
          Tools.run("sqv", "--keyring", cert.toString(), sig.toString(), data.toString());
      assertThat(sqv.exitCode()).as("sqv with " + cert + ": " + sqv.all()).isZero();
      Path ring = tmp.resolve(cert.getFileName() + ".gpg");
      assertThat(
              Tools.run(
                      "gpg",
                      "--batch",
                      "--yes",
                      "--output",
                      ring.toString(),
                      "--dearmor",
                      cert.toString())
                  .exitCode())
          .isZero();
      Tools.Result gpgv =
          Tools.run(
              "gpgv",
              "--status-fd",
              "1",
              "--keyring",
              ring.toString(),
              sig.toString(),
              data.toString());
      assertThat(gpgv.out()).doesNotContain("BADSIG");
      if (cert.equals(both)) {
        assertThat(gpgv.exitCode()).as(gpgv.all()).isZero();
        assertThat(gpgv.out())
            .contains("VALIDSIG " + a.fingerprint())
            .contains("VALIDSIG " + b.fingerprint());
      } else {
        // gpgv checks the signature of the key it has and says "Good signature"; for the other
        // it reports a missing key (NO_PUBKEY) and exits 2, as it does for any unknown signer.
        String fpr = cert.equals(certA) ? a.fingerprint() : b.fingerprint();
        assertThat(gpgv.out()).contains("VALIDSIG " + fpr).contains("NO_PUBKEY");
        assertThat(gpgv.err()).contains("Good signature");
      }
    }
  }
}
