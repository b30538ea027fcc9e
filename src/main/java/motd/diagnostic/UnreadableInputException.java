package motd.diagnostic;

/**
 * Some of the files a command was given could not be read: missing, unreadable, corrupt, or in no
 * format it knows. The command still did its work with the others. Exit code 1.
 */
public final class UnreadableInputException extends MotdException {
  public static final int EXIT_CODE = 1;

  public UnreadableInputException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return EXIT_CODE;
  }
}
