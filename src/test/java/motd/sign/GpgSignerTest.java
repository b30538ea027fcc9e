package motd.sign;

import org.junit.jupiter.api.AfterEach;

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
}
