package motd.sign;

import motd.diagnostic.MotdException;

/**
 * A signing key cannot be used: wrong passphrase, a certificate where a secret key belongs, an
 * expired or revoked key, or one that cannot sign. Exit code 4. The site is left as it was.
 */
public final class KeyException extends MotdException {
  public static final int EXIT_CODE = 4;

  public KeyException(String message) {
    super(message);
  }

  public KeyException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return EXIT_CODE;
  }
}
