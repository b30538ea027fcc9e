package motd.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.api.KeyPairGeneratorCallback;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.SignatureParameters;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * Verification refuses signatures that are well-formed but not trustworthy: short RSA keys, keys
 * expired when they signed, revoked keys. Signatures here are made with Bouncy Castle's low-level
 * generator, which, unlike motd's signer, does whatever it is told.
 */
class WeakCryptoTest {
  private static final Instant NOW = Instant.now();
  private static final byte[] DATA = "{\"en\": \"news\"}\n".getBytes(StandardCharsets.UTF_8);

  private static OpenPGPKey key(KeyPairGeneratorCallback pair, Instant created, Duration lifetime)
      throws Exception {
    SignatureParameters.Callback self =
        new SignatureParameters.Callback() {
          @Override
          public SignatureParameters apply(SignatureParameters p) {
            return p.setSignatureHashAlgorithm(HashAlgorithmTags.SHA512)
                .setHashedSubpacketsFunction(
                    s -> {
                      s.removePacketsOfType(SignatureSubpacketTags.KEY_FLAGS);
                      s.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
                      if (lifetime != null) {
                        s.removePacketsOfType(SignatureSubpacketTags.KEY_EXPIRE_TIME);
                        s.setKeyExpirationTime(true, lifetime.getSeconds());
                      }
                      return s;
                    });
          }
        };
    return new BcOpenPGPApi()
        .generateKey(PublicKeyPacket.VERSION_4, Date.from(created), false)
        .withPrimaryKey(pair, self)
        .addUserId("Test <t@example.org>", self)
        .build(null);
  }

  /** A SHA-512 document signature by {@code key}'s primary key, dated {@code at}. */
  private static byte[] rawSign(OpenPGPKey key, Instant at) throws Exception {
    PGPPrivateKey priv =
        key.getPrimarySecretKey().unlock((char[]) null).getKeyPair().getPrivateKey();
    PGPSignatureGenerator gen =
        new PGPSignatureGenerator(
            new BcPGPContentSignerBuilder(
                key.getPrimaryKey().getAlgorithm(), HashAlgorithmTags.SHA512),
            key.getPrimaryKey().getPGPPublicKey());
    gen.init(PGPSignature.BINARY_DOCUMENT, priv);
    PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
    hashed.setSignatureCreationTime(true, Date.from(at));
    hashed.setIssuerFingerprint(false, key.getPrimaryKey().getPGPPublicKey());
    gen.setHashedSubpackets(hashed.generate());
    gen.update(DATA);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
      gen.generate().encode(armor);
    }
    return out.toByteArray();
  }

  private static SignatureCheck checkFor(OpenPGPKey key) throws Exception {
    return new SignatureCheck(
        Keys.parseCertificate(key.toCertificate().toAsciiArmoredString(), "test"), NOW);
  }

  @Test
  void aValidSignatureFromTheSameKindOfKeyPasses() throws Exception {
    OpenPGPKey key =
        key(
            g -> g.generateLegacyEd25519KeyPair(),
            NOW.minus(Duration.ofDays(10)),
            Duration.ofDays(30));
    assertThat(checkFor(key).problem(DATA, rawSign(key, NOW.minus(Duration.ofDays(5))))).isEmpty();
  }

  @Test
  void rsaUnder2048BitsIsRefused() throws Exception {
    OpenPGPKey key = key(g -> g.generateRsaKeyPair(1024), NOW.minus(Duration.ofDays(1)), null);
    assertThat(checkFor(key).problem(DATA, rawSign(key, NOW.minusSeconds(60)))).isPresent();
    OpenPGPKey strong = key(g -> g.generateRsaKeyPair(2048), NOW.minus(Duration.ofDays(1)), null);
    assertThat(checkFor(strong).problem(DATA, rawSign(strong, NOW.minusSeconds(60))))
        .as("2048 bits is enough")
        .isEmpty();
  }

  @Test
  void aSignatureMadeAfterTheKeyExpiredIsRefused() throws Exception {
    OpenPGPKey key =
        key(
            g -> g.generateLegacyEd25519KeyPair(),
            NOW.minus(Duration.ofDays(10)),
            Duration.ofDays(1));
    assertThat(checkFor(key).problem(DATA, rawSign(key, NOW.minus(Duration.ofDays(2)))))
        .isPresent();
  }

  @Test
  void aRevokedKeyIsRefused() throws Exception {
    OpenPGPKey key =
        key(g -> g.generateLegacyEd25519KeyPair(), NOW.minus(Duration.ofDays(10)), null);
    byte[] sig = rawSign(key, NOW.minus(Duration.ofDays(5)));
    assertThat(checkFor(key).problem(DATA, sig)).as("before the revocation").isEmpty();
    OpenPGPKey revoked =
        new BcOpenPGPApi().editKey(key).revokeComponentKey(key.getPrimaryKey()).done();
    assertThat(checkFor(revoked).problem(DATA, sig)).isPresent();
  }
}
