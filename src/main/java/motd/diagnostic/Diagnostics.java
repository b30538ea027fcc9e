package motd.diagnostic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one run, so all of them can be reported at once. */
public final class Diagnostics {
  private final List<Diagnostic> all = new ArrayList<>();

  public void error(Position at, String message) {
    all.add(new Diagnostic(at, Diagnostic.Severity.ERROR, message));
  }

  public void warning(Position at, String message) {
    all.add(new Diagnostic(at, Diagnostic.Severity.WARNING, message));
  }

  /** Something worth knowing that is not a problem. */
  public void note(Position at, String message) {
    all.add(new Diagnostic(at, Diagnostic.Severity.NOTE, message));
  }

  public void addAll(Diagnostics other) {
    all.addAll(other.all);
  }

  public boolean hasErrors() {
    return all.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
  }

  public long count(Diagnostic.Severity severity) {
    return all.stream().filter(d -> d.severity() == severity).count();
  }

  /** Every problem, sorted by file, line and column so output is stable. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(all);
    copy.sort(
        Comparator.comparing((Diagnostic d) -> d.position().file())
            .thenComparingInt(d -> d.position().line())
            .thenComparingInt(d -> d.position().column()));
    return copy;
  }

  /** Throws {@link InvalidInputException} carrying everything if any error was found. */
  public void throwIfErrors() {
    if (hasErrors()) {
      throw new InvalidInputException(sorted());
    }
  }
}
