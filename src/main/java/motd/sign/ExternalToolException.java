package motd.sign;

import motd.diagnostic.MotdException;

/** An external program (gpg) failed or is missing. Exit code 5. */
public final class ExternalToolException extends MotdException {
  public static final int EXIT_CODE = 5;

  public ExternalToolException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return EXIT_CODE;
  }
}
