package motd.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Comma-separated PEP 440 specifiers, all of which must hold: {@code >=1.0.0rc0, <1.0.0rc6}. Parsed
 * once; matching is then a few comparisons.
 */
public final class SpecifierSet {
  private final String text;
  private final List<Specifier> clauses;

  private SpecifierSet(String text, List<Specifier> clauses) {
    this.text = text;
    this.clauses = List.copyOf(clauses);
  }

  /**
   * Parses {@code text}.
   *
   * @throws InvalidVersionException naming the clause that is wrong
   */
  public static SpecifierSet parse(String text) {
    List<Specifier> clauses = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      if (part.isBlank()) {
        throw new InvalidVersionException(
            text.isBlank()
                ? "the version specifier is empty"
                : "'" + text + "' has an empty clause");
      }
      clauses.add(Specifier.parse(part));
    }
    return new SpecifierSet(text.trim(), clauses);
  }

  /** Whether every clause holds for {@code version}. */
  public boolean contains(Version version) {
    return firstFailing(version).isEmpty();
  }

  /** The first clause {@code version} fails, for explanations. */
  public Optional<Specifier> firstFailing(Version version) {
    for (Specifier s : clauses) {
      if (!s.contains(version)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return text;
  }
}
