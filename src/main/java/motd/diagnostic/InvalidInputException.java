package motd.diagnostic;

import java.util.List;
import java.util.stream.Collectors;

/** The announcements, configuration or templates have errors. Exit code 1. */
public final class InvalidInputException extends MotdException {
  public static final int EXIT_CODE = 1;
  private final List<Diagnostic> diagnostics;

  public InvalidInputException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  @Override
  public int exitCode() {
    return EXIT_CODE;
  }
}
