package motd.diagnostic;

/** One problem found in the input, printed as {@code file:line:column: severity: message}. */
public record Diagnostic(Position position, Severity severity, String message) {

  /**
   * Errors stop a build; warnings don't (unless --strict); notes only inform, such as "this is a
   * draft".
   */
  public enum Severity {
    ERROR,
    WARNING,
    NOTE;

    String label() {
      return switch (this) {
        case ERROR -> "error";
        case WARNING -> "warning";
        case NOTE -> "note";
      };
    }
  }

  @Override
  public String toString() {
    return Printable.line(position + ": " + severity.label() + ": " + message);
  }
}
