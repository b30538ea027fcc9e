package motd.diagnostic;

/** One problem found in the input, printed as {@code file:line:column: severity: message}. */
public record Diagnostic(Position position, Severity severity, String message) {

  /** The two kinds of problem: errors stop a build, warnings don't (unless --strict). */
  public enum Severity {
    ERROR,
    WARNING;

    String label() {
      return this == ERROR ? "error" : "warning";
    }
  }

  @Override
  public String toString() {
    return position + ": " + severity.label() + ": " + message;
  }
}
