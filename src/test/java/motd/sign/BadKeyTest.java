package motd.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.SortedMap;
import motd.Fixture;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.SignatureParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys that cannot be used give one clear line, and the site stays as it was. */
class BadKeyTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  @TempDir Path tmp;
  private Path site;
  private SortedMap<String, String> before;

  @BeforeEach
  void builtSite() throws Exception {
    Fixture f = Fixture.create(tmp.resolve("project"));
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    f.builder().build(f.site, NOW);
    site = f.site;
    before = SignerContract.snapshot(site);
  }

  private Path write(String name, String armored) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, armored);
    return p;
  }

  private void assertKeyError(Path key, PassphraseSource pass, String message) throws Exception {
    assertThatThrownBy(
            () ->
                new SiteSigner(KeyFileSigner.load(key, pass, NOW))
                    .sign(site, new SiteSigner.Options(null, NOW, null)))
        .isInstanceOf(KeyException.class)
        .hasMessageMatching(message);
    assertThat(SignerContract.snapshot(site)).isEqualTo(before);
  }

  @Test
  void wrongPassphrase() throws Exception {
    Keys.Generated k =
        Keys.generate(
            "A <a@example.org>",
            KeyAlgorithm.ED25519,
            null,
            "right".toCharArray(),
            NOW.minusSeconds(60));
    assertKeyError(
        write("k.asc", k.secretKey()),
        PassphraseSource.of("wrong"),
        "wrong passphrase for key [0-9A-F]{16}");
  }

  @Test
  void missingPassphrase() throws Exception {
    Keys.Generated k =
        Keys.generate(
            "A <a@example.org>",
            KeyAlgorithm.ED25519,
            null,
            "right".toCharArray(),
            NOW.minusSeconds(60));
    assertKeyError(
        write("k.asc", k.secretKey()),
        PassphraseSource.none(),
        "key [0-9A-F]{16} is protected by a passphrase; set MOTD_PASSPHRASE.*");
  }

  @Test
  void aPublicCertificateGivenAsTheKey() throws Exception {
    Keys.Generated k =
        Keys.generate("A <a@example.org>", KeyAlgorithm.ED25519, null, null, NOW.minusSeconds(60));
    Path cert = write("cert.asc", k.certificate());
    assertKeyError(
        cert, PassphraseSource.none(), ".*cert.asc holds a public certificate, not a secret key");
  }

  @Test
  void notAKeyAtAll() throws Exception {
    assertKeyError(
        write("junk.asc", "hello\n"),
        PassphraseSource.none(),
        ".*junk.asc (is not an OpenPGP key|holds no OpenPGP key).*");
  }

  @Test
  void anExpiredKey() throws Exception {
    Keys.Generated k =
        Keys.generate(
            "A <a@example.org>",
            KeyAlgorithm.ED25519,
            Duration.ofDays(1),
            null,
            NOW.minus(Duration.ofDays(400)));
    assertKeyError(
        write("k.asc", k.secretKey()),
        PassphraseSource.none(),
        "key [0-9A-F]{16} expired on 2025-.*");
  }

  @Test
  void aKeyThatPrefersSha1StillSignsWithSha512() throws Exception {
    // Made directly with Bouncy Castle: a v4 Ed25519 key whose preferences list SHA-1 first.
    SignatureParameters.Callback sha1First =
        new SignatureParameters.Callback() {
          @Override
          public SignatureParameters apply(SignatureParameters p) {
            return p.setSignatureHashAlgorithm(HashAlgorithmTags.SHA256)
                .setHashedSubpacketsFunction(
                    s -> {
                      s.removePacketsOfType(SignatureSubpacketTags.KEY_FLAGS);
                      s.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
                      s.removePacketsOfType(SignatureSubpacketTags.PREFERRED_HASH_ALGS);
                      s.setPreferredHashAlgorithms(
                          false, new int[] {HashAlgorithmTags.SHA1, HashAlgorithmTags.SHA256});
                      return s;
                    });
          }
        };
    OpenPGPKey key =
        new org.bouncycastle.openpgp.api.bc.BcOpenPGPApi()
            .generateKey(PublicKeyPacket.VERSION_4, Date.from(NOW.minusSeconds(60)), false)
            .withPrimaryKey(g -> g.generateLegacyEd25519KeyPair(), sha1First)
            .addUserId("Old <old@example.org>", sha1First)
            .build(null);
    Path file = write("sha1.asc", key.toAsciiArmoredString());
    Signer signer = KeyFileSigner.load(file, PassphraseSource.none(), NOW);
    byte[] sig = signer.sign("{}\n".getBytes());
    PGPSignature parsed =
        ((org.bouncycastle.openpgp.PGPSignatureList)
                new org.bouncycastle.openpgp.bc.BcPGPObjectFactory(
                        org.bouncycastle.bcpg.ArmoredInputStream.builder()
                            .build(new java.io.ByteArrayInputStream(sig)))
                    .nextObject())
            .get(0);
    assertThat(parsed.getHashAlgorithm()).isEqualTo(HashAlgorithmTags.SHA512);
    new SiteSigner(signer).sign(site, new SiteSigner.Options(null, NOW, null));
    assertThat(
            new SiteVerifier()
                .verify(
                    site,
                    new SiteVerifier.Options(
                        java.util.Set.of(signer.fingerprint()), Keyring.empty(), null, NOW))
                .signaturesChecked())
        .isPositive();
  }

  @Test
  void aSignatureMadeWithSha1IsRefused() throws Exception {
    Keys.Generated k =
        Keys.generate("A <a@example.org>", KeyAlgorithm.ED25519, null, null, NOW.minusSeconds(60));
    OpenPGPKey key =
        new org.bouncycastle.openpgp.api.bc.BcOpenPGPApi()
            .readKeyOrCertificate()
            .parseKey(k.secretKey());
    var sigs =
        new org.bouncycastle.openpgp.api.bc.BcOpenPGPApi()
            .createDetachedSignature()
            .addSigningKey(
                key,
                new SignatureParameters.Callback() {
                  @Override
                  public SignatureParameters apply(SignatureParameters p) {
                    return p.setSignatureHashAlgorithm(HashAlgorithmTags.SHA1);
                  }
                })
            .sign(new java.io.ByteArrayInputStream("{}\n".getBytes()));
    byte[] armored = sigs.get(0).toAsciiArmoredString().getBytes();
    SignatureCheck check = new SignatureCheck(Keys.parseCertificate(k.certificate(), "test"), NOW);
    assertThat(check.problem("{}\n".getBytes(), armored))
        .hasValue("made with SHA-1, which is refused as weak");
  }
}
