package motd.diagnostic;

/** Output could not be written (disk full, permissions, a file in the way). Exit code 3. */
public final class OutputException extends MotdException {
  public static final int EXIT_CODE = 3;

  public OutputException(String message, Throwable cause) {
    super(message, cause);
  }

  public OutputException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return EXIT_CODE;
  }
}
