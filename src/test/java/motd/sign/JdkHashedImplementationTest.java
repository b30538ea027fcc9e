package motd.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.PacketFormat;
import org.bouncycastle.openpgp.api.OpenPGPApi;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.OpenPGPSignature;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.junit.jupiter.api.Test;

/**
 * Hashing Ed25519 signatures with the JDK changes nothing but the time: the signatures are the ones
 * Bouncy Castle's own implementation makes, and checking them accepts exactly what it accepts.
 */
class JdkHashedImplementationTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

  private static byte[] sign(OpenPGPApi api, OpenPGPKey.OpenPGPSecretKey key, byte[] data)
      throws Exception {
    List<OpenPGPSignature.OpenPGPDocumentSignature> sigs =
        api.createDetachedSignature()
            .addSigningKey(key, k -> null, Crypto.sha512At(Date.from(NOW)))
            .sign(new ByteArrayInputStream(data));
    return sigs.get(0)
        .toAsciiArmoredString(PacketFormat.ROUNDTRIP, ArmoredOutputStream.builder().clearHeaders())
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void ed25519SignaturesAreBouncyCastlesOwnByteForByte() throws Exception {
    Keys.Generated made =
        Keys.generate("M <m@example.org>", KeyAlgorithm.ED25519, null, null, NOW.minusSeconds(60));
    OpenPGPKey key = new BcOpenPGPApi().readKeyOrCertificate().parseKey(made.secretKey());
    OpenPGPKey.OpenPGPSecretKey secret =
        key.getSecretKey(key.getSigningKeys(Date.from(NOW)).get(0));
    OpenPGPApi bc = new BcOpenPGPApi(Crypto.policy());
    OpenPGPApi jdk = Crypto.api();
    assertThat(jdk.getImplementation()).isInstanceOf(JdkHashedImplementation.class);
    Random random = new Random(42);
    for (int size : new int[] {0, 1, 127, 128, 129, 30_000, 1 << 20}) {
      byte[] data = new byte[size];
      random.nextBytes(data);
      byte[] expected = sign(bc, secret, data);
      assertThat(sign(jdk, secret, data)).as("%d bytes", size).isEqualTo(expected);

      OpenPGPCertificate cert = key.toCertificate();
      SignatureCheck check = new SignatureCheck(cert, NOW);
      assertThat(check.problem(data, expected)).as("%d bytes", size).isEmpty();
      if (size > 0) {
        byte[] changed = data.clone();
        changed[size / 2] ^= 1;
        assertThat(check.problem(changed, expected)).as("a flipped bit").isPresent();
      }
    }
  }
}
