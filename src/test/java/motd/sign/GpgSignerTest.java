package motd.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The signer contract, for a key that lives in GnuPG ({@code motd sign --gpg-key}). */
class GpgSignerTest extends SignerContract {
  private Gpg gpg;

  @Override
  Signer signer() throws Exception {
    gpg = new Gpg(tmp);
    String fpr = gpg.quickGenKey("GPG MOTD <gpg@example.org>", "ed25519", NOW.minusSeconds(60));
    return GpgSigner.open("gpg", fpr, gpg.env(), NOW);
  }

  @AfterEach
  void stopAgent() {
    if (gpg != null) {
      gpg.stopAgent();
    }
  }

  /**
   * gpg ignores {@code --faked-system-time T!} when T is the current second and uses its real
   * clock, so a signature begun at the end of that second is dated the next one. This wrapper makes
   * gpg do that on its first signature, every time.
   */
  @Test
  void aSignatureThatGpgDatesASecondLateIsMadeAgainAtTheSigningTime() throws Exception {
    gpg = new Gpg(tmp);
    String fpr = gpg.quickGenKey("GPG MOTD <gpg@example.org>", "ed25519", NOW.minusSeconds(60));
    Path marker = tmp.resolve("shifted-once");
    Path wrapper = tmp.resolve("gpg-at-a-second-boundary");
    Files.writeString(
        wrapper,
        """
        #!/bin/bash
        args=()
        for a in "$@"; do
          if [[ ! -e "$MOTD_TEST_MARKER" && "$a" =~ ^[0-9]+!$ ]]; then
            a="$(( ${a%!} + 1 ))!"
            : > "$MOTD_TEST_MARKER"
          fi
          args+=("$a")
        done
        exec gpg "${args[@]}"
        """);
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> env = new HashMap<>(gpg.env());
    env.put("MOTD_TEST_MARKER", marker.toString());
    Signer signer = GpgSigner.open(wrapper.toString(), fpr, env, NOW);
    byte[] data = "{}\n".getBytes(StandardCharsets.UTF_8);
    byte[] sig = signer.sign(data);
    assertThat(marker).as("the first signature was dated a second late").exists();
    assertThat(SignatureCheck.madeAt(sig, NOW)).isTrue();
    assertThat(
            new SignatureCheck(Keys.parseCertificate(signer.certificate(), "t"), NOW)
                .problem(data, sig))
        .isEmpty();
  }
}
