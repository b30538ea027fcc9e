package motd.diagnostic;

/** A command was called with a value it cannot use. Exit code 2, as for picocli's own. */
public final class UsageException extends MotdException {
  public static final int EXIT_CODE = 2;

  public UsageException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return EXIT_CODE;
  }
}
