package motd.diagnostic;

/**
 * The root of every failure the tool reports to a person. Each subclass names its exit code, so the
 * command line maps failures to codes in one place and never by ordinal.
 */
public abstract class MotdException extends RuntimeException {
  protected MotdException(String message) {
    super(message);
  }

  protected MotdException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The process exit code for this failure. */
  public abstract int exitCode();
}
