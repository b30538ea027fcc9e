package motd.sign;

import java.util.Locale;

/** The key types {@code keygen} makes: both verify with GnuPG 2.2 and Sequoia. */
public enum KeyAlgorithm {
  /** Ed25519 in its legacy EdDSA form (algorithm 22), the one GnuPG 2.2 understands. */
  ED25519,
  /** RSA with a 4096-bit modulus. */
  RSA4096;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
