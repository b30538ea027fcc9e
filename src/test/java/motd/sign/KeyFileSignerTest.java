package motd.sign;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The signer contract, for keys made by {@code motd keygen} and read from a file. */
class KeyFileSignerTest extends SignerContract {
  @Override
  Signer signer() throws Exception {
    Keys.Generated key =
        Keys.generate(
            "MOTD <motd@example.org>",
            KeyAlgorithm.ED25519,
            null,
            "pw".toCharArray(),
            NOW.minusSeconds(60));
    Path file = tmp.resolve("key.asc");
    Files.writeString(file, key.secretKey());
    return KeyFileSigner.load(file, PassphraseSource.of("pw"), NOW);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void bothAlgorithmsVerifyWithGpgvAndSqv(KeyAlgorithm algorithm) throws Exception {
    Keys.Generated key =
        Keys.generate(
            "MOTD <motd@example.org>",
            algorithm,
            java.time.Duration.ofDays(730),
            null,
            NOW.minusSeconds(60));
    Path dir = Files.createDirectories(tmp.resolve(algorithm.label()));
    Files.writeString(dir.resolve("key.asc"), key.secretKey());
    Files.writeString(dir.resolve("cert.asc"), key.certificate());
    Signer signer = KeyFileSigner.load(dir.resolve("key.asc"), PassphraseSource.none(), NOW);
    byte[] data = Files.readAllBytes(fixture.site.resolve("motd/latest/motd.json"));
    Files.write(dir.resolve("motd.json"), data);
    Files.write(dir.resolve("motd.json.asc"), signer.sign(data));
    org.assertj.core.api.Assertions.assertThat(
            External.gpgv(
                tmp,
                dir.resolve("cert.asc"),
                dir.resolve("motd.json.asc"),
                dir.resolve("motd.json")))
        .isZero();
    org.assertj.core.api.Assertions.assertThat(
            External.sqv(
                dir.resolve("cert.asc"), dir.resolve("motd.json.asc"), dir.resolve("motd.json")))
        .isZero();
  }
}
