package motd.version;

/** A version or specifier that PEP 440 does not allow. The message says what is wrong. */
public final class InvalidVersionException extends IllegalArgumentException {
  public InvalidVersionException(String message) {
    super(message);
  }
}
